import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

extension SeveraEmulator {
    /// `POST /v1/token`, `/v1/refreshtoken` and `/v1/signout`; `nil` for any other name.
    ///
    /// INVENTED: the token routes are not rate limited (the quota is counted per access token).
    /// `signout` answers 200 with an empty body, as the reconstructed spec says (binary response),
    /// although the reference's prose lists it among the routes returning the authentication model.
    func authenticationRoute(_ request: ServerRequest, name: String) -> HTTPResponse? {
        guard ["token", "refreshtoken", "signout"].contains(name) else { return nil }
        guard request.method == .post else { return .empty(405) }
        do throws(SeveraAPIError) {
            let context = RouteContext(request: request, parameters: [], now: now)
            switch name {
            case "token": return try issueToken(try context.body())
            case "refreshtoken": return try refresh(try context.body())
            default:
                try authorize(request, access: .authenticated)
                guard let refreshToken = try context.body().stringValue else {
                    throw .invalidRequest("The request body must be the refresh token as a JSON string.")
                }
                tokens.revokeRefreshToken(refreshToken)
                return HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"])
            }
        } catch {
            return error.response
        }
    }

    /// `ClientCredentials {client_id, client_secret, scope}`, member names matched ignoring case
    /// (clients send `client_Id` / `client_Secret`); scopes space- or comma-separated.
    ///
    /// UNVERIFIED: the answer to wrong credentials (401 `AuthenticationRequired` here) and to scopes
    /// beyond the grant (the token gets the scopes both sides have; none in common is 400).
    private func issueToken(_ body: JSONValue) throws(SeveraAPIError) -> HTTPResponse {
        guard body.objectValue != nil else { throw .invalidRequest("The request body must be a JSON object.") }
        guard let clientID = body.member(caseInsensitive: "client_id")?.stringValue, !clientID.isEmpty else {
            throw .invalidParameter("client_id is required.", name: "client_id")
        }
        guard let secret = body.member(caseInsensitive: "client_secret")?.stringValue, !secret.isEmpty else {
            throw .invalidParameter("client_secret is required.", name: "client_secret")
        }
        guard clientID == configuration.clientID, secret == configuration.clientSecret else {
            throw .authenticationRequired("The client credentials are not valid.", header: "client_id")
        }
        var scopes = configuration.grantedScopes
        if let requested = body.member(caseInsensitive: "scope")?.stringValue {
            let asked = Set(requested.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
            if !asked.isEmpty {
                scopes = scopes.intersection(asked)
                guard !scopes.isEmpty else {
                    throw .invalidParameter("None of the requested scopes is granted to this client.", name: "scope")
                }
            }
        }
        return authenticationModel(
            tokens.issueTokens(for: TokenGrant(subject: clientID, scopes: scopes), withRefreshToken: true))
    }

    /// `POST /v1/refreshtoken` with the refresh token as a bare JSON string.
    ///
    /// UNVERIFIED: an unknown, used or expired refresh token answers 401 `AuthenticationRequired`.
    private func refresh(_ body: JSONValue) throws(SeveraAPIError) -> HTTPResponse {
        guard let refreshToken = body.stringValue else {
            throw .invalidRequest("The request body must be the refresh token as a JSON string.")
        }
        guard let issued = tokens.redeemRefreshToken(refreshToken) else {
            throw .authenticationRequired("The refresh token is not valid or has expired.", header: "refreshToken")
        }
        return authenticationModel(issued)
    }

    /// `PublicAuthenticationOutputModel`.
    private func authenticationModel(_ issued: GrantedTokens) -> HTTPResponse {
        let now = SeveraTime.milliseconds(clock.now())
        func seconds(until date: Date) -> JSONValue {
            .number(JSONNumber(max(0, (SeveraTime.milliseconds(date) - now) / 1000)))
        }
        let refreshExpiry = issued.refreshExpiresAt ?? clock.now()
        let model: JSONValue = [
            "access_token": .string(issued.accessToken), "access_token_type": "Bearer",
            "access_token_expires_in": seconds(until: issued.accessExpiresAt),
            "access_token_expires_utc": .string(
                SeveraTime.formatInstant(SeveraTime.milliseconds(issued.accessExpiresAt))),
            "refresh_token": .string(issued.refreshToken ?? ""),
            "refresh_token_expires_in": seconds(until: refreshExpiry),
            "refresh_token_expires_utc": .string(SeveraTime.formatInstant(SeveraTime.milliseconds(refreshExpiry))),
            "scope": .string(issued.scopes.sorted().joined(separator: " ")),
        ]
        return .json(200, model)
    }

    /// Checks the bearer token, the `Client_Id` header, the rate limit and the route's scope, in that order
    /// (INVENTED: Severa's order of these checks is unknown).
    ///
    /// - Throws: ``SeveraAPIError`` 401 `AuthenticationRequired`, 429 (plain text, no rate headers) or
    ///   403 `InsufficientApiScope`.
    func authorize(_ request: ServerRequest, access: RouteAccess) throws(SeveraAPIError) {
        if case .open = access { return }
        guard let header = request.headers["Authorization"] else {
            throw .authenticationRequired("Authentication is required: send Authorization: Bearer <access token>.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .authenticationRequired("The Authorization header must hold a Bearer access token.")
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let grant: TokenGrant
        switch tokens.checkAccessToken(token) {
        case .valid(let found): grant = found
        case .expired: throw .authenticationRequired("The access token has expired.")
        case .unknown: throw .authenticationRequired("The access token is not valid.")
        }
        if let clientID = request.headers["Client_Id"] {
            guard clientID == grant.subject else {
                throw .authenticationRequired(
                    "The Client_Id header does not match the access token.", header: "Client_Id")
            }
        } else if configuration.requireClientIdHeader {
            throw .authenticationRequired("The Client_Id header is required.", header: "Client_Id")
        }
        if limiter.admit(key: token) != nil {
            throw SeveraAPIError(status: 429, type: nil, message: quotaMessage, location: nil)
        }
        if case .scope(let scope) = access, !grant.scopes.contains(scope) {
            throw .insufficientScope(scope)
        }
    }

    /// The 429 body: "API calls quota exceeded! maximum admitted 10 per 1s."
    var quotaMessage: String {
        let window = configuration.rateWindow
        let windowText = window == window.rounded() ? String(Int(window)) : String(window)
        return "API calls quota exceeded! maximum admitted \(configuration.rateLimit ?? 0) per \(windowText)s."
    }
}
