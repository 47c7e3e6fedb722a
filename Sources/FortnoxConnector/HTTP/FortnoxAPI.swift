import Foundation
import HTTPSupport
import JSONSupport
import SyncCore

/// Sends Fortnox calls through the connector's ``APIClient`` and turns every answer into either the
/// JSON the API documents or a ``ConnectorError`` that names Fortnox, the method and the path.
///
/// Error classes (fortnox-api.md §5): 404 → `notFound`; 403, or the scope and licence codes 2000663
/// and 2001101 under any status → `forbidden`; other 4xx → `rejected` with Fortnox's message and code.
/// An answer that is not the Fortnox API's (``UnhealthyAnswer``: a 2xx that is not JSON or lacks its
/// envelope, a 4xx whose body is not JSON, a redirect) is marked ``ConnectorError/isUnhealthyAnswer``:
/// `malformedResponse` for a GET, `outcomeUnknown` for a write (it may have been carried out behind
/// whatever answered). Transport-level failures come from ``APIClientError`` (see
/// ``translate(_:call:)``). Every message passes the Fortnox ``SecretRedactor``.
struct FortnoxAPI: Sendable {
    /// The system name in every error.
    static let system = "Fortnox"
    /// Codes that mean a missing scope (2000663) or licence (2001101), sometimes sent with 400.
    static let forbiddenCodes: Set<String> = ["2000663", "2001101"]

    /// The client that authenticates, rate-limits and retries.
    let client: APIClient
    /// The API origin without a trailing slash, e.g. `https://api.fortnox.se`.
    let origin: String
    /// The Fortnox redactor (shared with the token provider and client).
    let redactor: SecretRedactor

    /// Sends `call` and returns the response whatever its status (401, 429 and 5xx are handled by the
    /// client and never come back).
    ///
    /// - Throws: ``ConnectorError`` for failures below HTTP (see ``translate(_:call:)``).
    func send(_ call: FortnoxCall, body: JSONValue? = nil) async throws(ConnectorError) -> HTTPResponse {
        try await send(call, data: body.map(JSONSerializer.data), contentType: body == nil ? nil : "application/json")
    }

    /// Sends `call` with `data` of media type `contentType` (a multipart upload) and returns the response
    /// whatever its status.
    ///
    /// - Throws: ``ConnectorError`` for failures below HTTP (see ``translate(_:call:)``).
    func send(_ call: FortnoxCall, data body: Data?, contentType: String?) async throws(ConnectorError) -> HTTPResponse
    {
        guard let url = call.url(origin: origin) else {
            throw failure(.invalidRecord, call, "the request URL could not be built from \(call)")
        }
        var headers: HTTPHeaders = ["Accept": "application/json"]
        let data = body ?? Data()
        if let contentType { headers["Content-Type"] = contentType }
        let request = HTTPRequest(
            method: call.method, url: url, headers: headers, body: data, idempotent: call.idempotent)
        do {
            return try await client.send(request)
        } catch {
            throw translate(error, call: call)
        }
    }

    /// Sends `call` and returns its 2xx body parsed as JSON, with the response it came in.
    ///
    /// - Throws: ``ConnectorError``: the status's class for a non-2xx answer; an unhealthy answer (see
    ///   ``unhealthy(_:_:)``) for a body that is HTML, of another content type, empty or not whole JSON.
    func json(_ call: FortnoxCall, body: JSONValue? = nil) async throws(ConnectorError) -> FortnoxReply {
        let response = try await send(call, body: body)
        guard response.isSuccess else { throw failure(for: response, call: call) }
        switch UnhealthyAnswer.json(of: response, redactor: redactor) {
        case .success(let document): return FortnoxReply(document: document, response: response)
        case .failure(let answer): throw unhealthy(call, answer)
        }
    }

    /// Sends `call` and returns the entity in its `{"<wrapper>":{…}}` envelope.
    ///
    /// - Throws: ``ConnectorError``; an unhealthy answer when the envelope is missing.
    func entity(_ call: FortnoxCall, wrapper: String, body: JSONValue? = nil) async throws(ConnectorError)
        -> WireEntity
    {
        try unwrap(try await json(call, body: body), wrapper: wrapper, call: call)
    }

    /// Like ``entity(_:wrapper:body:)`` for a GET by key, with 404 giving `nil`.
    func optionalEntity(_ call: FortnoxCall, wrapper: String) async throws(ConnectorError) -> WireEntity? {
        do {
            return try await entity(call, wrapper: wrapper)
        } catch  where error.kind == .notFound {
            return nil
        }
    }

    /// Sends `call` and requires a 2xx answer, whatever its body (DELETE answers 204).
    func noContent(_ call: FortnoxCall) async throws(ConnectorError) {
        let response = try await send(call)
        guard response.isSuccess else { throw failure(for: response, call: call) }
    }

    /// The object under `wrapper` in `reply`: a 2xx without it is not the API's answer.
    func unwrap(_ reply: FortnoxReply, wrapper: String, call: FortnoxCall) throws(ConnectorError) -> WireEntity {
        let document = reply.document
        guard let members = document[wrapper]?.objectValue else {
            let found =
                document.objectValue.map { "an object with \(Array($0.keys).sorted())" }
                ?? document.typeDescription
            throw unhealthy(call, reply.problem("JSON without the {\"\(wrapper)\":{…}} envelope: \(found)", redactor))
        }
        return WireEntity(members)
    }

    /// The error for a non-2xx `response`.
    func failure(for response: HTTPResponse, call: FortnoxCall) -> ConnectorError {
        let status = response.status
        if (300..<400).contains(status) {
            let location = response.headers["Location"].map { " to \($0)" } ?? ""
            return unhealthy(
                call,
                UnhealthyAnswer(
                    "a redirect\(location); the Fortnox API does not redirect, so it is not followed",
                    response: response, redactor: redactor))
        }
        if (400..<500).contains(status), let answer = UnhealthyAnswer.inRefusal(response, redactor: redactor) {
            return unhealthy(call, answer)
        }
        let information = FortnoxErrorInformation(body: response.body)
        let said = information?.message.map { ": \($0)" } ?? excerpt(response)
        let code = information?.code
        if status == 404 {
            return failure(.notFound, call, "HTTP 404\(said)", code: code)
        }
        if status == 403 || code.map(FortnoxAPI.forbiddenCodes.contains) == true {
            return failure(
                .forbidden, call,
                "HTTP \(status)\(said). The Fortnox authorization lacks a scope or the company lacks a licence "
                    + "for this resource; \(FortnoxTokenProvider.reauthorizeHint)", code: code)
        }
        switch status {
        case 401:
            return failure(
                .unauthorized, call, "HTTP 401\(said). \(FortnoxTokenProvider.reauthorizeHint)", code: code)
        case 400..<500:
            return failure(.rejected, call, "HTTP \(status)\(said)", code: code)
        default:
            return failure(.unavailable, call, "HTTP \(status)\(said)", code: code)
        }
    }

    /// The ``ConnectorError`` for a failure of the HTTP client.
    func translate(_ error: APIClientError, call: FortnoxCall) -> ConnectorError {
        translate(error, operation: call.description)
    }

    /// The ``ConnectorError`` for a failure of the HTTP client during `operation`, e.g.
    /// `POST /oauth-v1/token`.
    ///
    /// The token endpoint answering with something not its own (`malformedResponse`) is `unavailable`
    /// and unhealthy: no request works without a token, and the credentials are not at fault.
    func translate(_ error: APIClientError, operation: String) -> ConnectorError {
        if error.kind == .malformedResponse {
            let request = [error.method?.rawValue, error.path].compactMap { $0 }.joined(separator: " ")
            return ConnectorError(
                kind: .unavailable, system: FortnoxAPI.system, operation: redactor.redact(operation),
                message: redactor.redact("\(request): \(error.message)"), isUnhealthyAnswer: true)
        }
        var details: [String] = []
        if let status = error.status { details.append("HTTP \(status)") }
        if let body = error.bodyExcerpt { details.append("body: \(body)") }
        let message = error.message + (details.isEmpty ? "" : " (\(details.joined(separator: "; ")))")
        switch error.kind {
        case .unauthorized, .tokenStorage:
            let hint = message.contains("brygga auth fortnox") ? "" : " \(FortnoxTokenProvider.reauthorizeHint)"
            return failure(.unauthorized, operation: operation, message + hint)
        case .outcomeUnknown:
            return failure(.outcomeUnknown, operation: operation, message)
        case .cancelled:
            return failure(.unavailable, operation: operation, "cancelled: \(message)")
        default:
            return failure(.unavailable, operation: operation, message)
        }
    }

    /// The error for an answer to `call` that is not the Fortnox API's: `malformedResponse` for a GET,
    /// `outcomeUnknown` for a write (whatever answered may have passed the request on), both marked
    /// ``ConnectorError/isUnhealthyAnswer``.
    func unhealthy(_ call: FortnoxCall, _ answer: UnhealthyAnswer) -> ConnectorError {
        ConnectorError(
            kind: call.method == .get ? .malformedResponse : .outcomeUnknown, system: FortnoxAPI.system,
            operation: redactor.redact(call.description),
            message: redactor.redact("the answer is not the Fortnox API's: \(answer)"), isUnhealthyAnswer: true)
    }

    /// An error about `call`, redacted.
    func failure(_ kind: ConnectorError.Kind, _ call: FortnoxCall, _ message: String, code: String? = nil)
        -> ConnectorError
    {
        failure(kind, operation: call.description, message, code: code)
    }

    /// An error about `operation`, redacted.
    func failure(_ kind: ConnectorError.Kind, operation: String, _ message: String, code: String? = nil)
        -> ConnectorError
    {
        ConnectorError(
            kind: kind, system: FortnoxAPI.system, operation: redactor.redact(operation),
            message: redactor.redact(message), remoteCode: code)
    }

    /// `; body: …` with the start of the body, or an empty string.
    private func excerpt(_ response: HTTPResponse) -> String {
        APIClientError.excerpt(of: response.body, redactor: redactor).map { " (body: \($0))" } ?? ""
    }
}

/// A 2xx Fortnox answer parsed as JSON, with the response it came in (for the envelope checks' messages).
struct FortnoxReply: Sendable {
    /// The parsed body.
    let document: JSONValue
    /// The response.
    let response: HTTPResponse

    /// The answer described as not the API's because of `problem`.
    func problem(_ problem: String, _ redactor: SecretRedactor) -> UnhealthyAnswer {
        UnhealthyAnswer(problem, response: response, redactor: redactor)
    }
}
