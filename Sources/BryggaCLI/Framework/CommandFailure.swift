/// A failure a command reports with a status of its choosing, e.g. `init` refusing to overwrite a file
/// (73), or a run that finished with failed items (1).
public struct CommandFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status to exit with.
    public let exitCode: ExitCode
    /// What happened and what to do, without secrets.
    public let message: String

    /// Creates a failure.
    public init(_ exitCode: ExitCode, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    public var description: String { message }
}
