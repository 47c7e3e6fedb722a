import Foundation
import JSONSupport
import SyncCore

/// Transfer-log entries as text an operator reads (`brygga log`, `brygga run --dry-run`, the demo).
///
/// One line per entry with the time, run, flow, action, direction and ids, then indented lines for
/// the reason, the hint, the field diff (money as `1250.00 SEK`, ``FieldValueText``) and the conflicts:
///
/// ```
/// 2026-03-02T07:00:04+01:00  run 12  customer  created  Severa→Fortnox  key 10008  "Acme AB"  pm 5f0c…  acct 10008
///     reason: …
///     vatNumber: "SE556677889901" → "SE556677889902"
/// ```
///
/// Reasons and hints are wrapped at 120 columns for a terminal; when the output goes to a file or a
/// pipe (``wrapWidth`` `nil`) each stays on one line, so `grep` finds it whole.
struct TransferLogFormatter {
    /// The width reasons and hints are wrapped to in a terminal.
    static let width = 120

    /// How times are written; UTC by default (the demo, whose output the README shows).
    var time = TimeDisplay.utc
    /// The width to wrap reasons and hints to, or `nil` for no wrapping.
    var wrapWidth: Int? = Self.width

    /// The formatter for a command's output: times in the local zone (UTC with `utc`), wrapped only
    /// when standard output is a terminal.
    init(context: CommandContext, utc: Bool) {
        time = TimeDisplay(environment: context.environment, utc: utc)
        wrapWidth = context.console.isTerminal ? Self.width : nil
    }

    /// The formatter with UTC times, wrapped at 120 columns.
    init() {}

    /// The lines of `entry`.
    func lines(_ entry: TransferLogEntry) -> [String] {
        var head = [
            time.string(entry.time), "run \(entry.runID)", pad(entry.entity.rawValue, 8), pad(entry.action.rawValue, 8),
            pad(Self.direction(entry.direction), 14),
        ]
        if let key = entry.naturalKey, !key.isEmpty { head.append("key \(key)") }
        if let name = entry.recordName { head.append("\"\(name)\"") }
        // An id equal to the key (Fortnox customer and project numbers) is not repeated.
        if let pmID = entry.pmID, pmID != entry.naturalKey { head.append("pm \(pmID)") }
        if let accountingID = entry.accountingID, accountingID != entry.naturalKey {
            head.append("acct \(accountingID)")
        }
        var lines = [head.joined(separator: "  ").trimmingTrailingSpaces]
        if let reason = entry.reason, !reason.isEmpty {
            lines += indented(reason + (entry.rule.map { " (\($0))" } ?? ""))
        }
        if let hint = entry.hint, !hint.isEmpty { lines += indented("fix: " + hint) }
        for change in entry.changes {
            lines.append("    \(change.field): \(Self.value(change.old)) → \(Self.value(change.new))")
        }
        for conflict in entry.conflicts {
            let winner = conflict.winner == .projectManagement ? "Severa" : "Fortnox"
            lines.append(
                "    conflict \(conflict.field): Severa \(Self.value(conflict.pmValue)), Fortnox "
                    + "\(Self.value(conflict.accountingValue)); \(winner) wins")
        }
        return lines
    }

    /// `text` indented by four spaces, wrapped when ``wrapWidth`` is set.
    private func indented(_ text: String) -> [String] {
        guard let wrapWidth else { return ["    " + text.replacingOccurrences(of: "\n", with: " ")] }
        return TextLayout.wrap(text, indent: 4, width: wrapWidth)
    }

    /// `2026-03-02T06:00:04Z`: a time in UTC.
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

    /// A field value for people (``FieldValueText``), `(none)` when absent.
    static func value(_ value: JSONValue?) -> String {
        FieldValueText.text(value)
    }

    private func pad(_ text: String, _ width: Int) -> String {
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
