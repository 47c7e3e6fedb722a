import SyncCore

/// The plain-text help of a command, 80 columns wide, built from its declarations.
enum HelpFormatter {
    /// The help of `command`, reached by `path` (e.g. `["brygga", "sandbox", "serve"]`).
    static func help(for command: any Command, path: [String]) -> String {
        let name = path.joined(separator: " ")
        var lines: [String] = []
        if !command.isGroup {
            lines += TextLayout.wrap("Usage: " + usage(of: command, name: name), indent: 0)
        }
        if !command.subcommands.isEmpty {
            lines.append((command.isGroup ? "Usage: " : "       ") + "\(name) <command> [options]")
        }
        lines.append("")
        lines += TextLayout.wrap(command.summary)
        for paragraph in paragraphs(command.discussion) {
            lines.append("")
            lines +=
                isPreformatted(paragraph)
                ? paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                : TextLayout.wrap(paragraph)
        }
        if !command.subcommands.isEmpty {
            lines += ["", "Commands:"]
            lines += TextLayout.table(command.subcommands.map { ($0.name, $0.summary) })
        }
        if !command.signature.positionals.isEmpty {
            lines += ["", "Arguments:"]
            lines += TextLayout.table(command.signature.positionals.map { ($0.name, $0.help) })
        }
        lines += ["", "Options:"]
        lines += TextLayout.table(options(of: command, isRoot: path.count == 1))
        if path.count == 1 {
            lines += ["", "Exit codes:"]
            lines += TextLayout.table(ExitCode.documented.map { ($0.code.description, $0.meaning) })
        }
        if !command.subcommands.isEmpty {
            lines.append("")
            let hint =
                path.count == 1
                ? "Run 'brygga help <command>' or 'brygga <command> --help' for a command's options."
                : "Run '\(name) <command> --help' for a command's options."
            lines += TextLayout.wrap(hint)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `brygga init [--config PATH] [--force]`.
    static func usage(of command: any Command, name: String) -> String {
        var parts = [name]
        for option in command.signature.options {
            var synopsis = option.synopsis
            if option.kind == .repeated { synopsis += " ..." }
            parts.append(option.isRequired ? synopsis : "[\(synopsis)]")
        }
        parts += command.signature.positionals.map(\.synopsis)
        return parts.joined(separator: " ")
    }

    /// The option rows, `--help` (and `--version` at the top) last.
    static func options(of command: any Command, isRoot: Bool) -> [(label: String, text: String)] {
        var rows = command.signature.options.map { option in
            (label: option.synopsis, text: option.help + (option.isRequired ? " Required." : ""))
        }
        if isRoot { rows.append((label: "--version", text: "Print the version and exit.")) }
        rows.append((label: "-h, --help", text: "Show this help and exit."))
        return rows
    }

    /// Whether `paragraph` is laid out already (a table or a grammar): it has an indented line. Such
    /// paragraphs are printed as written instead of being wrapped.
    static func isPreformatted(_ paragraph: String) -> Bool {
        paragraph.split(separator: "\n").contains { $0.hasPrefix(" ") }
    }

    /// `text` split into paragraphs at blank lines.
    static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n\n").map(String.init).filter { !$0.trimmingWhitespace.isEmpty }
    }
}
