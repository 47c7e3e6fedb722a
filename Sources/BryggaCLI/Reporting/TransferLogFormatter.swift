import Foundation
import JSONSupport
import SyncCore

/// Transfer-log entries as text an operator reads in an 80–120 column terminal (`brygga log`,
/// `brygga run --dry-run`).
///
/// One line per entry with the time (UTC), run, flow, action, direction and ids, then indented lines
/// for the reason (wrapped at 120 columns), the hint, the field diff and the conflicts:
///
/// ```
/// 2026-03-02T06:00:04Z  run 12  customer  created  Severa→Fortnox  key 10008  pm 5f0c…  acct 10008
///     reason: …
///     vatNumber: "SE556677889901" → "SE556677889902"
/// ```
enum TransferLogFormatter {
    /// The width reasons and hints are wrapped to.
    static let width = 120

    /// The lines of `entry`.
    static func lines(_ entry: TransferLogEntry) -> [String] {
        var head = [
            timestamp(entry.time), "run \(entry.runID)", pad(entry.entity.rawValue, 8), pad(entry.action.rawValue, 8),
            pad(direction(entry.direction), 14),
        ]
        if let key = entry.naturalKey, !key.isEmpty { head.append("key \(key)") }
        // An id equal to the key (Fortnox customer and project numbers) is not repeated.
        if let pmID = entry.pmID, pmID != entry.naturalKey { head.append("pm \(pmID)") }
        if let accountingID = entry.accountingID, accountingID != entry.naturalKey {
            head.append("acct \(accountingID)")
        }
        var lines = [head.joined(separator: "  ").trimmingTrailingSpaces]
        if let reason = entry.reason, !reason.isEmpty {
            lines += TextLayout.wrap(reason + (entry.rule.map { " (\($0))" } ?? ""), indent: 4, width: width)
        }
        if let hint = entry.hint, !hint.isEmpty { lines += TextLayout.wrap("fix: " + hint, indent: 4, width: width) }
        for change in entry.changes {
            lines.append("    \(change.field): \(value(change.old)) → \(value(change.new))")
        }
        for conflict in entry.conflicts {
            let winner = conflict.winner == .projectManagement ? "Severa" : "Fortnox"
            lines.append(
                "    conflict \(conflict.field): Severa \(value(conflict.pmValue)), Fortnox "
                    + "\(value(conflict.accountingValue)); \(winner) wins")
        }
        return lines
    }

    /// `2026-03-02T06:00:04Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// `Severa→Fortnox`, `Fortnox→Severa`, or `-`.
    static func direction(_ direction: SyncDirection?) -> String {
        switch direction {
        case .pmToAccounting: "Severa→Fortnox"
        case .accountingToPM: "Fortnox→Severa"
        case nil: "-"
        }
    }

    /// A field value as compact JSON, `(none)` when absent.
    static func value(_ value: JSONValue?) -> String {
        value.map { JSONSerializer.string($0) } ?? "(none)"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
