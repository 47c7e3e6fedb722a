import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

/// Figures for the report, run by hand in a release build; asserts nothing about time:
///
///     BRYGGA_SEVERA_PROBE=1 swift test -c release -Xswiftc -enable-testing --filter SeveraThroughputProbe
///
/// Lists 10,000 customers (with one or two addresses each) and 10,000 products through the connector,
/// in-process and over loopback, with every rate limit off, and prints requests per record and records
/// per second. At Severa's 10 requests per second the request count is what decides the time.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BRYGGA_SEVERA_PROBE"] != nil))
struct SeveraThroughputProbe {
    static let count = 10_000

    static func measure<Record>(
        _ label: String, _ sandbox: SeveraSandbox, _ feed: () -> AsyncThrowingStream<ChangePage<Record>, any Error>
    ) async throws {
        let before = sandbox.recorder.apiCalls
        let clock = ContinuousClock()
        var items = 0
        let elapsed = try await clock.measure {
            for try await page in feed() { items += page.items.count }
        }
        let requests = sandbox.recorder.apiCalls - before
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "PROBE \(label): \(items) records, \(requests) requests (\(Double(requests) / Double(items)) per record), "
                + "\(Int(Double(items) / seconds)) records/s, \(seconds) s; at 10 requests/s: \(Double(requests) / 10) s"
        )
        #expect(items == count)
    }

    @Test func listingTenThousandCustomersAndProducts() async throws {
        try await SeveraPagingTests.bothWays { sandbox in
            var tables: [String: [JSONValue]] = [:]
            let registers = ["workTypes", "travelExpenseTypes", "products"]
            for index in 1...Self.count {
                let guid = UUID().uuidString.lowercased()
                tables["customers", default: []].append(
                    sandbox.stateRecord(
                        guid: guid, ["name": .string("Customer \(index)"), "number": .number(JSONNumber(index))]))
                for flag in index % 2 == 0 ? ["isBillingAddress", "isVisitAddress"] : ["isBillingAddress"] {
                    tables["addresses", default: []].append(
                        sandbox.stateRecord(
                            owner: guid, ["addressline": .string("Street \(index)"), "city": "Stockholm", flag: true]))
                }
                var product: [String: JSONValue] = ["code": .string(String(index)), "name": .string("Item \(index)")]
                if index % 3 == 1 {
                    product["expenseClass"] = "Mileage"
                    product["unitCost"] = ["amount": 2, "currencyCode": "SEK"]
                }
                tables[registers[index % 3], default: []].append(sandbox.stateRecord(product))
            }
            try sandbox.importRecords(tables)
        } _: { sandbox, wire in
            try await Self.measure("customers \(wire)", sandbox) { sandbox.connector.customers.changes(since: nil) }
            try await Self.measure("products \(wire)", sandbox) { sandbox.connector.products.changes(since: nil) }
        }
    }
}
