import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

/// Loads many records at once through the emulator's state import: no validation and no rendering, so
/// 10,000 records take a fraction of a second instead of seconds one seed at a time.
extension SeveraSandbox {
    /// One record in the emulator's state format, stamped with the clock's current time.
    func stateRecord(guid: String = UUID().uuidString.lowercased(), owner: String? = nil, _ fields: [String: JSONValue])
        -> JSONValue
    {
        let now = JSONValue.number(JSONNumber(Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down))))
        var record: [String: JSONValue] = [
            "guid": .string(guid), "createdAt": now, "updatedAt": now, "fields": .object(fields),
        ]
        if let owner { record["owner"] = .string(owner) }
        return .object(record)
    }

    /// Appends `records` to the emulator's tables (named as the emulator's kinds: `customers`, `addresses`,
    /// `workTypes`, `travelExpenseTypes`, `products`).
    func importRecords(_ records: [String: [JSONValue]]) throws {
        guard case .object(var state) = emulator.exportState(), case .object(var organisation)? = state["organisation"],
            case .object(var tables)? = organisation["tables"]
        else { throw SeveraTestFailure("the emulator's exported state has an unexpected shape") }
        for (table, added) in records {
            tables[table] = .array((tables[table]?.arrayValue ?? []) + added)
        }
        organisation["tables"] = .object(tables)
        state["organisation"] = .object(organisation)
        try emulator.importState(.object(state))
    }
}
