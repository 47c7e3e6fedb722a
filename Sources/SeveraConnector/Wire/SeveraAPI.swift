import Foundation
import HTTPSupport
import JSONSupport
import SyncCore

/// The area of a Severa API scope (`{area}:{read|write|delete}`) a route belongs to (severa-api.md §2).
enum ScopeArea: String, Sendable {
    case customers
    case settings
    case projects
    case fees
    case invoices
    case files
}

/// One query parameter; repeated names are allowed (`numbers=1&numbers=2`).
struct QueryItem: Sendable, Hashable {
    /// The parameter name.
    let name: String
    /// The value, unescaped.
    let value: String

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A successful Severa answer with its body parsed.
struct SeveraReply: Sendable {
    /// The body (`null` for an empty body).
    let json: JSONValue
    /// The response (headers such as `NextPageToken`, and what came back for the envelope checks).
    let response: HTTPResponse
    /// The method, for the kind of an unhealthy answer (a read or a write).
    let method: HTTPMethod
    /// `GET /v1/customers`, for messages.
    let operation: String

    /// The response headers.
    var headers: HTTPHeaders { response.headers }
}

/// Sends Severa requests through the ``APIClient`` and turns every failure into a ``ConnectorError``
/// that names `Severa`, the method and the path.
///
/// An answer that is not the Severa API's (``UnhealthyAnswer``: a 2xx that is HTML, of another content
/// type or not whole JSON, a 2xx without the array or object the route answers, a 4xx whose body is not
/// JSON, a 3xx) is marked ``ConnectorError/isUnhealthyAnswer``: `malformedResponse` for a GET,
/// `outcomeUnknown` for a write (it may have been carried out behind whatever answered).
final class SeveraAPI: Sendable {
    /// The system name in every error.
    static let system = "Severa"

    private let client: APIClient
    private let base: String
    /// The redactor shared with the client and token provider.
    let redactor: SecretRedactor
    /// Where the connector's own diagnostics go.
    let log: any DiagnosticLog

    /// Creates the API.
    ///
    /// - Parameters:
    ///   - client: The authenticated, rate-limited client.
    ///   - baseURL: The API base, e.g. `https://api.severa.visma.com/rest-api`.
    ///   - redactor: The Severa redactor.
    ///   - log: Where diagnostics go.
    init(client: APIClient, baseURL: URL, redactor: SecretRedactor, log: any DiagnosticLog) {
        self.client = client
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.redactor = redactor
        self.log = log
    }

    /// A path segment escaped for a URL (ids, codes).
    static func segment(_ text: String) -> String { FormURLEncoding.escape(text) }

    /// Sends one request and returns the parsed 2xx answer.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The path below the base, starting with `/v1/`, segments already escaped.
    ///   - query: Query parameters.
    ///   - body: A JSON body, sent as `application/json`.
    ///   - area: The scope area of the route, named when Severa answers `InsufficientApiScope`.
    /// - Returns: The status-2xx answer with its body parsed.
    /// - Throws: ``ConnectorError`` of every kind but `invalidRecord`.
    func send(
        _ method: HTTPMethod, _ path: String, query: [QueryItem] = [], body: JSONValue? = nil, area: ScopeArea
    ) async throws(ConnectorError) -> SeveraReply {
        let operation = "\(method) \(path)"
        var target = base + path
        if !query.isEmpty {
            target += "?" + query.map { "\(Self.segment($0.name))=\(Self.segment($0.value))" }.joined(separator: "&")
        }
        guard let url = URL(string: target) else {
            throw ConnectorError(
                kind: .invalidRecord, system: Self.system, operation: operation,
                message: "cannot build a URL from the path \(path)")
        }
        var headers: HTTPHeaders = ["Accept": "application/json"]
        var data = Data()
        if let body {
            headers["Content-Type"] = "application/json"
            data = JSONSerializer.data(body)
        }
        let response: HTTPResponse
        do {
            response = try await client.send(HTTPRequest(method: method, url: url, headers: headers, body: data))
        } catch {
            throw SeveraErrors.connectorError(error, method: method, path: path, redactor: redactor)
        }
        guard response.isSuccess else {
            if let answer = SeveraErrors.unhealthyAnswer(response, redactor: redactor) {
                throw unhealthy(method: method, operation: operation, answer)
            }
            throw SeveraErrors.connectorError(
                status: response.status, body: response.body, operation: operation,
                scope: "\(area.rawValue):\(Self.access(of: method))", redactor: redactor)
        }
        // DELETE answers 204 without a body; a route that needs a body finds `null` (see ListPager).
        guard !response.body.isEmpty else {
            return SeveraReply(json: .null, response: response, method: method, operation: operation)
        }
        return try parsed(response, method: method, operation: operation)
    }

    private func parsed(_ response: HTTPResponse, method: HTTPMethod, operation: String) throws(ConnectorError)
        -> SeveraReply
    {
        switch UnhealthyAnswer.json(of: response, redactor: redactor) {
        case .success(let json):
            return SeveraReply(json: json, response: response, method: method, operation: operation)
        case .failure(let answer): throw unhealthy(method: method, operation: operation, answer)
        }
    }

    /// The error for a 2xx `reply` without the shape its route answers: `problem` says what was wrong.
    func unhealthy(_ reply: SeveraReply, _ problem: String) -> ConnectorError {
        unhealthy(
            method: reply.method, operation: reply.operation,
            UnhealthyAnswer(problem, response: reply.response, redactor: redactor))
    }

    /// The error for an answer that is not the Severa API's: `malformedResponse` for a GET,
    /// `outcomeUnknown` for a write, both marked ``ConnectorError/isUnhealthyAnswer``.
    private func unhealthy(method: HTTPMethod, operation: String, _ answer: UnhealthyAnswer) -> ConnectorError {
        ConnectorError(
            kind: method == .get ? .malformedResponse : .outcomeUnknown, system: Self.system, operation: operation,
            message: redactor.redact("the answer is not the Severa API's: \(answer)"), isUnhealthyAnswer: true)
    }

    /// Sends one request and returns the 2xx answer's bytes as they are (a file's contents).
    ///
    /// - Throws: ``ConnectorError`` as ``send(_:_:query:body:area:)``.
    func bytes(_ method: HTTPMethod, _ path: String, area: ScopeArea) async throws(ConnectorError) -> Data {
        let operation = "\(method) \(path)"
        guard let url = URL(string: base + path) else {
            throw ConnectorError(
                kind: .invalidRecord, system: Self.system, operation: operation,
                message: "cannot build a URL from the path \(path)")
        }
        let response: HTTPResponse
        do {
            response = try await client.send(
                HTTPRequest(method: method, url: url, headers: ["Accept": "*/*"], body: Data()))
        } catch {
            throw SeveraErrors.connectorError(error, method: method, path: path, redactor: redactor)
        }
        guard response.isSuccess else {
            throw SeveraErrors.connectorError(
                status: response.status, body: response.body, operation: operation,
                scope: "\(area.rawValue):\(Self.access(of: method))", redactor: redactor)
        }
        return response.body
    }

    /// A ``ConnectorError/Kind/malformedResponse`` error about `operation`.
    func malformed(_ operation: String, _ message: String) -> ConnectorError {
        ConnectorError(
            kind: .malformedResponse, system: Self.system, operation: operation, message: redactor.redact(message))
    }

    /// Logs a diagnostic line, redacted.
    func note(_ level: DiagnosticLevel, _ message: @autoclosure () -> String) {
        if log is NoDiagnosticLog { return }
        log.log(level, redactor.redact("\(Self.system): \(message())"))
    }

    private static func access(of method: HTTPMethod) -> String {
        switch method {
        case .get: "read"
        case .delete: "delete"
        default: "write"
        }
    }
}
