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

    /// Creates a request.
    public init(method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
