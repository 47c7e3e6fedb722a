import Synchronization

/// A console that keeps what is written, for tests.
package final class CapturingConsole: Console {
    private let streams = Mutex<(output: String, error: String)>(("", ""))

    /// Whether the console claims to be a terminal (commands then wrap long lines).
    package let isTerminal: Bool

    /// Creates an empty console, a terminal when `isTerminal` is set.
    package init(isTerminal: Bool = false) {
        self.isTerminal = isTerminal
    }

    package func writeOutput(_ text: String) {
        streams.withLock { $0.output += text }
    }

    package func writeError(_ text: String) {
        streams.withLock { $0.error += text }
    }

    /// Everything written to standard output.
    package var output: String { streams.withLock { $0.output } }

    /// Everything written to standard error.
    package var errorOutput: String { streams.withLock { $0.error } }
}
