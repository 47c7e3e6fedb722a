/// Plain-text layout for help: paragraphs wrapped to 80 columns and two-column lists.
enum TextLayout {
    /// The width help text is wrapped to.
    static let width = 80

    /// `text` wrapped at spaces so no line is wider than `width` (a longer single word stays whole),
    /// each line prefixed by `indent`.
    static func wrap(_ text: String, indent: Int = 0, width: Int = TextLayout.width) -> [String] {
        let prefix = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if line.isEmpty {
                line = prefix + word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = prefix + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Rows of `label  text`, the texts aligned in one column and wrapped under themselves; a label
    /// too wide for the column puts its text on the next line.
    static func table(_ rows: [(label: String, text: String)], indent: Int = 2) -> [String] {
        let labelWidth = min(rows.map(\.label.count).max() ?? 0, 26)
        let textColumn = indent + labelWidth + 2
        var lines: [String] = []
        for row in rows {
            let label = String(repeating: " ", count: indent) + row.label
            var wrapped = wrap(row.text, indent: textColumn)
            if row.label.count > labelWidth || wrapped.isEmpty {
                lines.append(label)
            } else {
                let first = wrapped.removeFirst().dropFirst(textColumn)
                lines.append(label + String(repeating: " ", count: textColumn - label.count) + first)
            }
            lines += wrapped
        }
        return lines
    }
}
