import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization

/// A stand-in for Fortnox that answers from a script, for the shapes the emulator never produces
/// (garbage bodies, odd values, a company without the settings field, pages that shift).
///
/// A route is `METHOD /path` or `METHOD /path?query` (decoded, parameters in the order sent); the
/// route with the query wins. A route answers its responses in turn, repeating the last one.
/// Unscripted requests get a 404 `ErrorInformation`.
final class FortnoxScriptedHandler: SandboxRequestHandler {
    private let script: Mutex<[String: [HTTPResponse]]>

    /// Creates a handler without routes.
    init() {
        self.script = Mutex([:])
    }

    /// Answers `route` with `responses`, one per request, the last one repeated.
    func answer(_ route: String, with responses: HTTPResponse...) {
        script.withLock { $0[route] = responses }
    }

    /// Answers `route` with one JSON document.
    func answer(_ route: String, status: Int = 200, json: JSONValue) {
        answer(route, with: .json(status, json))
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        let path = "\(request.method) \(ServerRequest.percentDecode(request.path, plusIsSpace: false))"
        let query = request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let response: HTTPResponse? = script.withLock { routes in
            for route in [path + "?" + query, path] {
                guard var queue = routes[route], let first = queue.first else { continue }
                if queue.count > 1 {
                    queue.removeFirst()
                    routes[route] = queue
                }
                return first
            }
            return nil
        }
        if let response { return .respond(response) }
        return .respond(
            .json(404, ["ErrorInformation": ["Error": 1, "Message": "Kan inte hitta resursen.", "Code": 2_099_026]]))
    }

    /// A list document with `MetaInformation` for one page holding `items`.
    static func list(_ key: String, _ items: [JSONValue], page: Int = 1, pages: Int = 1, total: Int? = nil)
        -> JSONValue
    {
        [
            "MetaInformation": [
                "@TotalResources": .number(JSONNumber(total ?? items.count)), "@TotalPages": .number(JSONNumber(pages)),
                "@CurrentPage": .number(JSONNumber(page)),
            ],
            key: .array(items),
        ]
    }
}
