import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: lists, paging and lastmodified")
struct FortnoxListingTests {
    private func meta(_ response: FortnoxResponse) -> [Int] {
        let meta = response.json["MetaInformation"]
        return ["@TotalResources", "@TotalPages", "@CurrentPage"].map { Int(meta?[$0]?.numberValue?.int64 ?? -1) }
    }

    private func numbers(_ response: FortnoxResponse, _ key: String = "Customers", _ field: String = "CustomerNumber")
        -> [String]
    {
        (response.json[key]?.arrayValue ?? []).compactMap { $0[field]?.stringValue }
    }

    private func seedCustomers(_ harness: FortnoxHarness, _ count: Int) throws {
        for index in 1...count { _ = try harness.emulator.seed(.customers, ["Name": .string("Kund \(index)")]) }
    }

    @Test func anEmptyListHasMetaInformation001AndAnEmptyArray() throws {
        let harness = try FortnoxHarness()
        let response = harness.send(.get, "/3/customers")
        #expect(response.status == 200)
        #expect(
            response.json == [
                "MetaInformation": ["@TotalResources": 0, "@TotalPages": 0, "@CurrentPage": 1], "Customers": [],
            ])
    }

    @Test func exactlyOneFullPage() throws {
        let harness = try FortnoxHarness()
        try seedCustomers(harness, 100)
        let response = harness.send(.get, "/3/customers")
        #expect(meta(response) == [100, 1, 1])
        #expect(numbers(response).count == 100)
        #expect(numbers(harness.send(.get, "/3/customers?page=2")).isEmpty)
    }

    @Test func theLastPageIsPartialAndPagesFollowKeyOrder() throws {
        let harness = try FortnoxHarness()
        try seedCustomers(harness, 12)
        let first = harness.send(.get, "/3/customers?limit=5&page=1")
        #expect(meta(first) == [12, 3, 1])
        #expect(numbers(first) == ["1", "2", "3", "4", "5"])
        let last = harness.send(.get, "/3/customers?limit=5&page=3")
        #expect(meta(last) == [12, 3, 3])
        #expect(numbers(last) == ["11", "12"])
    }

    @Test func offsetSkipsRecordsBeforeThePage() throws {
        let harness = try FortnoxHarness()
        try seedCustomers(harness, 12)
        let response = harness.send(.get, "/3/customers?limit=5&offset=3")
        #expect(numbers(response) == ["4", "5", "6", "7", "8"])
        #expect(meta(response) == [12, 2, 1])
    }

    @Test func limit500IsAcceptedAndAboveIsRejectedWith2000588() throws {
        let harness = try FortnoxHarness()
        try seedCustomers(harness, 501)
        let full = harness.send(.get, "/3/customers?limit=500")
        #expect(meta(full) == [501, 2, 1])
        #expect(numbers(full).count == 500)
        let tooMany = harness.send(.get, "/3/customers?limit=501")
        #expect(tooMany.status == 400)
        #expect(tooMany.errorCode == 2_000_588)
        #expect(harness.send(.get, "/3/customers?page=0").errorCode == 2_000_588)
    }

    @Test func lastmodifiedIsStockholmLocalTimeInclusiveAndWholeMinutes() throws {
        // 2026-01-01 00:00 UTC is 01:00 in Stockholm.
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "Old"])
        harness.clock.advance(by: 1800)  // 01:30 local
        try harness.create("customers", "Customer", ["Name": "New"])
        #expect(numbers(harness.send(.get, "/3/customers?lastmodified=2026-01-01%2001:00")) == ["1", "2"])
        #expect(numbers(harness.send(.get, "/3/customers?lastmodified=2026-01-01%2001:01")) == ["2"])
        #expect(numbers(harness.send(.get, "/3/customers?lastmodified=2026-01-01+01:30")) == ["2"])
        #expect(numbers(harness.send(.get, "/3/customers?lastmodified=2026-01-01%2001:31")).isEmpty)
        #expect(numbers(harness.send(.get, "/3/customers?lastmodified=2026-01-01%2000:30")) == ["1", "2"])
        #expect(harness.send(.get, "/3/customers?lastmodified=yesterday").errorCode == 2_000_588)
        // Fortnox documents minutes (`2022-11-25 06:00`): a value with seconds is refused, so a client
        // that relied on seconds fails here as it would against Fortnox.
        #expect(harness.send(.get, "/3/customers?lastmodified=2026-01-01%2001:00:01").errorCode == 2_000_588)
    }

    @Test func everyAnswerCarriesTheEmulatorsClockAsDate() throws {
        let harness = try FortnoxHarness()
        harness.clock.advance(by: 61.5)
        let response = harness.send(.get, "/3/customers")
        #expect(response.headers["Date"] == "Thu, 01 Jan 2026 00:01:01 GMT")
    }

    @Test func everyWriteUpdatesTheModificationStamp() throws {
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "A"])
        try harness.create("customers", "Customer", ["Name": "B"])
        harness.clock.advance(by: 600)  // 01:10 local
        #expect(harness.send(.put, "/3/customers/1", ["Customer": ["City": "Lund"]]).status == 200)
        #expect(numbers(harness.send(.get, "/3/customers?lastmodified=2026-01-01%2001:05")) == ["1"])
    }

    @Test func anInvalidFilterGetsTheRecordedError() throws {
        let harness = try FortnoxHarness()
        let response = harness.send(.get, "/3/invoices?filter=doesntexist")
        #expect(response.status == 400)
        #expect(
            response.json
                == ["ErrorInformation": ["error": 1, "message": "Ett ogiltigt filter har använts.", "code": 2_000_587]]
        )
    }

    @Test func filtersSelectActiveAndInactiveCustomers() throws {
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "On"])
        try harness.create("customers", "Customer", ["Name": "Off", "Active": false])
        #expect(numbers(harness.send(.get, "/3/customers?filter=active")) == ["1"])
        #expect(numbers(harness.send(.get, "/3/customers?filter=inactive")) == ["2"])
    }

    @Test func searchParametersMatchCaseInsensitiveSubstrings() throws {
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "Acme Sverige AB", "City": "Göteborg"])
        try harness.create("customers", "Customer", ["Name": "Beta AB", "City": "Lund"])
        #expect(numbers(harness.send(.get, "/3/customers?name=SVERIGE")) == ["1"])
        #expect(numbers(harness.send(.get, "/3/customers?name=ab")) == ["1", "2"])
        #expect(numbers(harness.send(.get, "/3/customers?city=g%C3%B6te")) == ["1"])
        #expect(numbers(harness.send(.get, "/3/customers?name=gamma")).isEmpty)
    }

    @Test func sortbyAndSortorderOrderTheList() throws {
        let harness = try FortnoxHarness()
        for name in ["Cesar", "Adam", "Bertil"] { try harness.create("customers", "Customer", ["Name": .string(name)]) }
        #expect(numbers(harness.send(.get, "/3/customers?sortby=name")) == ["2", "3", "1"])
        #expect(numbers(harness.send(.get, "/3/customers?sortby=name&sortorder=descending")) == ["1", "3", "2"])
        #expect(numbers(harness.send(.get, "/3/customers?sortorder=descending")) == ["3", "2", "1"])
        #expect(harness.send(.get, "/3/customers?sortby=shoesize").errorCode == 2_000_588)
    }

    @Test func numericKeysListInNumericOrder() throws {
        let harness = try FortnoxHarness()
        for number in ["10", "9", "100", "B", "A"] {
            try harness.create("customers", "Customer", ["Name": "x", "CustomerNumber": .string(number)])
        }
        #expect(numbers(harness.send(.get, "/3/customers")) == ["9", "10", "100", "A", "B"])
    }

    @Test func pagingThroughALastmodifiedListSeesEveryRecordOnce() throws {
        let harness = try FortnoxHarness()
        try seedCustomers(harness, 1_200)
        var seen: [String] = []
        var page = 1
        while true {
            let response = harness.send(.get, "/3/customers?lastmodified=2026-01-01%2000:00&limit=500&page=\(page)")
            seen += numbers(response)
            let values = meta(response)
            if values[2] >= values[1] { break }
            page += 1
        }
        #expect(seen.count == 1_200)
        #expect(Set(seen).count == 1_200)
    }
}
