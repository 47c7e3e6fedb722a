/// Why an HTTP exchange produced no response.
///
/// The distinction that matters for writes is ``requestMayHaveBeenProcessed``: when it is `true` the
/// server may have acted on the request (a create may exist remotely), so a non-idempotent request
/// must not be repeated blindly; the caller must look the record up first.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Hashable {
            case cannotConnect
            case connectionLost
            case timedOut
            case cancelled
            case invalidResponse
            case refused
        }

        private let value: Value

        /// No connection could be made (refused, unknown host); the request never left.
        public static let cannotConnect = Kind(value: .cannotConnect)
        /// The connection broke after the request was (possibly) sent, before a complete response.
        public static let connectionLost = Kind(value: .connectionLost)
        /// No complete response within the timeout.
        public static let timedOut = Kind(value: .timedOut)
        /// The caller cancelled the request.
        public static let cancelled = Kind(value: .cancelled)
        /// Bytes arrived that are not a valid HTTP response.
        public static let invalidResponse = Kind(value: .invalidResponse)
        /// The transport refused to send the request (e.g. a plain-http URL to a remote host, a redirect).
        public static let refused = Kind(value: .refused)

        public var description: String {
            switch value {
            case .cannotConnect: "cannot connect"
            case .connectionLost: "connection lost"
            case .timedOut: "timed out"
            case .cancelled: "cancelled"
            case .invalidResponse: "invalid response"
            case .refused: "refused"
            }
        }
    }

    /// The kind of failure.
    public let kind: Kind
    /// Whether the server may have received and acted on the request.
    public let requestMayHaveBeenProcessed: Bool
    /// A human-readable detail, free of secrets.
    public let detail: String

    /// Creates an error.
    public init(kind: Kind, requestMayHaveBeenProcessed: Bool, detail: String) {
        self.kind = kind
        self.requestMayHaveBeenProcessed = requestMayHaveBeenProcessed
        self.detail = detail
    }

    public var description: String {
        let outcome = requestMayHaveBeenProcessed ? "the server may have processed the request" : "nothing was sent"
        return "\(kind): \(detail) (\(outcome))"
    }
}
