import Foundation
import HTTPSupport
import SandboxKit
import SeveraSandbox

/// A handler that answers chosen requests itself (garbage, wrong shapes, odd statuses) and passes every
/// other request to the handler it wraps.
struct SeveraCannedHandler: SandboxRequestHandler {
    let wrapped: any SandboxRequestHandler
    /// The method and path (`/rest-api/v1/…`, no query) answered here.
    let method: HTTPMethod
    let path: String
    /// The answer, made from the request (to echo its headers, say).
    let answer: @Sendable (ServerRequest) -> HTTPResponse

    func handle(_ request: ServerRequest) -> HandlerResult {
        guard request.method == method, request.path == path else { return wrapped.handle(request) }
        return .respond(answer(request))
    }

    /// A front that answers `method path` with `status` and `body`.
    static func front(
        _ method: HTTPMethod, _ path: String, status: Int = 200, body: String,
        contentType: String = "application/json"
    ) -> @Sendable (any SandboxRequestHandler) -> any SandboxRequestHandler {
        { wrapped in
            SeveraCannedHandler(wrapped: wrapped, method: method, path: path) { _ in
                HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Data(body.utf8))
            }
        }
    }
}
