import SyncCore

/// Finds the command a command line names, answers `--help` and `--version`, runs the command and
/// turns what it throws into a message on standard error and an exit code.
package struct CommandDispatcher {
    /// The `brygga` command and its tree of subcommands.
    package let root: CommandGroup
    /// What `--version` prints after the name.
    package let version: String

    /// Creates a dispatcher for the command tree under `root`.
    package init(root: CommandGroup, version: String) {
        self.root = root
        self.version = version
    }

    /// Runs the command named by `arguments` (without the program name).
    package func dispatch(_ arguments: [String], context: CommandContext) async -> ExitCode {
        let console = context.console
        var command: any Command = root
        var path = [root.name]
        var index = 0
        if arguments.first == "--version" {
            console.print("\(root.name) \(version)")
            return .success
        }
        while !command.subcommands.isEmpty {
            // A command that runs itself (`log`) does so unless the next word names a subcommand.
            if !command.isGroup, index == arguments.count || command.subcommand(named: arguments[index]) == nil {
                break
            }
            guard index < arguments.count else {
                guard path.count > 1 else {
                    console.writeError(HelpFormatter.help(for: command, path: path))
                    return .usage
                }
                let names = command.subcommands.map(\.name).joined(separator: ", ")
                let name = path.joined(separator: " ")
                return report(UsageError("'\(name)' needs a command: \(names)", commandPath: path), console: console)
            }
            let word = arguments[index]
            if word == "--help" || word == "-h" {
                console.writeOutput(HelpFormatter.help(for: command, path: path))
                return .success
            }
            guard let next = command.subcommand(named: word) else {
                return report(unknownCommand(word, in: command, path: path), console: console)
            }
            command = next
            path.append(word)
            index += 1
        }
        let rest = Array(arguments[index...])
        if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
            console.writeOutput(HelpFormatter.help(for: command, path: path))
            return .success
        }
        do {
            let parsed = try CommandLineParser.parse(rest, signature: command.signature, commandPath: path)
            return try await command.run(parsed, context: context)
        } catch {
            if let status = command.failureStatus(for: error, arguments: rest, console: console) { return status }
            guard var usage = error as? UsageError else { return report(error, console: console) }
            if usage.commandPath.isEmpty { usage.commandPath = path }
            return report(usage, console: console)
        }
    }

    /// Prints `error` as `brygga: <message>` (plus the help hint for usage errors) and picks its exit code.
    func report(_ error: any Error, console: any Console) -> ExitCode {
        let code = ExitCode(for: error)
        console.printError(ExitCode.message(for: error))
        if let usage = error as? UsageError { console.writeError(usage.helpHint + "\n") }
        return code
    }

    /// The error for a word that names no command of `group`.
    private func unknownCommand(_ word: String, in group: any Command, path: [String]) -> UsageError {
        let what = word.hasPrefix("-") ? "unknown option \(word)" : "unknown command \"\(word)\""
        var message = path.count == 1 ? what : "\(what) for '\(path.joined(separator: " "))'"
        let names = group.subcommands.map(\.name)
        if !word.hasPrefix("-"), let suggestion = NameSuggestion.closest(to: word, among: names) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        return UsageError(message, commandPath: path)
    }
}
