import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore

/// The Severa figures: requests per record and records per second when listing customers (with their
/// addresses) and products (over the three registers), in-process and over loopback, rate limits off.
extension ConnectorsBenchmark {
    /// Lists `--records` customers (one or two addresses each) and as many products through the connector.
    static func severaListing(_ settings: Settings) throws(BenchmarkError) {
        let emulator = SeveraEmulator(configuration: .init(rateLimit: nil), clock: SystemWallClock())
        let addresses = try importSeveraRecords(settings.records, into: emulator)
        let traffic = SeveraListingTraffic(wrapping: emulator)
        print(
            "Severa listing: \(settings.records) customers with \(addresses) addresses, \(settings.records) products "
                + "over 3 registers; emulator rate limit off, \(RateLimit.severa.maxInFlight) in flight")
        for wire in ["in-process", "loopback"] {
            let server = wire == "loopback" ? LoopbackServer(name: "bench-severa", handler: traffic) : nil
            let session = server == nil ? nil : URLSessionTransport()
            defer {
                session?.invalidate()
                server?.stop()
            }
            let base: URL
            let transport: any HTTPTransport
            if let server, let session {
                do { try server.start() } catch { throw .failed(error.description) }
                guard let url = server.baseURL else { throw .failed("the loopback server has no address") }
                base = SeveraConnector.Configuration.sandboxBaseURL(server: url)
                transport = session
            } else {
                guard let url = URL(string: SeveraConnector.Configuration.productionBaseURLText) else {
                    throw .failed("bad URL")
                }
                base = url
                transport = traffic.inProcessTransport()
            }
            let connector: SeveraConnector
            do {
                connector = try SeveraConnector.sandbox(
                    baseURL: base, transport: transport,
                    rateLimit: RateLimit(
                        maxRequests: 1_000_000, window: .milliseconds(1), maxInFlight: RateLimit.severa.maxInFlight))
            } catch {
                throw .failed(error.description)
            }
            try measureSevera("customers, \(wire)", traffic) { connector.customers.changes(since: nil) }
            try measureSevera("products, \(wire)", traffic) { connector.products.changes(since: nil) }
        }
    }

    private static func measureSevera<Record: SyncRecord>(
        _ label: String, _ traffic: SeveraListingTraffic,
        _ feed: @escaping @Sendable () -> AsyncThrowingStream<ChangePage<Record>, any Error>
    ) throws(BenchmarkError) {
        _ = traffic.take()
        let started = ContinuousClock.now
        let records = try wait { () async throws -> Int in
            var count = 0
            for try await page in feed() { count += page.items.count }
            return count
        }
        let elapsed = (ContinuousClock.now - started).timeInterval
        let routes = traffic.take()
        let requests = routes.values.reduce(0, +)
        let real = RateLimit.severa
        let realRate = Double(real.maxRequests) / real.countedInterval.timeInterval
        let breakdown = routes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: " + ")
        print(
            """
              \(label): \(records) records, \(requests) requests (\(format(Double(requests) / Double(max(records, 1)), 4)) \
            per record: \(breakdown)), \(format(elapsed, 2)) s = \(format(Double(records) / max(elapsed, 0.001), 0)) \
            records/s; at Severa's \(format(realRate, 2)) requests/s: \(format(Double(requests) / realRate, 1)) s
            """)
    }

    /// Appends `count` customers with one or two addresses each and `count` products spread over the three
    /// registers through the emulator's state import (no validation, no rendering); returns the address count.
    private static func importSeveraRecords(_ count: Int, into emulator: SeveraEmulator) throws(BenchmarkError)
        -> Int
    {
        guard case .object(var state) = emulator.exportState(), case .object(var organisation)? = state["organisation"],
            case .object(var tables)? = organisation["tables"]
        else { throw .failed("the Severa emulator's exported state has an unexpected shape") }
        let now = JSONValue.number(JSONNumber(Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))))
        func record(guid: String = UUID().uuidString.lowercased(), owner: String? = nil, _ fields: [String: JSONValue])
            -> JSONValue
        {
            var record: [String: JSONValue] = [
                "guid": .string(guid), "createdAt": now, "updatedAt": now, "fields": .object(fields),
            ]
            if let owner { record["owner"] = .string(owner) }
            return .object(record)
        }
        var added: [String: [JSONValue]] = [:]
        let registers = ["workTypes", "travelExpenseTypes", "products"]
        for index in 1...max(count, 1) {
            let guid = UUID().uuidString.lowercased()
            added["customers", default: []].append(
                record(guid: guid, ["name": .string("Customer \(index)"), "number": .number(JSONNumber(index))]))
            for flag in index % 2 == 0 ? ["isBillingAddress", "isVisitAddress"] : ["isBillingAddress"] {
                added["addresses", default: []].append(
                    record(owner: guid, ["addressline": .string("Street \(index)"), "city": "Stockholm", flag: true]))
            }
            var product: [String: JSONValue] = ["code": .string(String(index)), "name": .string("Item \(index)")]
            if index % 3 == 1 {
                product["expenseClass"] = "Mileage"
                product["unitCost"] = ["amount": 2, "currencyCode": "SEK"]
            }
            added[registers[index % 3], default: []].append(record(product))
        }
        for (table, records) in added {
            tables[table] = .array((tables[table]?.arrayValue ?? []) + records)
        }
        organisation["tables"] = .object(tables)
        state["organisation"] = .object(organisation)
        do {
            try emulator.importState(.object(state))
        } catch {
            throw .failed(error.description)
        }
        return added["addresses"]?.count ?? 0
    }
}
