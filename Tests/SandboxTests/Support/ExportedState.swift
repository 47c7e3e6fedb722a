import Foundation
import HTTPSupport
import JSONSupport
import Sandbox

/// Read access to a sandbox's exported state, for checking what the generator put where.
struct ExportedState {
    let json: JSONValue

    init(_ environment: SandboxEnvironment) {
        json = environment.exportState()
    }

    /// The fields of every Severa record of `table` (e.g. `customers`), with `guid` and `owner` added.
    func severa(_ table: String) -> [[String: JSONValue]] {
        (json["severa"]?["organisation"]?["tables"]?[table]?.arrayValue ?? []).map { record in
            var fields = record["fields"]?.objectValue ?? [:]
            fields["guid"] = record["guid"]
            if let owner = record["owner"] { fields["owner"] = owner }
            return fields
        }
    }

    /// The fields (only those differing from Fortnox's defaults) of every Fortnox record of `table`.
    func fortnox(_ table: String) -> [String: [String: JSONValue]] {
        var records: [String: [String: JSONValue]] = [:]
        for record in json["fortnox"]?["tables"]?[table]?["records"]?.arrayValue ?? [] {
            if let key = record["key"]?.stringValue { records[key] = record["fields"]?.objectValue ?? [:] }
        }
        return records
    }

    /// The Severa customer with `number`.
    func severaCustomer(_ number: Int) -> [String: JSONValue]? {
        severa("customers").first { $0["number"]?.numberValue?.int64 == Int64(number) }
    }

    /// The addresses of the Severa customer with `guid`, in the order Severa lists them.
    func severaAddresses(of guid: JSONValue?) -> [[String: JSONValue]] {
        severa("addresses").filter { $0["owner"] == guid }
    }

    /// Every Severa product-like record (products, work types, travel expense types).
    func severaProducts() -> [[String: JSONValue]] {
        severa("products") + severa("workTypes") + severa("travelExpenseTypes")
    }
}

/// A sandbox on a fixed clock with sample data, as the tests use it.
enum SampleSandbox {
    /// The time every test sandbox starts at (2026-01-01T00:00:00Z).
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// A populated in-process sandbox.
    static func make(seed: UInt64 = 7, size: SampleDataSize = .small, rateLimits: Bool = false) throws
        -> (environment: SandboxEnvironment, summary: SampleDataSummary)
    {
        let environment = SandboxEnvironment(
            configuration: .init(rateLimits: rateLimits, clock: ManualWallClock(start: start)))
        let summary = try environment.populate(with: SampleDataGenerator(seed: seed, size: size))
        return (environment, summary)
    }
}
