/// `brygga help [COMMAND ...]`: the help of Brygga or of one command; with `--man` or
/// `--bash-completion` the manual page or the completion script for the whole tree.
struct HelpCommand: Command {
    let name = "help"
    let summary = "Show the help of brygga or of a command."
    let discussion = """
        With --man it prints the manual page brygga(1) in roff instead (read it with \
        'brygga help --man | man -l -'), and with --bash-completion the bash completion script; both \
        are built from the same declarations as this help, and scripts/install.sh installs them.
        """

    var signature: CommandSignature {
        CommandSignature(
            options: [
                .flag("man", help: "Print the manual page (roff, section 1) of every command."),
                .flag("bash-completion", help: "Print the bash completion script."),
            ],
            positionals: [
                PositionalSpec("COMMAND", arity: .variadic, help: "The command, e.g. 'init' or 'sandbox serve'.")
            ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let words = arguments.positionals("COMMAND")
        let generators = ["man", "bash-completion"].filter { arguments.flag($0) }
        if let generator = generators.first {
            guard generators.count == 1, words.isEmpty else {
                throw UsageError("--\(generator) covers every command; give it alone")
            }
            context.console.writeOutput(
                generator == "man"
                    ? ManualPage.render(root: context.root, extras: BryggaApplication.manualExtras)
                    : BashCompletion.script(root: context.root))
            return .success
        }
        var command: any Command = context.root
        var path = [context.root.name]
        for word in words {
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
