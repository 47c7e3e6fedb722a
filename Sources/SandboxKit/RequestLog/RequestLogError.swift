/// A request log file that cannot be opened.
public struct RequestLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path.
    public let path: String
    /// Why, e.g. `Permission denied`.
    public let reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot open request log \(path): \(reason)" }
}
