import BryggaCLI
import FortnoxConnector
import Foundation
import Sandbox
import SeveraConnector
import SyncCore

/// Users' edits between two runs of `brygga-bench requests`: the same connectors Brygga uses, in this
/// process, against the sandbox (so they reach it as edits through the real APIs would).
enum RequestsBenchmarkEdits {
    /// Edits `customers` linked customers and `products` linked products on each side.
    ///
    /// - Returns: How many records were edited.
    static func apply(
        configuration path: String, rig: RequestsBenchmarkRig, customers: Int, products: Int
    ) throws(BenchmarkError) -> Int {
        let configuration: BryggaConfiguration
        let secrets: ClientSecrets
        var environment = ProcessInfo.processInfo.environment
        environment[ClientSecrets.severaVariable] = rig.child.ready.credentials.severaClientSecret
        environment[ClientSecrets.fortnoxVariable] = rig.child.ready.credentials.fortnoxClientSecret
        do {
            configuration = try ConfigurationLoader.load(path: path)
            secrets = try ClientSecrets.load(secretsFile: configuration.secretsFilePath, environment: environment)
        } catch {
            throw .failed("cannot load \(path): \(error)")
        }
        return try ConnectorsBenchmark.wait {
            let runtime = try BryggaRuntime.live(configuration: configuration, secrets: secrets)
            defer { runtime.shutdown() }
            let customerKeys = try await keys(runtime.fortnox.customers, count: 2 * customers)
            let productKeys = try await keys(runtime.fortnox.products, count: 2 * products)
            for (index, key) in customerKeys.enumerated() {
                let endpoint = index < customers ? runtime.fortnox.customers : runtime.severa.customers
                try await edit(endpoint, key: key) { $0.email = "changed-\(index)@example.se" }
            }
            for (index, key) in productKeys.enumerated() {
                let endpoint = index < products ? runtime.fortnox.products : runtime.severa.products
                try await edit(endpoint, key: key) { $0.name += " (\(index))" }
            }
            return customerKeys.count + productKeys.count
        }
    }

    /// The natural keys of the first `count` records `endpoint` lists.
    private static func keys<Record: SyncRecord>(_ endpoint: any RecordEndpoint<Record>, count: Int) async throws
        -> [String]
    {
        var keys: [String] = []
        for try await page in endpoint.changes(since: nil) {
            for case .record(let read) in page.items where keys.count < count {
                let key = read.record.naturalKey
                if !key.isEmpty { keys.append(key) }
            }
            if keys.count >= count { break }
        }
        return keys
    }

    private static func edit<Record: SyncRecord>(
        _ endpoint: any RecordEndpoint<Record>, key: String, change: (inout Record) -> Void
    ) async throws {
        guard let current = try await endpoint.find(naturalKey: key) else {
            throw BenchmarkError.failed("no record \(key) to edit")
        }
        var changed = current.record
        change(&changed)
        let fields = Set(endpoint.carriedFields(for: changed))
        _ = try await endpoint.update(id: current.id, fields: fields, to: changed)
    }
}
