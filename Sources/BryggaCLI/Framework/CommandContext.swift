/// What a running command may use besides its arguments: the console, the environment, the working
/// directory and the command tree (for help).
///
/// Commands read the environment and the working directory from here, never from the process, so
/// tests can run them in-process with their own values.
public struct CommandContext: Sendable {
    /// Where output and errors go.
    public let console: any Console
    /// The environment variables (secrets come from here, see ``ClientSecrets``).
    public let environment: [String: String]
    /// The absolute working directory; relative command-line paths resolve against it.
    public let currentDirectory: String
    /// The top-level command, for `brygga help`.
    public let root: CommandGroup

    /// Creates a context.
    public init(console: any Console, environment: [String: String], currentDirectory: String, root: CommandGroup) {
        self.console = console
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.root = root
    }

    /// `path` made absolute against ``currentDirectory`` (absolute paths stay as they are).
    public func absolutePath(_ path: String) -> String {
        FilePaths.resolve(path, against: currentDirectory)
    }
}
