import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// What one API request has to work with inside a route handler.
struct RouteContext {
    /// The request.
    let request: ServerRequest
    /// The values of the `{}` segments of the route's pattern, in order.
    let parameters: [String]
    /// The request time, milliseconds since 1970.
    let now: Int64
    /// Whether page tokens count matching rows instead of naming a table position (see
    /// ``SeveraEmulator/setShiftingPageTokens(_:)``).
    var shiftingPageTokens = false

    /// The query parameters.
    var query: ListQuery { ListQuery(request: request, shiftingPageTokens: shiftingPageTokens) }

    /// The `index`th path parameter as a GUID; a malformed one is an unknown record (INVENTED: 404, not 400).
    func guid(_ index: Int = 0) throws(SeveraAPIError) -> UUID {
        guard index < parameters.count, let guid = SeveraGUID.parse(parameters[index]) else { throw .notFound() }
        return guid
    }

    /// The JSON body.
    ///
    /// INVENTED: like ASP.NET Core, a body whose `Content-Type` is not JSON is refused (415); a missing
    /// `Content-Type` is tolerated.
    /// - Throws: ``SeveraAPIError`` 415 for another content type, 400 `InvalidRequest` for an empty or
    ///   malformed body.
    func body() throws(SeveraAPIError) -> JSONValue {
        if let type = request.headers["Content-Type"], !type.lowercased().contains("json") {
            throw SeveraAPIError(
                status: 415, type: "InvalidRequest",
                message: "The request body must be JSON (Content-Type: application/json).",
                location: (.requestHeader, "Content-Type"))
        }
        guard !request.body.isEmpty else { throw .invalidRequest("A request body is required.") }
        do {
            return try JSONParser.parse(request.body)
        } catch {
            throw .invalidRequest("The request body is not valid JSON: \(error.reason) at byte \(error.offset).")
        }
    }
}

/// Who may call a route.
enum RouteAccess: Sendable {
    /// Anyone (token routes, heartbeats).
    case open
    /// Any valid access token.
    case authenticated
    /// A valid access token carrying this scope, e.g. `customers:read`.
    case scope(String)
}

/// One route: method, path pattern below `/rest-api/v1/`, access rule and handler.
struct SeveraRoute: Sendable {
    /// Runs the route against the store.
    typealias Handler = @Sendable (RouteContext, inout SeveraStore) throws(SeveraAPIError) -> HTTPResponse

    /// The method.
    let method: HTTPMethod
    /// The path segments; `nil` matches any one segment (a parameter).
    let pattern: [String?]
    /// Who may call it.
    let access: RouteAccess
    /// The handler.
    let handler: Handler

    /// Creates a route from a pattern such as `customers/{}/addresses`.
    init(_ method: HTTPMethod, _ pattern: String, _ access: RouteAccess, _ handler: @escaping Handler) {
        self.method = method
        self.pattern = pattern.split(separator: "/").map { $0 == "{}" ? nil : $0.lowercased() }
        self.access = access
        self.handler = handler
    }

    /// The parameter values when `segments` fit the pattern (literals compared ignoring case).
    func match(_ segments: ArraySlice<String>) -> [String]? {
        guard segments.count == pattern.count else { return nil }
        var parameters: [String] = []
        for (literal, segment) in zip(pattern, segments) {
            if let literal {
                guard literal == segment.lowercased() else { return nil }
            } else {
                parameters.append(segment)
            }
        }
        return parameters
    }
}
