#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A command stopped because the process received SIGINT or SIGTERM (exit 130 or 143).
public struct InterruptedError: Error, Sendable, CustomStringConvertible {
    /// The signal number.
    public let signal: Int32
    /// What the interrupted work threw, unless it only reported the cancellation.
    public let underlying: (any Error)?

    /// Creates an error.
    public init(signal: Int32, underlying: (any Error)? = nil) {
        self.signal = signal
        self.underlying = underlying
    }

    /// `SIGINT`, `SIGTERM`, or `signal N`.
    public var signalName: String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }

    public var description: String {
        var text = "interrupted by \(signalName); stopped cleanly"
        if let underlying { text += "; while stopping: \(ExitCode.message(for: underlying))" }
        return text
    }
}
