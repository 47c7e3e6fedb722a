import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Synchronization

/// A handler that passes every request to the handler it wraps and remembers what went by: each
/// exchange's method, path and status, and every token a client sent or the server issued.
final class SeveraRecordingHandler: SandboxRequestHandler {
    /// One exchange.
    struct Exchange: Sendable, Hashable {
        let method: HTTPMethod
        let path: String
        /// The status, or `nil` when the connection was dropped.
        let status: Int?
    }

    private let wrapped: any SandboxRequestHandler
    private let state = Mutex<(exchanges: [Exchange], tokens: Set<String>)>(([], []))

    init(wrapping: any SandboxRequestHandler) {
        self.wrapped = wrapping
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        let result = wrapped.handle(request)
        var status: Int?
        var issued: [String] = []
        if case .response(let response) = result.outcome {
            status = response.status
            let isTokenRoute = request.path.hasSuffix("/v1/token") || request.path.hasSuffix("/v1/refreshtoken")
            if isTokenRoute, let json = try? JSONParser.parse(response.body) {
                for key in ["access_token", "refresh_token"] {
                    if let token = json[key]?.stringValue, !token.isEmpty { issued.append(token) }
                }
            }
        }
        if let authorization = request.headers["Authorization"], authorization.hasPrefix("Bearer ") {
            issued.append(String(authorization.dropFirst("Bearer ".count)))
        }
        state.withLock { state in
            state.exchanges.append(Exchange(method: request.method, path: request.path, status: status))
            state.tokens.formUnion(issued)
        }
        return result
    }

    /// Every exchange so far, in arrival order.
    var exchanges: [Exchange] { state.withLock { $0.exchanges } }

    /// Every access and refresh token seen.
    var tokens: Set<String> { state.withLock { $0.tokens } }

    /// The exchanges whose path is `/rest-api` + `path` (no query), with `method` when given.
    func count(_ method: HTTPMethod? = nil, _ path: String) -> Int {
        exchanges.filter { ($0.method == method || method == nil) && $0.path == "/rest-api" + path }.count
    }

    /// The API calls (everything but the token routes).
    var apiCalls: Int {
        exchanges.filter { !$0.path.hasSuffix("/v1/token") && !$0.path.hasSuffix("/v1/refreshtoken") }.count
    }
}
