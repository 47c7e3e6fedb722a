/// Sends one HTTP request and returns the response; the seam between connectors and the network.
///
/// Implementations: ``URLSessionTransport`` (the network) and ``InProcessTransport`` (a handler
/// called directly, for tests and benchmarks). A transport performs exactly one exchange: retries,
/// rate limiting and authentication are layered on top of it.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the complete response, whatever its status.
    ///
    /// - Parameter request: The request to send.
    /// - Returns: The response, including 4xx and 5xx ones.
    /// - Throws: ``TransportError`` when no response arrived.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}
