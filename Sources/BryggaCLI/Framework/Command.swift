/// A `brygga` command, e.g. `init`, or a group of subcommands, e.g. `sandbox`.
///
/// To add a command, write a struct conforming to `Command` in `Sources/BryggaCLI/Commands/` and list
/// it in ``BryggaApplication/commands`` (or in its group's ``subcommands``). The dispatcher parses the
/// command line against ``signature``, answers `--help` from the declarations, and turns an error
/// the command throws into a message and exit code (``ExitCode/init(for:)``).
///
/// ```swift
/// struct StatusCommand: Command {
///     let name = "status"
///     let summary = "Show the last run and the failed items."
///     var signature: CommandSignature { CommandSignature(options: [.configOption, .flag("json", help: "…")]) }
///
///     func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
///         let configuration = try context.loadConfiguration(arguments)
///         context.console.print("…")
///         return .success
///     }
/// }
/// ```
public protocol Command: Sendable {
    /// The word that selects the command, e.g. `init`.
    var name: String { get }
    /// One line for command lists, ending with a full stop.
    var summary: String { get }
    /// Paragraphs shown in the command's help after the summary; empty for none.
    var discussion: String { get }
    /// The options and positionals the command accepts.
    var signature: CommandSignature { get }
    /// The subcommands, e.g. `brygga log prune`.
    var subcommands: [any Command] { get }
    /// Whether the command only groups its subcommands and is never run itself (`brygga sandbox`); a
    /// command with subcommands that is not a group runs when no subcommand is named (`brygga log`).
    var isGroup: Bool { get }

    /// Runs the command.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console, environment and working directory.
    /// - Returns: The exit status (``ExitCode/success`` or ``ExitCode/partialFailure``).
    /// - Throws: Any error; ``ExitCode/init(for:)`` picks the status and the message is printed to
    ///   standard error as `brygga: <description>`.
    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode

    /// Reports `error`, which stopped the command (a command line that did not parse included), when
    /// the command has its own convention for that, e.g. a monitoring check's UNKNOWN line.
    ///
    /// - Parameters:
    ///   - error: What stopped the command.
    ///   - arguments: The command-line words after the command's name.
    ///   - console: Where to report.
    /// - Returns: The exit status, or `nil` for the usual `brygga: <message>` and ``ExitCode/init(for:)``.
    func failureStatus(for error: any Error, arguments: [String], console: any Console) -> ExitCode?
}

extension Command {
    public var discussion: String { "" }
    public var signature: CommandSignature { CommandSignature() }
    public var subcommands: [any Command] { [] }
    public var isGroup: Bool { !subcommands.isEmpty }

    public func failureStatus(for error: any Error, arguments: [String], console: any Console) -> ExitCode? {
        nil
    }

    /// The subcommand named `name`, if any.
    func subcommand(named name: String) -> (any Command)? {
        subcommands.first { $0.name == name }
    }
}

/// A command that only groups subcommands, e.g. `brygga sandbox serve`.
public struct CommandGroup: Command {
    public let name: String
    public let summary: String
    public let discussion: String
    public let subcommands: [any Command]

    /// Creates a group.
    public init(name: String, summary: String, discussion: String = "", subcommands: [any Command]) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.subcommands = subcommands
    }

    /// Never called: the dispatcher stops at a group without a subcommand with a usage error.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        throw UsageError("'\(name)' needs a subcommand", commandPath: arguments.commandPath)
    }
}
