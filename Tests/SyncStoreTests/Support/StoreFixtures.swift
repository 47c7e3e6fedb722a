import Foundation
import JSONSupport
import SyncCore

@testable import SyncStore

/// Builders for the values the tests store.
enum StoreFixtures {
    /// A time `milliseconds` after an arbitrary epoch; whole milliseconds round-trip exactly.
    static func time(_ milliseconds: Int64) -> Date {
        Date(epochMilliseconds: 1_767_225_600_000 + milliseconds)
    }

    /// The JSON number written `literal` (a fixture constant, so it is valid).
    static func number(_ literal: String) -> JSONValue {
        guard let number = JSONNumber(literal: literal) else {
            preconditionFailure("invalid fixture number \(literal)")
        }
        return .number(number)
    }

    /// A link whose snapshots hold a money amount with its exact digits and a nested object.
    static func link(
        _ entity: EntityKind = .customer, pm: String, acct: String, key: String? = nil, at milliseconds: Int64 = 0,
        name: String = "Acme AB"
    ) -> RecordLink {
        let snapshot: JSONValue = [
            "name": .string(name), "number": .string(key ?? acct),
            "creditLimit": number("12345678901234567890.10"),
            "address": ["city": "Göteborg", "street": nil], "tags": ["a", "b"], "active": true,
        ]
        return RecordLink(
            entity: entity, pmID: pm, accountingID: acct, naturalKey: key ?? acct, pmSnapshot: snapshot,
            accountingSnapshot: ["CustomerNumber": .string(acct), "Name": .string(name)], pmVersion: "v-\(pm)",
            syncedAt: time(milliseconds))
    }

    /// A transfer-log entry of run `runID`.
    static func entry(
        run runID: Int64, _ entity: EntityKind = .customer, _ action: TransferAction = .created, pm: String? = nil,
        acct: String? = nil, key: String? = nil, at milliseconds: Int64 = 0
    ) -> TransferLogEntry {
        TransferLogEntry(
            runID: runID, time: time(milliseconds), entity: entity, direction: .pmToAccounting, action: action,
            pmID: pm, accountingID: acct, naturalKey: key, reason: action == .created ? nil : "because",
            hint: action == .failed ? "fix it" : nil, rule: "R2.1",
            changes: [
                FieldChange(field: "name", old: nil, new: "Acme"),
                FieldChange(field: "vatNumber", old: .null, new: nil),
                FieldChange(field: "amount", old: number("0.10"), new: .number(JSONNumber(1))),
            ],
            conflicts: [FieldConflict(field: "email", pmValue: "a@x.se", accountingValue: nil, winner: .accounting)]
        )
    }

    /// A failure of `id` on the project-management side.
    static func failure(
        _ entity: EntityKind = .invoice, id: String, reason: String = "VAT code missing", at milliseconds: Int64,
        key: String? = nil
    ) -> PendingRetry {
        PendingRetry(
            entity: entity, side: .projectManagement, sourceID: id, naturalKey: key, reason: reason,
            firstFailedAt: time(milliseconds), lastFailedAt: time(milliseconds), attempts: 1)
    }

    /// An intent to create `source` on the accounting side.
    static func intent(run runID: Int64, source: String, key: String, at milliseconds: Int64 = 0) -> WriteIntent {
        WriteIntent(
            runID: runID, entity: .invoice, target: .accounting, operation: .create, naturalKey: key,
            sourceID: source, openedAt: time(milliseconds))
    }
}
