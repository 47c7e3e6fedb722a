public import Foundation

/// The `brygga` program: its commands and its entry point.
public enum BryggaApplication {
    /// The version `brygga --version` prints.
    public static let version = "0.1.0"

    /// The top-level commands, in the order `brygga help` lists them. Add new commands here.
    package static let commands: [any Command] = [
        DemoCommand(),
        InitCommand(),
        CheckCommand(),
        RunCommand(),
        SwitchCommand(enables: true),
        SwitchCommand(enables: false),
        BootstrapCommand.group,
        RetryCommand(),
        LogCommand(),
        StatusCommand(),
        AuthCommand.group,
        NotifyCommand.group,
        SandboxCommand.group,
        HelpCommand(),
    ]

    /// The `brygga` command tree.
    package static let root = CommandGroup(
        name: "brygga",
        summary: "Brygga keeps Visma Severa and Fortnox in step: products and customers both ways, "
            + "projects to Fortnox, with an append-only transfer log.",
        discussion: "The configuration is one JSON file (--config PATH, default ./brygga.json); "
            + "client secrets come from the environment or an owner-only secrets file. "
            + "See docs/CONFIGURATION.md.",
        subcommands: commands
    )

    /// Runs the command line `arguments` (without the program name) and returns the exit status.
    ///
    /// - Parameters:
    ///   - arguments: The command-line words after `brygga`.
    ///   - environment: The environment variables.
    ///   - currentDirectory: The absolute working directory.
    ///   - console: Where output and errors go.
    /// - Returns: The status to exit with.
    public static func run(
        arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        console: any Console = StandardConsole()
    ) async -> ExitCode {
        let context = CommandContext(
            console: console, environment: environment, currentDirectory: currentDirectory, root: root
        )
        return await CommandDispatcher(root: root, version: version).dispatch(arguments, context: context)
    }
}
