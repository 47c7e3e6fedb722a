import Foundation
import SyncCore

/// `brygga log --html FILE`: the transfer log as one self-contained HTML page for an accountant.
///
/// No script, no external resource (the CSS is inline), every text HTML-escaped. One table row per
/// record (``RecordHistory``): records still failing first, then those that failed or conflicted and
/// have since gone through, then the rest. A row shows the record's newest entry — its action,
/// time, reason and fix — and folds the record's whole history (every entry within the filters, with
/// field changes and conflicts) into a `<details>` element. Times and money read as in `brygga log`.
struct TransferLogHTMLReport {
    /// What the page says about how it was made.
    struct Heading {
        /// When the report was written.
        let generatedAt: Date
        /// The state database it was read from.
        let database: String
        /// The filters, in words, e.g. `run 7; actions failed`; empty for none.
        let filters: [String]
        /// The entries read.
        let entryCount: Int
        /// The `--limit` when it cut older entries off, else `nil`.
        let truncatedAt: Int?
    }

    /// How times are written.
    let time: TimeDisplay

    /// The page for `histories` (in the order given).
    func page(_ histories: [RecordHistory], heading: Heading) -> String {
        let failing = histories.filter { $0.standing == .failing }.count
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Brygga transfer log</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <h1>Brygga transfer log</h1>

            """
        html += "<p class=\"summary\" id=\"summary\">\(histories.count) record(s), \(heading.entryCount) entries; "
        html += "<strong>\(failing) still failing</strong>.</p>\n<dl class=\"about\">\n"
        let about = [
            ("Written", time.string(heading.generatedAt)),
            ("Times in", time.zoneName(at: heading.generatedAt)),
            ("Filters", heading.filters.isEmpty ? "none" : heading.filters.joined(separator: "; ")),
            ("State database", heading.database),
        ]
        for (label, value) in about { html += "<dt>\(HTMLText.escape(label))</dt><dd>\(HTMLText.escape(value))</dd>\n" }
        html += "</dl>\n"
        if let limit = heading.truncatedAt {
            html += "<p class=\"warning\">Only the newest \(limit) entries are included; older ones are left out. "
            html += "Narrow the filters or raise <code>--limit</code>.</p>\n"
        }
        if histories.isEmpty {
            html += "<p class=\"empty\">No transfer-log entry matches the filters.</p>\n"
        } else {
            html += table(histories)
        }
        return html + "</body>\n</html>\n"
    }

    private func table(_ histories: [RecordHistory]) -> String {
        var html = """
            <table>
            <thead><tr><th>Status</th><th>Flow</th><th>Record</th><th>Last entry</th>\
            <th class="reason">Reason, fix and history</th></tr></thead>

            """
        for standing in RecordHistory.Standing.allCases {
            let rows = histories.filter { $0.standing == standing }
            guard !rows.isEmpty else { continue }
            html += "<tbody class=\"\(Self.className(standing))\">\n"
            html += "<tr class=\"group\"><th colspan=\"5\">\(Self.title(standing)) (\(rows.count))</th></tr>\n"
            for history in rows { html += row(history) }
            html += "</tbody>\n"
        }
        return html + "</table>\n"
    }

    private func row(_ history: RecordHistory) -> String {
        let latest = history.latest
        let escape = HTMLText.escape
        var html =
            "<tr class=\"record \(Self.className(history.standing))\" data-entity=\"\(escape(history.entity.rawValue))\""
        if let key = history.naturalKey { html += " data-key=\"\(escape(key))\"" }
        html += ">\n<td class=\"action \(escape(latest.action.rawValue))\">\(escape(latest.action.rawValue))</td>"
        html += "<td>\(escape(history.entity.rawValue))</td>\n<td class=\"record-id\">"
        html += history.naturalKey.map { "<span class=\"key\">\(escape($0))</span>" } ?? "<span class=\"key\">—</span>"
        if let name = history.recordName { html += " <span class=\"name\">\(escape(name))</span>" }
        var ids: [String] = []
        if let pmID = history.pmID, pmID != history.naturalKey { ids.append("Severa \(pmID)") }
        if let accountingID = history.accountingID, accountingID != history.naturalKey {
            ids.append("Fortnox \(accountingID)")
        }
        if !ids.isEmpty { html += "<br><span class=\"ids\">\(escape(ids.joined(separator: ", ")))</span>" }
        html += "</td>\n<td class=\"time\">\(escape(time.string(latest.time)))<br>run \(latest.runID)</td>\n"
        html += "<td class=\"reason\">\(reasonAndFix(latest))\n"
        html += "<details><summary>History: \(history.entries.count) "
        html += history.entries.count == 1 ? "entry" : "entries"
        html += ", newest first</summary>\n<ol>\n"
        for entry in history.entries.reversed() { html += item(entry) }
        return html + "</ol></details></td>\n</tr>\n"
    }

    /// One entry of a history, newest first.
    private func item(_ entry: TransferLogEntry) -> String {
        let escape = HTMLText.escape
        var html = "<li><span class=\"time\">\(escape(time.string(entry.time)))</span> · run \(entry.runID) · "
        html += "<span class=\"action \(escape(entry.action.rawValue))\">\(escape(entry.action.rawValue))</span>"
        if entry.direction != nil { html += " · \(escape(TransferLogFormatter.direction(entry.direction)))" }
        html += reasonAndFix(entry)
        var details: [String] = entry.changes.map { change in
            "\(change.field): \(FieldValueText.text(change.old)) → \(FieldValueText.text(change.new))"
        }
        details += entry.conflicts.map { conflict in
            let winner = conflict.winner == .projectManagement ? "Severa" : "Fortnox"
            return "conflict \(conflict.field): Severa \(FieldValueText.text(conflict.pmValue)), Fortnox "
                + "\(FieldValueText.text(conflict.accountingValue)); \(winner) wins"
        }
        if !details.isEmpty {
            html += "<ul class=\"changes\">" + details.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
        }
        return html + "</li>\n"
    }

    private func reasonAndFix(_ entry: TransferLogEntry) -> String {
        var html = ""
        if let reason = entry.reason, !reason.isEmpty {
            let rule = entry.rule.map { " (\($0))" } ?? ""
            html += "<div class=\"why\">\(HTMLText.escape(reason + rule))</div>"
        }
        if let hint = entry.hint, !hint.isEmpty {
            html += "<div class=\"fix\">Fix: \(HTMLText.escape(hint))</div>"
        }
        return html
    }

    private static func className(_ standing: RecordHistory.Standing) -> String {
        switch standing {
        case .failing: "failing"
        case .resolved: "resolved"
        case .fine: "fine"
        }
    }

    private static func title(_ standing: RecordHistory.Standing) -> String {
        switch standing {
        case .failing: "Still failing: waiting for a fix, retried by every run"
        case .resolved: "Failed or conflicted, since gone through"
        case .fine: "Transferred, linked or skipped"
        }
    }

    private static let style = """
        td.reason,th.reason{width:50%}body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5em;color:#1d1d1f}\
        h1{font-size:1.4em}table{border-collapse:collapse;width:100%}\
        th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}\
        tr.group th{background:#f2f2f2;font-size:1.05em}tbody.failing tr.group th{background:#fde2e1}\
        td.action.failed,span.action.failed{color:#b00020;font-weight:bold}\
        span.action.conflict,td.action.conflict{color:#8a5a00}.fix{color:#444;font-style:italic}\
        .ids,.time{color:#555;font-size:.9em;white-space:nowrap}.key{font-weight:bold}\
        dl.about{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dd{margin:0}\
        .warning{background:#fff4ce;padding:.5em}details ol{margin:.3em 0;padding-left:1.2em}
        """
}
