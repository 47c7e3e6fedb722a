package import Foundation

/// Why an API call failed, classified so a connector can decide what to do, and free of secrets.
///
/// The description names the API, the method, the URL path (query values of secret-looking
/// parameters hidden), the status and a short excerpt of the body, all passed through the API's
/// ``SecretRedactor`` when the error was made.
public struct APIClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Hashable {
            case unauthorized
            case outcomeUnknown
            case unavailable
            case cancelled
            case refused
            case malformedResponse
            case tokenStorage
        }

        private let value: Value

        /// The credentials are missing, expired or rejected; an operator must act (re-authorize,
        /// fix the client id or secret).
        public static let unauthorized = Kind(value: .unauthorized)
        /// A write may or may not have taken effect; look the record up before repeating it.
        public static let outcomeUnknown = Kind(value: .outcomeUnknown)
        /// The API could not be reached or kept failing (5xx, 429, network) after the retries.
        public static let unavailable = Kind(value: .unavailable)
        /// The calling task was cancelled.
        public static let cancelled = Kind(value: .cancelled)
        /// The request was refused before it was sent (a plain-http URL to a remote host).
        public static let refused = Kind(value: .refused)
        /// A token endpoint answered with something that is not its answer (an HTML page, a body that is
        /// not JSON, JSON without the tokens; see ``UnhealthyAnswer``). Connectors make this an outage
        /// of the whole run: no request works without a token.
        public static let malformedResponse = Kind(value: .malformedResponse)
        /// Tokens could not be loaded from or saved to the token store.
        public static let tokenStorage = Kind(value: .tokenStorage)

        public var description: String { value.rawValue }
    }

    /// The class of failure.
    public let kind: Kind
    /// The API, e.g. `Fortnox`.
    public let apiName: String
    /// The request method, when the failure belongs to a request.
    public let method: HTTPMethod?
    /// The URL path and query (secret-looking values hidden), when the failure belongs to a request.
    public let path: String?
    /// The last HTTP status received, if any.
    public let status: Int?
    /// The cause in words.
    public let message: String
    /// The start of the last response body, whitespace collapsed, secrets redacted.
    public let bodyExcerpt: String?

    /// Creates an error from parts that are already free of secrets.
    public init(
        kind: Kind,
        apiName: String,
        method: HTTPMethod? = nil,
        path: String? = nil,
        status: Int? = nil,
        message: String,
        bodyExcerpt: String? = nil
    ) {
        self.kind = kind
        self.apiName = apiName
        self.method = method
        self.path = path
        self.status = status
        self.message = message
        self.bodyExcerpt = bodyExcerpt
    }

    /// Creates an error about `request`, redacting every part with `redactor`.
    package init(
        kind: Kind,
        apiName: String,
        request: HTTPRequest?,
        status: Int? = nil,
        message: String,
        body: Data? = nil,
        redactor: SecretRedactor
    ) {
        self.init(
            kind: kind,
            apiName: apiName,
            method: request?.method,
            path: request.map { redactor.redact(URLDisplay.redactedTarget($0.url)) },
            status: status,
            message: redactor.redact(message),
            bodyExcerpt: body.flatMap { APIClientError.excerpt(of: $0, redactor: redactor) }
        )
    }

    public var description: String {
        var text = apiName
        if let method { text += " \(method)" }
        if let path { text += " \(path)" }
        text += ": \(message)"
        var details: [String] = []
        if let status { details.append("HTTP \(status)") }
        if let bodyExcerpt { details.append("body: \(bodyExcerpt)") }
        if !details.isEmpty { text += " (\(details.joined(separator: "; ")))" }
        return text
    }

    /// The most characters of a body shown in an error.
    package static let excerptLength = 200

    /// The start of `body` as one line, redacted before it is shortened so a secret is never cut in
    /// half (a half secret would no longer match its registered spelling).
    package static func excerpt(of body: Data, redactor: SecretRedactor) -> String? {
        guard !body.isEmpty else { return nil }
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        let oneLine = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        let redacted = redactor.redact(oneLine)
        guard redacted.count > excerptLength else { return redacted }
        return String(redacted.prefix(excerptLength)) + "…"
    }
}
