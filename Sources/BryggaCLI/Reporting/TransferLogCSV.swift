import Foundation
import SyncCore

/// `brygga log --csv`: the transfer log for spreadsheets, as RFC 4180 text.
///
/// A header row, then one record per entry, oldest first; fields separated by commas, records by
/// CRLF; a field holding a comma, a double quote, CR or LF is enclosed in double quotes with its
/// quotes doubled. UTF-8 without a byte-order mark. Times and money read as in `brygga log`; the
/// field changes of an entry are one field, separated by `; `, and so are its conflicts, separated by
/// ` | `.
enum TransferLogCSV {
    /// The columns, in order.
    static let header = [
        "sequence", "run", "time", "flow", "action", "direction", "key", "name", "severaID", "fortnoxID", "reason",
        "rule", "fix", "changes", "conflicts",
    ]

    /// The header record, with its CRLF.
    static var headerRecord: String { record(header) }

    /// The record of `entry`, with its CRLF.
    static func record(_ entry: TransferLogEntry, time: TimeDisplay) -> String {
        let changes = entry.changes.map { change in
            "\(change.field): \(FieldValueText.text(change.old)) → \(FieldValueText.text(change.new))"
        }
        let conflicts = entry.conflicts.map { conflict in
            let winner = conflict.winner == .projectManagement ? "Severa" : "Fortnox"
            return "\(conflict.field): Severa \(FieldValueText.text(conflict.pmValue)), Fortnox "
                + "\(FieldValueText.text(conflict.accountingValue)); \(winner) wins"
        }
        return record([
            String(entry.sequence), String(entry.runID), time.string(entry.time), entry.entity.rawValue,
            entry.action.rawValue, entry.direction == nil ? "" : TransferLogFormatter.direction(entry.direction),
            entry.naturalKey ?? "", entry.recordName ?? "", entry.pmID ?? "", entry.accountingID ?? "",
            entry.reason ?? "", entry.rule ?? "",
            entry.hint ?? "", changes.joined(separator: "; "), conflicts.joined(separator: " | "),
        ])
    }

    /// `fields` as one record.
    static func record(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// `field`, enclosed in double quotes when it must be.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
