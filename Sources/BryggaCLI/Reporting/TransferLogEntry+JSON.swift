import Foundation
import JSONSupport
import SyncCore

extension TransferLogEntry {
    /// The entry as one JSON object, for `brygga log --json` (one object per line).
    ///
    /// Members: `sequence`, `run`, `time` (ISO 8601, UTC, milliseconds), `entity`, `direction`
    /// (`pm_to_acct`, `acct_to_pm` or null), `action`, `pmID`, `accountingID`, `naturalKey`, `recordName`, `reason`,
    /// `hint`, `rule` (each null when absent), `changes` (`[{field, old, new}]`, a missing value null) and
    /// `conflicts` (`[{field, severa, fortnox, winner}]`, winner `severa` or `fortnox`).
    var json: JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let changes = self.changes.map { change -> JSONValue in
            ["field": .string(change.field), "old": change.old ?? .null, "new": change.new ?? .null]
        }
        let conflicts = self.conflicts.map { conflict -> JSONValue in
            [
                "field": .string(conflict.field), "severa": conflict.pmValue ?? .null,
                "fortnox": conflict.accountingValue ?? .null,
                "winner": .string(conflict.winner == .projectManagement ? "severa" : "fortnox"),
            ]
        }
        return [
            "sequence": .number(JSONNumber(sequence)), "run": .number(JSONNumber(runID)),
            "time": .string(time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
            "entity": .string(entity.rawValue), "direction": text(direction?.rawValue),
            "action": .string(action.rawValue), "pmID": text(pmID), "accountingID": text(accountingID),
            "naturalKey": text(naturalKey), "recordName": text(recordName), "reason": text(reason), "hint": text(hint),
            "rule": text(rule),
            "changes": .array(changes), "conflicts": .array(conflicts),
        ]
    }
}
