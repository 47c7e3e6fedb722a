import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization

/// Wraps a sandbox handler and records every exchange: what the connector sent and what it got back
/// (status, or a dropped connection), plus every token Fortnox issued, so tests can count requests
/// and look for leaked secrets.
final class FortnoxTrafficRecorder: SandboxRequestHandler {
    /// One recorded exchange.
    struct Exchange: Sendable {
        var method: HTTPMethod
        var path: String
        var query: [(name: String, value: String)]
        var body: Data
        /// The answer's status; `nil` when the connection was dropped.
        var status: Int?

        /// The request body as JSON (`null` when empty or not JSON).
        var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }

        /// The value of query parameter `name`.
        func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
    }

    private let wrapped: any SandboxRequestHandler
    private let recorded = Mutex<(exchanges: [Exchange], tokens: Set<String>)>(([], []))

    init(wrapping handler: any SandboxRequestHandler) {
        self.wrapped = handler
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        let result = wrapped.handle(request)
        var status: Int?
        var issued: [String] = []
        if case .response(let response) = result.outcome {
            status = response.status
            if request.path.hasSuffix("/oauth-v1/token"), let json = try? JSONParser.parse(response.body) {
                issued = ["access_token", "refresh_token"].compactMap { json[$0]?.stringValue }
            }
        }
        let exchange = Exchange(
            method: request.method, path: ServerRequest.percentDecode(request.path, plusIsSpace: false),
            query: request.query, body: request.body, status: status)
        recorded.withLock { state in
            state.exchanges.append(exchange)
            state.tokens.formUnion(issued)
        }
        return result
    }

    /// Every exchange so far, in order.
    var exchanges: [Exchange] { recorded.withLock { $0.exchanges } }

    /// Every access and refresh token Fortnox issued.
    var issuedTokens: Set<String> { recorded.withLock { $0.tokens } }

    /// The exchanges with `method` whose path is `path` (or starts with `prefix`).
    func exchanges(_ method: HTTPMethod, path: String? = nil, prefix: String? = nil) -> [Exchange] {
        exchanges.filter { exchange in
            exchange.method == method && (path.map { exchange.path == $0 } ?? true)
                && (prefix.map { exchange.path.hasPrefix($0) } ?? true)
        }
    }

    /// How many exchanges had `status`.
    func count(status: Int) -> Int { exchanges.filter { $0.status == status }.count }

    /// Forgets what was recorded so far.
    func reset() { recorded.withLock { $0.exchanges = [] } }
}
