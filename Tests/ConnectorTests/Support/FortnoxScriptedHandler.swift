import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization

/// A stand-in for Fortnox that answers from a script: a fixed response per `METHOD /path` (the
/// query is ignored), 404 `ErrorInformation` otherwise. For the shapes the emulator never produces
/// (garbage bodies, odd values, a company without the settings field).
final class FortnoxScriptedHandler: SandboxRequestHandler {
    private let script: Mutex<[String: HTTPResponse]>

    /// Creates a handler answering `script[“METHOD /path”]`.
    init(_ script: [String: HTTPResponse] = [:]) {
        self.script = Mutex(script)
    }

    /// Sets the answer to `METHOD /path`.
    func answer(_ route: String, with response: HTTPResponse) {
        script.withLock { $0[route] = response }
    }

    /// Sets a JSON answer to `METHOD /path`.
    func answer(_ route: String, status: Int = 200, json: JSONValue) {
        answer(route, with: .json(status, json))
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        let route = "\(request.method) \(ServerRequest.percentDecode(request.path, plusIsSpace: false))"
        if let response = script.withLock({ $0[route] }) { return .respond(response) }
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
