/// `brygga help [COMMAND ...]`: the help of Brygga or of one command.
struct HelpCommand: Command {
    let name = "help"
    let summary = "Show the help of brygga or of a command."

    var signature: CommandSignature {
        CommandSignature(positionals: [
            PositionalSpec("COMMAND", arity: .variadic, help: "The command, e.g. 'init' or 'sandbox serve'.")
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        var command: any Command = context.root
        var path = [context.root.name]
        for word in arguments.positionals("COMMAND") {
            guard let next = command.subcommand(named: word) else {
                let name = (path.dropFirst() + [word]).joined(separator: " ")
                throw UsageError("no help for unknown command \"\(name)\"", commandPath: [context.root.name])
            }
            command = next
            path.append(word)
        }
        context.console.writeOutput(HelpFormatter.help(for: command, path: path))
        return .success
    }
}
