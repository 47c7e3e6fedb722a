import BryggaCLI

/// A leaf command for dispatcher tests: prints what it parsed, or throws the error it was given.
struct EchoCommand: Command {
    let name: String
    let summary = "Print the parsed arguments."
    var failure: (any Error)?

    init(name: String, failure: (any Error)? = nil) {
        self.name = name
        self.failure = failure
    }

    var signature: CommandSignature {
        CommandSignature(
            options: [.flag("loud", help: "Shout."), .single("from", valueName: "SIDE", help: "Where from.")],
            positionals: [PositionalSpec("WORDS", arity: .variadic, help: "Words to print.")]
        )
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        if let failure { throw failure }
        let side = try arguments.choice("from", among: ["severa", "fortnox"]) ?? "-"
        let words = arguments.positionals("WORDS").joined(separator: " ")
        context.console.print(
            "\(arguments.commandPath.joined(separator: " ")) from=\(side) loud=\(arguments.flag("loud")) \(words)")
        return .success
    }
}

/// A small tree: `brygga echo`, `brygga fail`, `brygga sandbox serve`.
func fakeDispatcher(failure: any Error = CommandFailure(.partialFailure, "2 items failed")) -> CommandDispatcher {
    let root = CommandGroup(
        name: "brygga", summary: "Test tree.",
        subcommands: [
            EchoCommand(name: "echo"),
            EchoCommand(name: "fail", failure: failure),
            CommandGroup(name: "sandbox", summary: "Sandboxes.", subcommands: [EchoCommand(name: "serve")]),
        ]
    )
    return CommandDispatcher(root: root, version: "9.9.9")
}

/// Runs `words` through `dispatcher` with a capturing console.
func dispatch(_ words: [String], with dispatcher: CommandDispatcher = fakeDispatcher()) async -> (
    code: ExitCode, console: CapturingConsole
) {
    let console = CapturingConsole()
    let context = CommandContext(
        console: console, environment: [:], currentDirectory: "/tmp", root: dispatcher.root
    )
    return (await dispatcher.dispatch(words, context: context), console)
}
