#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where commands write: results to standard output, errors to standard error.
///
/// Commands are quiet on success except for what they exist to print. Tests pass a
/// ``CapturingConsole`` to read what a command wrote.
public protocol Console: Sendable {
    /// Writes `text` as it is to standard output.
    func writeOutput(_ text: String)
    /// Writes `text` as it is to standard error.
    func writeError(_ text: String)
    /// Whether standard output is a terminal (text is then laid out for its width).
    var isTerminal: Bool { get }
}

extension Console {
    /// Not a terminal unless the console says so.
    public var isTerminal: Bool { false }

    /// Writes `line` and a newline to standard output.
    public func print(_ line: String) {
        writeOutput(line + "\n")
    }

    /// Writes `brygga: <message>` and a newline to standard error.
    public func printError(_ message: String) {
        writeError("brygga: " + message + "\n")
    }
}

/// The process's standard output and standard error.
///
/// Writes go straight to file descriptors 1 and 2 (no buffering to flush before `exit`); a closed
/// pipe is ignored because `main` ignores SIGPIPE.
public struct StandardConsole: Console {
    /// Creates the console.
    public init() {}

    public func writeOutput(_ text: String) {
        _ = POSIX.writeAll(Array(text.utf8), to: STDOUT_FILENO)
    }

    public func writeError(_ text: String) {
        _ = POSIX.writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Whether file descriptor 1 is a terminal.
    public var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
