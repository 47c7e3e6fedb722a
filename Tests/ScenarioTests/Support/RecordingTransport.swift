import Foundation
import HTTPSupport
import Synchronization

/// A transport that passes every request on and remembers its method and path, so a scenario can
/// count what the engine sent to a system (O3: a run right after a sync writes nothing).
final class RecordingTransport: HTTPTransport {
    /// One request the connector sent.
    struct Sent: Sendable, Hashable, CustomStringConvertible {
        var method: HTTPMethod
        var path: String
        /// The query string, when the request had one.
        var query: String? = nil
        /// The answer's status; `nil` when no answer arrived.
        var status: Int?

        var description: String { "\(method) \(path)" }
    }

    private let wrapped: any HTTPTransport
    private let sent = Mutex<[Sent]>([])

    /// Wraps `transport`.
    init(wrapping transport: any HTTPTransport) {
        self.wrapped = transport
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var record = Sent(method: request.method, path: request.url.path, query: request.url.query)
        defer { sent.withLock { $0.append(record) } }
        let response = try await wrapped.send(request)
        record.status = response.status
        return response
    }

    /// Every request so far, in order.
    var requests: [Sent] { sent.withLock { $0 } }

    /// The requests that change data (not `GET`, not a token request).
    var writes: [Sent] {
        requests.filter { $0.method != .get && !$0.path.hasSuffix("/token") }
    }

    /// Forgets what was recorded so far.
    func reset() {
        sent.withLock { $0.removeAll() }
    }
}
