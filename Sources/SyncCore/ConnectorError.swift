/// A failure talking to one of the two systems, classified so the engine can decide what to do.
///
/// The description names the system, the operation and the cause; it never contains a secret.
public struct ConnectorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Hashable {
            case rejected
            case notFound
            case unauthorized
            case forbidden
            case unavailable
            case outcomeUnknown
            case malformedResponse
            case invalidRecord
        }

        private let value: Value

        /// The system refused the request as invalid (4xx validation); retrying unchanged will fail again.
        public static let rejected = Kind(value: .rejected)
        /// The record does not exist on the system.
        public static let notFound = Kind(value: .notFound)
        /// Authentication failed (bad credentials, refresh token revoked); exit 77.
        public static let unauthorized = Kind(value: .unauthorized)
        /// The credentials lack a scope or licence (403).
        public static let forbidden = Kind(value: .forbidden)
        /// The system could not be reached or kept failing after retries (5xx, 429, network); exit 69.
        public static let unavailable = Kind(value: .unavailable)
        /// A write may or may not have taken effect (the response was lost); look the record up first.
        public static let outcomeUnknown = Kind(value: .outcomeUnknown)
        /// The system answered with something that is not what its API documents.
        public static let malformedResponse = Kind(value: .malformedResponse)
        /// The record cannot be written to this system as it is (e.g. a value the API cannot hold).
        public static let invalidRecord = Kind(value: .invalidRecord)

        public var description: String { value.rawValue }
    }

    /// The class of failure.
    public let kind: Kind
    /// The system, e.g. `Fortnox`.
    public let system: String
    /// The operation, e.g. `POST /3/customers`.
    public let operation: String
    /// The cause in words, including the system's own message and code when it gave them.
    public let message: String
    /// The system's error code, e.g. `2000637`, when it gave one.
    public let remoteCode: String?
    /// Whether the answer was not the API's (an HTML page, another content type, JSON cut off or without
    /// the API's envelope, a redirect, a token endpoint answering so): the API is down or something
    /// between Brygga and it answered. The kind still says what it means for the record (a read:
    /// `malformedResponse`; a write: `outcomeUnknown`; the token: `unavailable`); the engine stops the
    /// run with exit 69 when the run depends on the request, or at the third such answer in a row to
    /// record reads of one system (``EngineFailure/Kind/unhealthyAnswer``).
    public let isUnhealthyAnswer: Bool

    /// Creates an error.
    public init(
        kind: Kind, system: String, operation: String, message: String, remoteCode: String? = nil,
        isUnhealthyAnswer: Bool = false
    ) {
        self.kind = kind
        self.system = system
        self.operation = operation
        self.message = message
        self.remoteCode = remoteCode
        self.isUnhealthyAnswer = isUnhealthyAnswer
    }

    public var description: String {
        let code = remoteCode.map { " (code \($0))" } ?? ""
        return "\(system) \(operation): \(message)\(code)"
    }
}
