import Foundation

/// What happened to an exchange handled in-process: a response, or a connection that closed without one.
public enum ExchangeOutcome: Sendable, Hashable {
    /// The server answered.
    case response(HTTPResponse)
    /// The connection closed without a response; `requestProcessed` tells whether the server acted on
    /// the request first (a lost response) or not (dropped before handling).
    case connectionDropped(requestProcessed: Bool)
}

/// A transport that hands each request to a function in the same process (a sandbox handler).
///
/// A dropped connection becomes a ``TransportError`` with ``TransportError/Kind/connectionLost``
/// that says the request may have been processed, exactly as the network transport reports it:
/// a client cannot tell "dropped before" from "dropped after".
public struct InProcessTransport: HTTPTransport {
    private let handler: @Sendable (HTTPRequest) async -> ExchangeOutcome

    /// Creates a transport around `handler`.
    public init(handler: @escaping @Sendable (HTTPRequest) async -> ExchangeOutcome) {
        self.handler = handler
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        if Task.isCancelled {
            throw TransportError(kind: .cancelled, requestMayHaveBeenProcessed: false, detail: "task cancelled")
        }
        switch await handler(request) {
        case .response(let response):
            return response
        case .connectionDropped:
            throw TransportError(
                kind: .connectionLost,
                requestMayHaveBeenProcessed: true,
                detail: "connection closed before a response to \(request.method) \(request.url.path)"
            )
        }
    }
}
