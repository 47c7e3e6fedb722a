import Synchronization

/// A console that keeps what is written, for tests.
package final class CapturingConsole: Console {
    private let streams = Mutex<(output: String, error: String)>(("", ""))

    /// Creates an empty console.
    package init() {}

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
