/// A command line that cannot be run: unknown option or command, missing or bad value (exit 64).
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the option or argument and what was expected.
    public var message: String
    /// The command whose help explains the fix, e.g. `["brygga", "init"]`; filled in by the dispatcher
    /// when the thrower did not know it.
    public var commandPath: [String]

    /// Creates an error.
    public init(_ message: String, commandPath: [String] = []) {
        self.message = message
        self.commandPath = commandPath
    }

    /// `see 'brygga init --help'` (`see 'brygga help'` for the top level).
    public var helpHint: String {
        commandPath.count <= 1 ? "see 'brygga help'" : "see '\(commandPath.joined(separator: " ")) --help'"
    }

    public var description: String { message }
}
