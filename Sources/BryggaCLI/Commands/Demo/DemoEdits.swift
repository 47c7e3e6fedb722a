import FortnoxConnector
import JSONSupport
import SeveraConnector
import SyncCore

/// The edits `brygga demo` makes between its runs, as users of the two systems would: a change in
/// Severa, a change in Fortnox, and the same field changed differently on both sides (a conflict the
/// customer master decides, R2.5).
///
/// The edits go through the connectors' own endpoints, so they reach the sandboxes exactly as a
/// user's edit through the real APIs would; the engine's state knows nothing of them.
struct DemoEdits {
    /// One edit, as the demo prints it.
    struct Edit: Sendable {
        /// What was changed, e.g. `Severa customer 10003: website → "https://…"`.
        let description: String
    }

    /// The connectors the edits go through.
    let runtime: BryggaRuntime

    /// Makes the three edits on records the earlier runs linked.
    ///
    /// - Parameters:
    ///   - customers: Numbers of linked customers (at least two).
    ///   - productCode: The code of a linked product.
    /// - Returns: What was edited, in order.
    /// - Throws: ``CommandFailure`` when a record cannot be read or written.
    func apply(customers: [String], productCode: String) async throws(CommandFailure) -> [Edit] {
        guard customers.count >= 2 else {
            throw CommandFailure(
                .internalError, "the first runs linked fewer than two customers; there is nothing to edit")
        }
        let severaEdit = try await edit(runtime.severa.customers, key: customers[0], system: "Severa") {
            $0.website = "https://customer-\(customers[0]).example.se"
        }
        let renamed = try await edit(runtime.fortnox.products, key: productCode, system: "Fortnox") {
            $0.name += " (2027)"
        }
        let domain = "example.se"
        try await edit(runtime.severa.customers, key: customers[1], system: "Severa") {
            $0.email = "finance@\(domain)"
        }
        try await edit(runtime.fortnox.customers, key: customers[1], system: "Fortnox") {
            $0.email = "invoices@\(domain)"
        }
        return [
            Edit(description: "Severa customer \(customers[0]): website → \"\(severaEdit.website ?? "")\""),
            Edit(description: "Fortnox article \(productCode): name → \"\(renamed.name)\""),
            Edit(
                description: "customer \(customers[1]): e-mail → \"finance@\(domain)\" in Severa and "
                    + "\"invoices@\(domain)\" in Fortnox (a conflict)"),
        ]
    }

    /// Reads the record `key` from `endpoint`, changes it and writes the changed members back.
    @discardableResult
    private func edit<Record: SyncRecord>(
        _ endpoint: any RecordEndpoint<Record>, key: String, system: String, change: (inout Record) -> Void
    ) async throws(CommandFailure) -> Record {
        let found: RemoteRecord<Record>?
        do throws(ConnectorError) {
            found = try await endpoint.find(naturalKey: key)
        } catch {
            throw CommandFailure(.internalError, "reading \(key) in \(system) failed: \(error)")
        }
        guard let current = found else {
            throw CommandFailure(.internalError, "\(system) has no record \(key) to edit")
        }
        var changed = current.record
        change(&changed)
        let fields = changedFields(from: current.record, to: changed)
        do throws(ConnectorError) {
            return try await endpoint.update(id: current.id, fields: fields, to: changed).record
        } catch {
            throw CommandFailure(.internalError, "editing \(key) in \(system) failed: \(error)")
        }
    }

    /// The canonical members that differ between `old` and `new`.
    private func changedFields<Record: SyncRecord>(from old: Record, to new: Record) -> Set<String> {
        let before = old.canonicalJSON.objectValue ?? [:]
        let after = new.canonicalJSON.objectValue ?? [:]
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }
}
