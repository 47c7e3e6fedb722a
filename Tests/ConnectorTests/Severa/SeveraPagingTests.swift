import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

/// Listing 10,000 records, in-process and over loopback against the same emulator (the listing reads only).
@Suite struct SeveraPagingTests {
    static let count = 10_000

    /// The ids of every item, readable or not.
    static func ids<Record>(_ pages: [ChangePage<Record>]) -> [String] {
        pages.flatMap(\.items).map { item in
            switch item {
            case .record(let record): record.id
            case .unreadable(let unreadable): unreadable.id ?? "?"
            }
        }
    }

    /// Runs `body` with an in-process and a loopback sandbox on one emulator that `seed` filled.
    static func bothWays(
        seed: (SeveraSandbox) throws -> Void, _ body: (SeveraSandbox, SeveraWire) async throws -> Void
    ) async throws {
        try await SeveraSandbox.with(.inProcess) { inProcess in
            try seed(inProcess)
            try await body(inProcess, .inProcess)
            let loopback = try SeveraSandbox(.loopback, sharing: inProcess)
            defer { loopback.shutdown() }
            try await body(loopback, .loopback)
        }
    }

    @Test("10,000 customers with addresses are listed once each; addresses are read 1000 per request")
    func tenThousandCustomersAreListedOnceEach() async throws {
        try await Self.bothWays { sandbox in
            var customers: [JSONValue] = []
            var addresses: [JSONValue] = []
            for number in 1...Self.count {
                let guid = UUID().uuidString.lowercased()
                customers.append(
                    sandbox.stateRecord(
                        guid: guid, ["name": .string("Customer \(number)"), "number": .number(JSONNumber(number))]))
                addresses.append(
                    sandbox.stateRecord(
                        owner: guid,
                        [
                            "addressline": .string("Street \(number)"), "isBillingAddress": true,
                            "isVisitAddress": .bool(number % 2 == 0),
                        ]))
            }
            try sandbox.importRecords(["customers": customers, "addresses": addresses])
        } _: { sandbox, wire in
            let pages = try await severaPages(sandbox.connector.customers.changes(since: nil))
            let ids = Self.ids(pages)
            #expect(ids.count == Self.count, "\(wire)")
            #expect(Set(ids).count == Self.count, "\(wire)")
            let records = pages.flatMap(\.items).compactMap { item -> Customer? in
                if case .record(let record) = item { return record.record }
                return nil
            }
            #expect(records.count == Self.count)
            #expect(records.allSatisfy { $0.addresses[.billing]?.lines == ["Street \($0.number)"] })
            #expect(records.filter { $0.addresses[.visiting] != nil }.count == Self.count / 2)
            #expect(pages.dropLast().allSatisfy { $0.nextCursor == nil } && pages.last?.nextCursor != nil)
            #expect(sandbox.recorder.count(.get, "/v1/customers") == Self.count / 100)
            #expect(sandbox.recorder.count(.get, "/v1/addresses") == Self.count / 1000 + 1, "the last page is empty")
            #expect(sandbox.recorder.apiCalls == Self.count / 100 + Self.count / 1000 + 2, "plus the countries")
        }
    }

    @Test("10,000 products over three registers are listed once each")
    func tenThousandProductsAreListedOnceEach() async throws {
        try await Self.bothWays { sandbox in
            var tables: [String: [JSONValue]] = [:]
            let names = ["workTypes", "travelExpenseTypes", "products"]
            for index in 0..<Self.count {
                var fields: [String: JSONValue] = [
                    "code": .string(String(100_000 + index)), "name": .string("Item \(index)"),
                ]
                if index % 3 == 1 {
                    fields["expenseClass"] = "Mileage"
                    fields["unitCost"] = ["amount": 2, "currencyCode": "SEK"]
                }
                tables[names[index % 3], default: []].append(sandbox.stateRecord(fields))
            }
            try sandbox.importRecords(tables)
        } _: { sandbox, wire in
            let pages = try await severaPages(sandbox.connector.products.changes(since: nil))
            let ids = Self.ids(pages)
            #expect(ids.count == Self.count, "\(wire)")
            #expect(Set(ids).count == Self.count, "\(wire)")
            let kinds = Dictionary(grouping: ids) { String($0.split(separator: ":")[0]) }.mapValues(\.count)
            #expect(kinds == ["worktype": 3334, "travelexpensetype": 3333, "product": 3333])
            #expect(sandbox.recorder.count(.get, "/v1/products") == 34)
            #expect(sandbox.recorder.count(.get, "/v1/worktypes") == 4)
            #expect(sandbox.recorder.count(.get, "/v1/travelexpensetypes") == 4)
        }
    }
}
