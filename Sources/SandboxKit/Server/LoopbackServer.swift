public import Foundation

/// Serves a ``SandboxRequestHandler`` over real HTTP/1.1 on 127.0.0.1, so clients (URLSession, the
/// `brygga` binary) talk to an emulator exactly as they would to the real API.
///
/// - Plain POSIX sockets, one thread for accepting and one thread per connection (at most
///   ``Configuration/maximumConnections``; further clients wait in the listen backlog). Handlers run
///   on connection threads, never on the Swift concurrency pool.
/// - HTTP/1.1 keep-alive (and HTTP/1.0 with `Connection: keep-alive`), `Connection: close`, pipelined
///   requests answered in order, bodies by `Content-Length` or `Transfer-Encoding: chunked` (decoded;
///   other transfer codings get 501), `Expect: 100-continue`.
/// - Malformed requests get 400, oversized heads 431 (414 for the request line), oversized bodies 413,
///   other HTTP versions 505; each such answer closes the connection. Every response carries `Date`,
///   and `Content-Length` except 204 and 304 (RFC 9110 §8.6).
/// - A handler's ``HandlerResult/delay`` is slept on the connection thread before answering;
///   ``ExchangeOutcome/connectionDropped(requestProcessed:)`` closes the connection without a byte.
///
/// Call ``stop()`` when done (dropping the last reference stops the server too).
public final class LoopbackServer: Sendable {
    private let core: ServerCore

    /// Creates a server; nothing is bound until ``start()``.
    ///
    /// - Parameters:
    ///   - name: A short name used for thread names and error messages, e.g. `fortnox`.
    ///   - handler: The handler that answers every request.
    ///   - configuration: Limits and timeouts.
    public init(name: String, handler: any SandboxRequestHandler, configuration: Configuration = .init()) {
        self.core = ServerCore(name: name, handler: handler, configuration: configuration)
    }

    deinit {
        core.stop()
    }

    /// Binds 127.0.0.1 (port 0 unless configured: the kernel picks a free port) and starts accepting.
    ///
    /// - Returns: The bound port, read back with `getsockname`.
    /// - Throws: ``ServerError`` when the socket cannot be bound, or the server was started before.
    @discardableResult
    public func start() throws(ServerError) -> UInt16 {
        try core.start()
    }

    /// The bound port while running.
    public var port: UInt16? { core.port }

    /// `http://127.0.0.1:PORT` while running.
    public var baseURL: URL? {
        port.flatMap { URL(string: "http://127.0.0.1:\($0)") }
    }

    /// Stops the server: shuts down and closes the listener and every open connection (idle
    /// keep-alive connections included), then waits for every server thread to end, so nothing of the
    /// server runs after it returns. A request being handled finishes first; its answer is not sent.
    /// Idempotent; must not be called from a handler.
    public func stop() {
        core.stop()
    }
}
