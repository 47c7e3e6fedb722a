import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

/// Rule O3: the records a listing delivered inside the cursor's look-back are not delivered again by the
/// next listing while unchanged, and cost no further request.
@Suite("O3: the change cursor remembers what it delivered inside the look-back")
struct SeveraLookBackTests {
    /// The record numbers of customer pages.
    static func numbers(_ pages: [ChangePage<Customer>]) -> [String] {
        SeveraCustomerEndpointTests.records(pages).map(\.record.number).sorted()
    }

    /// The API paths requested since `start` exchanges, in order.
    static func paths(_ sandbox: SeveraSandbox, since start: Int) -> [String] {
        sandbox.recorder.exchanges.dropFirst(start).map(\.path)
            .filter { !$0.hasSuffix("/v1/token") && !$0.hasSuffix("/v1/refreshtoken") }
    }

    /// Seeds customers 5001…5003, each with a billing address, the last one an hour after the others, and
    /// lists them all; returns the guids by number and the cursor.
    static func listThreeCustomers(_ sandbox: SeveraSandbox) async throws -> (guids: [Int64: String], ChangeCursor) {
        var guids: [Int64: String] = [:]
        for number in Int64(5001)...5003 {
            if number == 5003 { sandbox.clock.advance(by: 3600) }
            let guid = try sandbox.seedCustomer(number: number, name: "Customer \(number)")
            try sandbox.seedAddress(customer: guid, "Street \(number)", billing: true)
            guids[number] = guid
        }
        let first = try await severaPages(sandbox.connector.customers.changes(since: nil))
        #expect(numbers(first) == ["5001", "5002", "5003"])
        return (guids, try #require(first.last?.nextCursor))
    }

    @Test(
        "O3: a no-op listing delivers nothing and costs one addresses and one customers request",
        arguments: SeveraWire.allCases)
    func noOpListingDeliversNothingInTwoRequests(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            let (_, cursor) = try await Self.listThreeCustomers(sandbox)
            #expect(cursor.value.contains("customers.seen=") && cursor.value.contains("addresses.seen="))
            var next = cursor
            for _ in 1...2 {
                sandbox.clock.advance(by: 60)
                let start = sandbox.recorder.exchanges.count
                let pages = try await severaPages(sandbox.connector.customers.changes(since: next))
                #expect(Self.numbers(pages).isEmpty)
                #expect(pages.flatMap(\.items).isEmpty)
                #expect(Self.paths(sandbox, since: start) == ["/rest-api/v1/addresses", "/rest-api/v1/customers"])
                next = try #require(pages.last?.nextCursor)
            }
        }
    }

    @Test("O3: a customer changed after the listing, even inside the look-back, is delivered again")
    func changedCustomerIsDelivered() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let (guids, cursor) = try await Self.listThreeCustomers(sandbox)
            sandbox.clock.advance(by: 0.5)
            try sandbox.direct.replace("/v1/customers/\(try #require(guids[5003]))", "/name", "Renamed 5003")
            let pages = try await severaPages(sandbox.connector.customers.changes(since: cursor))
            let records = SeveraCustomerEndpointTests.records(pages)
            #expect(records.map(\.record.name) == ["Renamed 5003"])
        }
    }

    @Test("O3: a remembered customer whose address changed is delivered with its new address")
    func customerWithChangedAddressIsDelivered() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let (guids, cursor) = try await Self.listThreeCustomers(sandbox)
            sandbox.clock.advance(by: 0.5)
            let guid = try #require(guids[5003])
            let address = try sandbox.direct.guid(
                "/v1/customers/\(guid)/addresses", where: "addressline", is: "Street 5003")
            try sandbox.direct.replace("/v1/addresses/\(address)", "/addressline", "Moved 5003")
            let start = sandbox.recorder.exchanges.count
            let pages = try await severaPages(sandbox.connector.customers.changes(since: cursor))
            let records = SeveraCustomerEndpointTests.records(pages)
            #expect(records.map(\.record.number) == ["5003"])
            #expect(records.first?.record.addresses[.billing]?.lines == ["Moved 5003"])
            #expect(
                Self.paths(sandbox, since: start) == [
                    "/rest-api/v1/addresses", "/rest-api/v1/customers", "/rest-api/v1/customers/\(guid)/addresses",
                ], "delivered from the customers listing, not skipped there and read again by number")

            sandbox.clock.advance(by: 60)
            let next = try #require(pages.last?.nextCursor)
            let quiet = try await severaPages(sandbox.connector.customers.changes(since: next))
            #expect(Self.numbers(quiet).isEmpty, "the changed address is remembered once delivered")
        }
    }

    @Test("O3: a customer committed late with a stamp inside the look-back is delivered")
    func lateCommitInsideTheLookBackIsDelivered() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let (_, cursor) = try await Self.listThreeCustomers(sandbox)
            let listed = sandbox.clock.now()
            sandbox.clock.advance(by: -1)
            try sandbox.seedCustomer(number: 5004, name: "Late AB")
            sandbox.clock.set(listed.addingTimeInterval(60))
            let pages = try await severaPages(sandbox.connector.customers.changes(since: cursor))
            #expect(Self.numbers(pages) == ["5004"])
        }
    }

    @Test("O3: a cursor written before the remembered records existed still reads and re-lists the look-back")
    func oldFormatCursorStillWorks() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let (_, cursor) = try await Self.listThreeCustomers(sandbox)
            let old = ChangeCursor(
                cursor.value.split(separator: ";").filter { !$0.contains(".seen=") }.joined(separator: ";"))
            #expect(old.value.hasPrefix("addresses=") && old.value.contains(";customers="))
            sandbox.clock.advance(by: 60)
            let pages = try await severaPages(sandbox.connector.customers.changes(since: old))
            #expect(Self.numbers(pages) == ["5003"], "nothing is remembered, so the look-back is delivered again")
            let next = try #require(pages.last?.nextCursor)
            #expect(next.value.contains("customers.seen="))
            let quiet = try await severaPages(sandbox.connector.customers.changes(since: next))
            #expect(Self.numbers(quiet).isEmpty)
        }
    }

    @Test("O3: register feeds skip remembered records and deliver changed and late ones")
    func registerFeedsSkipRememberedRecords() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let products = sandbox.connector.products
            try sandbox.seedProduct(.products, code: "P1", name: "One")
            let second = try sandbox.seedProduct(.products, code: "P2", name: "Two")
            let first = try await severaPages(products.changes(since: nil))
            #expect(SeveraProductEndpointTests.records(first).count == 2)
            let cursor = try #require(first.last?.nextCursor)

            sandbox.clock.advance(by: 60)
            let quiet = try await severaPages(products.changes(since: cursor))
            #expect(quiet.flatMap(\.items).isEmpty)
            let quietCursor = try #require(quiet.last?.nextCursor)

            let listed = sandbox.clock.now()
            sandbox.clock.advance(by: -61)
            try sandbox.seedProduct(.products, code: "P3", name: "Late")
            sandbox.clock.set(listed.addingTimeInterval(0.5))
            try sandbox.direct.replace("/v1/products/\(second)", "/name", "Two renamed")
            let changed = try await severaPages(products.changes(since: quietCursor))
            let codes = SeveraProductEndpointTests.records(changed).map(\.record.code).sorted()
            #expect(codes == ["P2", "P3"])
        }
    }
}
