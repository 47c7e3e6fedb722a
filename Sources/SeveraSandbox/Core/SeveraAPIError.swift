import HTTPSupport
import JSONSupport
import SandboxKit

/// A failed API call as Severa reports it: a status and, except for 404, an `ExceptionModel` body.
///
/// ```json
/// {"error":{"httpStatusCode":400,"type":"InvalidParameter",
///   "details":[{"message":"Name is required.","url":null,
///               "location":{"type":"RequestBody","name":"name","identifier":null}}],"stack":null}}
/// ```
/// UNVERIFIED: the status of each `type`; the emulator uses AuthenticationRequired → 401,
/// InsufficientApiScope → 403, Invalid* → 400 as the reference suggests.
struct SeveraAPIError: Error, Sendable {
    /// Where in the request the problem is (`ExceptionLocationTypeEnum`).
    enum LocationType: String, Sendable {
        case pathParameter = "PathParameter"
        case requestBody = "RequestBody"
        case requestHeader = "RequestHeader"
        case uriParameter = "UriParameter"
    }

    /// The HTTP status.
    let status: Int
    /// The `ExceptionTypeEnum` value; `nil` for a bare 404 without body.
    let type: String?
    /// The human-readable detail.
    let message: String
    /// The location type and name of the offending parameter or field.
    let location: (type: LocationType, name: String)?

    /// An unknown id or route: 404 with an empty body, as every Severa route declares.
    static func notFound(_ message: String = "Resource not found") -> SeveraAPIError {
        SeveraAPIError(status: 404, type: nil, message: message, location: nil)
    }

    /// A missing, malformed or unacceptable value: 400 `InvalidParameter`.
    static func invalidParameter(_ message: String, _ location: LocationType = .requestBody, name: String)
        -> SeveraAPIError
    {
        SeveraAPIError(status: 400, type: "InvalidParameter", message: message, location: (location, name))
    }

    /// A request that cannot be read (malformed JSON, wrong body shape): 400 `InvalidRequest`.
    static func invalidRequest(_ message: String, name: String? = nil) -> SeveraAPIError {
        SeveraAPIError(
            status: 400, type: "InvalidRequest", message: message, location: name.map { (.requestBody, $0) })
    }

    /// A well-formed request the record's state forbids: 400 `InvalidOperation`.
    static func invalidOperation(_ message: String, name: String? = nil) -> SeveraAPIError {
        SeveraAPIError(
            status: 400, type: "InvalidOperation", message: message, location: name.map { (.requestBody, $0) })
    }

    /// No valid credentials: 401 `AuthenticationRequired`.
    static func authenticationRequired(_ message: String, header: String = "Authorization") -> SeveraAPIError {
        SeveraAPIError(
            status: 401, type: "AuthenticationRequired", message: message, location: (.requestHeader, header))
    }

    /// The token lacks the scope the route needs: 403 `InsufficientApiScope`.
    static func insufficientScope(_ scope: String) -> SeveraAPIError {
        SeveraAPIError(
            status: 403, type: "InsufficientApiScope",
            message: "The access token does not grant the scope '\(scope)' this route requires.",
            location: (.requestHeader, "Authorization"))
    }

    /// The `ExceptionModel` document (`null` location when none applies).
    var exceptionModel: JSONValue {
        let location: JSONValue =
            location.map { ["type": .string($0.type.rawValue), "name": .string($0.name), "identifier": nil] } ?? nil
        let detail: JSONValue = ["message": .string(message), "url": nil, "location": location]
        return [
            "error": [
                "httpStatusCode": .number(JSONNumber(status)), "type": .string(type ?? "InvalidRequest"),
                "details": [detail], "stack": nil,
            ]
        ]
    }

    /// The HTTP response: the `ExceptionModel`, an empty body for a 404, the quota text for a 429.
    var response: HTTPResponse {
        if status == 429 { return .text(429, message) }
        return type == nil ? .empty(status) : .json(status, exceptionModel)
    }
}
