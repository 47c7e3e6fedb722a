import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraTokenPagingTests {
    /// Follows `NextPageToken` from `path` and returns the pages' sizes and all names.
    private func pages(_ harness: SeveraTestHarness, _ path: String, rowCount: Int? = nil) throws
        -> (sizes: [Int], names: [String])
    {
        var sizes: [Int] = []
        var names: [String] = []
        var token: String?
        let separator = path.contains("?") ? "&" : "?"
        repeat {
            var target = path
            var parameters: [String] = []
            if let rowCount { parameters.append("rowCount=\(rowCount)") }
            if let token { parameters.append("pageToken=\(token)") }
            if !parameters.isEmpty { target += separator + parameters.joined(separator: "&") }
            let response = harness.call(.get, target)
            #expect(response.status == 200)
            let page = try SeveraTestHarness.json(response).arrayValue ?? []
            sizes.append(page.count)
            names += page.compactMap { $0["name"]?.stringValue }
            token = response.headers["NextPageToken"]
        } while token != nil && sizes.count < 1000
        return (sizes, names)
    }

    private func seedCustomers(_ harness: SeveraTestHarness, _ count: Int) throws {
        for index in 0..<count { try harness.emulator.seed(.customers, ["name": .string("C\(index)")]) }
    }

    @Test func anEmptyListIsOnePageWithoutNextPageToken() throws {
        let harness = try SeveraTestHarness()
        let response = harness.call(.get, "customers")
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "[]")
        #expect(response.headers["NextPageToken"] == nil)
    }

    @Test func exactlyOnePageHasNoNextPageToken() throws {
        let harness = try SeveraTestHarness()
        try seedCustomers(harness, 20)
        let result = try pages(harness, "customers")
        #expect(result.sizes == [20])
    }

    @Test func theLastPartialPageEndsThePagingInCreationOrder() throws {
        let harness = try SeveraTestHarness()
        try seedCustomers(harness, 45)
        let result = try pages(harness, "customers")
        #expect(result.sizes == [20, 20, 5])
        #expect(result.names == (0..<45).map { "C\($0)" })
        let byTen = try pages(harness, "customers", rowCount: 15)
        #expect(byTen.sizes == [15, 15, 15])
    }

    @Test func rowCountAbove100IsServedAs100() throws {
        let harness = try SeveraTestHarness()
        try seedCustomers(harness, 150)
        let result = try pages(harness, "customers", rowCount: 500)
        #expect(result.sizes == [100, 50])
        SeveraTestHarness.expectError(
            harness.call(.get, "customers?rowCount=0"), status: 400, type: "InvalidParameter", name: "rowCount")
    }

    @Test func aPageTokenStaysValidWhileRecordsAreAdded() throws {
        let harness = try SeveraTestHarness()
        try seedCustomers(harness, 25)
        let first = harness.call(.get, "customers")
        let token = try #require(first.headers["NextPageToken"])
        try harness.emulator.seed(.customers, ["name": "Late"])
        let second = harness.call(.get, "customers?pageToken=\(token)")
        let names = try SeveraTestHarness.json(second).arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == (20..<25).map { "C\($0)" } + ["Late"])
        #expect(second.headers["NextPageToken"] == nil)
    }

    @Test func aPageTokenSurvivesDeletionsAndRejectsOtherFiltersOrGarbage() throws {
        let harness = try SeveraTestHarness()
        try seedCustomers(harness, 25)
        let first = harness.call(.get, "customers")
        let token = try #require(first.headers["NextPageToken"])
        let firstPage = try SeveraTestHarness.json(first).arrayValue ?? []
        #expect(harness.call(.delete, "customers/\(try SeveraTestHarness.guid(firstPage[3]))").status == 204)
        let second = try harness.get("customers?pageToken=\(token)").arrayValue ?? []
        #expect(second.count == 5)
        SeveraTestHarness.expectError(
            harness.call(.get, "customers?isActive=true&pageToken=\(token)"), status: 400, type: "InvalidParameter",
            name: "pageToken")
        SeveraTestHarness.expectError(
            harness.call(.get, "customers?pageToken=garbage"), status: 400, type: "InvalidParameter", name: "pageToken")
        SeveraTestHarness.expectError(
            harness.call(.get, "products?pageToken=\(token)"), status: 400, type: "InvalidParameter", name: "pageToken")
    }

    @Test func changedSinceIsGreaterOrEqualOnLastUpdatedAndEveryWriteMovesIt() throws {
        let harness = try SeveraTestHarness()
        let old = try SeveraTestHarness.guid(try harness.emulator.seed(.customers, ["name": "Old"]))
        harness.clock.advance(by: 60)
        try harness.emulator.seed(.customers, ["name": "New"])
        func names(_ since: String) throws -> [String] {
            try harness.get("customers?changedSince=\(since)").arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }
        #expect(try names("2026-01-01T00:01:00.000Z") == ["New"])
        #expect(try names("2026-01-01T00:00:00Z") == ["Old", "New"])
        #expect(try names("2026-01-01T01:00:59%2B01:00") == ["New"])
        harness.clock.advance(by: 60)
        _ = harness.call(.patch, "customers/\(old)", body: [["op": "replace", "path": "/notes", "value": "x"]])
        #expect(try names("2026-01-01T00:02:00.000Z") == ["Old"])
        SeveraTestHarness.expectError(
            harness.call(.get, "customers?changedSince=yesterday"), status: 400, type: "InvalidParameter",
            name: "changedSince")
    }

    @Test func pagingWithChangedSinceVisitsEveryMatchOnce() throws {
        let harness = try SeveraTestHarness()
        for index in 0..<250 {
            try harness.emulator.seed(.products, ["name": .string("P\(index)"), "code": .string("\(index)")])
            if index == 99 { harness.clock.advance(by: 10) }
        }
        let result = try pages(harness, "products?changedSince=2026-01-01T00:00:10Z", rowCount: 100)
        #expect(result.sizes == [100, 50])
        #expect(result.names == (100..<250).map { "P\($0)" })
    }

    @Test(arguments: ["products", "projects", "projectfees", "invoices", "invoicerows", "users", "deletedprojectfees"])
    func everyTokenPagedRouteAnswersWithoutNextPageTokenWhenShort(path: String) throws {
        let harness = try SeveraTestHarness()
        let response = harness.call(.get, "\(path)?rowCount=100")
        #expect(response.status == 200)
        #expect(response.headers["NextPageToken"] == nil)
        #expect(try SeveraTestHarness.json(response).arrayValue != nil)
    }
}

@Suite struct SeveraShiftingPageTokenTests {
    /// 30 invoices in "Ready for transfer".
    private func queue(_ harness: SeveraTestHarness) throws -> String {
        let customer = try harness.seedCustomer("Acme AB")
        let ready = try harness.invoiceStatus("Ready for transfer")
        for number in 1...30 {
            try harness.emulator.seed(
                .invoices,
                [
                    "customer": ["guid": .string(customer)], "status": ["guid": .string(ready)],
                    "number": .number(JSONNumber(number)),
                ])
        }
        return ready
    }

    /// Pages the queue with `rowCount=10`, moving every listed invoice to Transferred before the next page
    /// when `moveWhilePaging`, and returns the numbers seen.
    private func drain(_ harness: SeveraTestHarness, ready: String, moveWhilePaging: Bool) throws -> [Int64] {
        let transferred = try harness.invoiceStatus("Transferred")
        var seen: [Int64] = []
        var token: String?
        repeat {
            let target = "invoices?invoiceStatusGuids=\(ready)&rowCount=10" + (token.map { "&pageToken=\($0)" } ?? "")
            let response = harness.call(.get, target)
            let page = try SeveraTestHarness.json(response).arrayValue ?? []
            seen += page.compactMap { $0["number"]?.numberValue?.int64 }
            if moveWhilePaging {
                for invoice in page {
                    _ = harness.call(
                        .patch, "invoices/\(try SeveraTestHarness.guid(invoice))",
                        body: [["op": "replace", "path": "/status/guid", "value": .string(transferred)]])
                }
            }
            token = response.headers["NextPageToken"]
        } while token != nil && seen.count < 100
        return seen
    }

    @Test("R4.1: with shifting tokens, moving invoices while paging a status queue skips some")
    func shiftingTokensSkipInvoicesThatMovedUpTheQueue() throws {
        let positional = try SeveraTestHarness()
        let positionalReady = try queue(positional)
        #expect(try drain(positional, ready: positionalReady, moveWhilePaging: true) == Array(1...30))

        let shifting = try SeveraTestHarness(configuration: .init(rateLimit: nil, shiftingPageTokens: true))
        let ready = try queue(shifting)
        #expect(try drain(shifting, ready: ready, moveWhilePaging: false) == Array(1...30))
        let missed = try drain(shifting, ready: ready, moveWhilePaging: true)
        #expect(missed == Array(1...10) + Array(21...30))

        let toggled = try SeveraTestHarness()
        let toggledReady = try queue(toggled)
        toggled.emulator.setShiftingPageTokens(true)
        #expect(try drain(toggled, ready: toggledReady, moveWhilePaging: true).count == 20)
    }
}
