public import Foundation

/// An HTTP request as a connector builds it: method, absolute URL, headers and body.
public struct HTTPRequest: Sendable, Hashable {
    /// The request method.
    public var method: HTTPMethod
    /// The absolute URL including the query.
    public var url: URL
    /// Header fields; transports add framing headers (Host, Content-Length) themselves.
    public var headers: HTTPHeaders
    /// The body; empty for none.
    public var body: Data
    /// Whether sending the request twice has the same effect as sending it once.
    ///
    /// Defaults to the method's RFC 9110 meaning, but an API can break it: Fortnox's
    /// `PUT /3/invoices/{n}/credit` creates a credit note each time, so connectors mark such
    /// actions `false`. Retries, and the transport's connection handling, follow this flag.
    public var isIdempotent: Bool

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The request method.
    ///   - url: The absolute URL including the query.
    ///   - headers: Header fields.
    ///   - body: The body; empty for none.
    ///   - idempotent: Overrides the method's idempotency (see ``isIdempotent``).
    public init(
        method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: Data = Data(), idempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.isIdempotent = idempotent ?? method.isIdempotent
    }
}
