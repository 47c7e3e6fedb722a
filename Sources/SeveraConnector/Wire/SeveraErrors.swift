import Foundation
import HTTPSupport
import JSONSupport
import SyncCore

/// How Severa failures become ``ConnectorError``s (severa-api.md §4).
///
/// - ``APIClientError`` kinds: `unauthorized` → unauthorized, `outcomeUnknown` → outcomeUnknown,
///   `malformedResponse` (the token endpoint answered with something not its own) → unavailable and
///   ``ConnectorError/isUnhealthyAnswer``, everything else (`unavailable`, `cancelled`, `refused`,
///   `tokenStorage`) → unavailable.
/// - Answers: a 3xx, or a 4xx whose body is not JSON, is not the API's (``unhealthyAnswer(_:redactor:)``);
///   404 → notFound; 403 `InsufficientApiScope` → forbidden naming the scope the route needs; other
///   403 → forbidden; other 4xx → rejected with the `ExceptionModel` type (as the remote code), the
///   details' messages and the fields they name.
enum SeveraErrors {
    /// The error for a failure the ``APIClient`` reported.
    static func connectorError(
        _ error: APIClientError, method: HTTPMethod, path: String, redactor: SecretRedactor
    ) -> ConnectorError {
        let kind: ConnectorError.Kind
        switch error.kind {
        case .unauthorized: kind = .unauthorized
        case .outcomeUnknown: kind = .outcomeUnknown
        default: kind = .unavailable
        }
        var message = error.message
        if let errorPath = error.path, error.method != method || !errorPath.contains(path) {
            // The token endpoint failed on the way to this call.
            message = "\(error.method.map { "\($0) " } ?? "")\(errorPath): \(message)"
        }
        var details: [String] = []
        if let status = error.status { details.append("HTTP \(status)") }
        if let excerpt = error.bodyExcerpt { details.append("body: \(excerpt)") }
        if !details.isEmpty { message += " (\(details.joined(separator: "; ")))" }
        if kind == .unauthorized, !message.contains(SeveraTokenProvider.credentialsHint) {
            message += ". " + SeveraTokenProvider.credentialsHint
        }
        return ConnectorError(
            kind: kind, system: SeveraAPI.system, operation: "\(method) \(path)", message: redactor.redact(message),
            isUnhealthyAnswer: error.kind == .malformedResponse)
    }

    /// Why a non-2xx `response` is not the Severa API's answer, or `nil`: a redirect (the API does not
    /// redirect), or a 4xx whose body is not JSON (Severa refuses with an `ExceptionModel` or an empty
    /// body). 5xx never arrive here: the client retries them and then fails as unavailable.
    static func unhealthyAnswer(_ response: HTTPResponse, redactor: SecretRedactor) -> UnhealthyAnswer? {
        switch response.status {
        case 400..<500:
            return UnhealthyAnswer.inRefusal(response, redactor: redactor)
        case 500..<600:
            return nil
        default:
            let location = response.headers["Location"].map { " to \($0)" } ?? ""
            return UnhealthyAnswer(
                "HTTP \(response.status)\(location); the Severa API answers 2xx or 4xx here", response: response,
                redactor: redactor)
        }
    }

    /// The error for a non-2xx answer the client delivered.
    static func connectorError(
        status: Int, body: Data, operation: String, scope: String, redactor: SecretRedactor
    ) -> ConnectorError {
        let exception = ExceptionModel(body)
        let excerpt = APIClientError.excerpt(of: body, redactor: redactor)
        func make(_ kind: ConnectorError.Kind, _ message: String) -> ConnectorError {
            ConnectorError(
                kind: kind, system: SeveraAPI.system, operation: operation, message: redactor.redact(message),
                remoteCode: exception?.type)
        }
        switch status {
        case 404:
            return make(.notFound, "not found (HTTP 404)")
        case 403 where exception?.type == "InsufficientApiScope":
            return make(
                .forbidden,
                "the access token lacks the API scope \(scope) (HTTP 403 InsufficientApiScope: "
                    + "\(exception?.summary ?? "")); add \(scope) to the Severa REST API credentials "
                    + "(Settings → Integrations → REST API) and to the configured scopes")
        case 403:
            return make(.forbidden, "refused (HTTP 403): \(exception?.summary ?? excerpt ?? "no details")")
        case 400..<500:
            guard let exception else {
                return make(.rejected, "refused (HTTP \(status)): \(excerpt ?? "no body")")
            }
            return make(.rejected, "refused (HTTP \(status) \(exception.type)): \(exception.summary)")
        default:
            return make(
                .malformedResponse,
                "unexpected HTTP \(status), the API documents 2xx or 4xx here"
                    + (excerpt.map { " (body: \($0))" } ?? ""))
        }
    }
}

/// Severa's error body: `{"error":{"httpStatusCode","type","details":[{"message","location":{"type","name"}}]}}`.
struct ExceptionModel: Sendable, Equatable {
    /// One detail: the message and the parameter or field it is about.
    struct Detail: Sendable, Equatable {
        let message: String
        let field: String?
    }

    /// The `ExceptionTypeEnum` value, e.g. `InvalidParameter`.
    let type: String
    /// The details.
    let details: [Detail]

    /// Reads `body`, or returns `nil` when it is not an `ExceptionModel`.
    init?(_ body: Data) {
        guard !body.isEmpty, let json = try? JSONParser.parse(body), let error = json["error"],
            let type = error["type"]?.stringValue
        else { return nil }
        self.type = type
        self.details = (error["details"]?.arrayValue ?? []).compactMap { detail in
            guard let message = detail["message"]?.stringValue else { return nil }
            return Detail(message: message, field: detail["location"]?["name"]?.stringValue)
        }
    }

    /// "Name is required. (field name); …", or the type alone when there are no details.
    var summary: String {
        guard !details.isEmpty else { return type }
        return details.map { detail in detail.message + (detail.field.map { " (field \($0))" } ?? "") }
            .joined(separator: "; ")
    }
}
