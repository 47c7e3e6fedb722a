/// How much a diagnostic message matters.
public enum DiagnosticLevel: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Every attempt and wait, for tracing a run.
    case debug
    /// Something worth knowing that needs no action (a token was refreshed).
    case info
    /// Something went wrong and was handled (a 429, a retried 503).
    case warning
    /// Something went wrong and was not handled; an error is thrown as well.
    case error

    public static func < (lhs: DiagnosticLevel, rhs: DiagnosticLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

/// A sink for diagnostic messages, given by the caller.
///
/// HTTPSupport never builds a global logger (swift-log's "accept a logger" practice): every component
/// that logs takes one of these, defaulting to ``NoDiagnosticLog``. Messages reaching a sink have
/// already passed through a ``SecretRedactor``. This is not the transfer log (the audit record).
public protocol DiagnosticLog: Sendable {
    /// Records one message.
    ///
    /// - Parameters:
    ///   - level: How much the message matters.
    ///   - message: The text, free of secrets.
    func log(_ level: DiagnosticLevel, _ message: String)
}

/// A diagnostic log that discards everything; the default.
public struct NoDiagnosticLog: DiagnosticLog {
    /// Creates the log.
    public init() {}

    public func log(_ level: DiagnosticLevel, _ message: String) {}
}
