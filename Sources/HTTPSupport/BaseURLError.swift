/// A base URL that HTTPSupport will not send requests to, and why.
public struct BaseURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL as shown to the user: no user-info, no query string.
    public let url: String
    /// Why it is refused, phrased so the user knows what to change.
    public let reason: String

    /// Creates an error.
    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "refusing base URL \(url): \(reason)" }
}
