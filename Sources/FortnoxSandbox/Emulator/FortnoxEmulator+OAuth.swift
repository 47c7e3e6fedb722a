import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// The authorization server at `/oauth-v1/auth` and `/oauth-v1/token` [doc authorization; rec].
extension FortnoxEmulator {
    /// The scopes Fortnox knows; `/auth` answers `invalid_scope` for anything else.
    static let knownScopes: Set<String> = [
        "customer", "article", "price", "project", "costcenter", "invoice", "payment", "supplierinvoice", "supplier",
        "companyinformation", "settings", "inbox", "archive", "connectfile", "bookkeeping", "order", "offer",
        "currency", "profile", "timereporting", "assets", "noxfinansinvoice", "warehouse", "salary", "print",
    ]

    func oauthReply(to request: ServerRequest) -> FortnoxReply {
        switch (request.method, request.pathSegments.dropFirst().first) {
        case (.get, "auth"): return authorize(request)
        case (.post, "token"): return token(request)
        case (_, "auth"), (_, "token"):
            return .error(FortnoxEmulator.methodNotAllowed(allow: request.pathSegments.last == "auth" ? "GET" : "POST"))
        default: return .error(.notFound(FortnoxErrorCode.routeNotFound, "Kan inte hitta resursen \(request.path)."))
        }
    }

    /// `GET /oauth-v1/auth`: auto-approves (the consent of ``issueAuthorizationCode(scopes:)``) and
    /// redirects to `redirect_uri` with `code` and `state`.
    ///
    /// An unknown client or unusable redirect URI gets a 400 page (RFC 6749 §4.1.2.1: never redirect
    /// then); other errors redirect with `error=` (`invalid_request` without `state`, `invalid_scope`,
    /// `unsupported_response_type`).
    private func authorize(_ request: ServerRequest) -> FortnoxReply {
        guard request.queryValue("client_id") == configuration.clientID else {
            return oauthError(400, "invalid_client", "Unknown client_id")
        }
        guard let redirect = request.queryValue("redirect_uri") ?? configuration.redirectURI, !redirect.isEmpty,
            configuration.redirectURI.map({ $0 == redirect }) ?? true
        else {
            return oauthError(400, "invalid_request", "Invalid redirect_uri")
        }
        let state = request.queryValue("state")
        guard request.queryValue("response_type") == "code" else {
            return redirectReply(redirect, ["error": "unsupported_response_type", "state": state])
        }
        guard let state, !state.isEmpty else {
            return redirectReply(redirect, ["error": "invalid_request", "error_description": "Missing state"])
        }
        let scopes = Set(
            (request.queryValue("scope") ?? "").split(whereSeparator: { $0 == " " || $0 == "+" }).map(String.init))
        guard !scopes.isEmpty, scopes.isSubset(of: FortnoxEmulator.knownScopes) else {
            return redirectReply(redirect, ["error": "invalid_scope", "state": state])
        }
        let code = issueAuthorizationCode(scopes: scopes)
        return redirectReply(redirect, ["code": code, "state": state])
    }

    /// `POST /oauth-v1/token` with Basic client authentication and a form body.
    private func token(_ request: ServerRequest) -> FortnoxReply {
        guard authenticatesClient(request.headers["Authorization"]) else {
            var reply = oauthError(401, "invalid_client", "The client credentials are invalid")
            reply.contentType = "text/plain;charset=UTF-8"
            return reply
        }
        let form = FortnoxEmulator.formFields(request.body)
        switch form["grant_type"] {
        case "authorization_code":
            guard let code = form["code"], let grant = tokens.redeemAuthorizationCode(code),
                grant.subject == configuration.clientID
            else {
                // INVENTED description: recorded traffic only shows the refresh-token case.
                return htmlError(oauthError(400, "invalid_grant", "Invalid authorization code"))
            }
            if let redirect = form["redirect_uri"], let registered = configuration.redirectURI, redirect != registered {
                return htmlError(oauthError(400, "invalid_grant", "Invalid redirect_uri"))
            }
            return tokenReply(tokens.issueTokens(for: grant, withRefreshToken: true))
        case "refresh_token":
            guard let refresh = form["refresh_token"], let issued = tokens.redeemRefreshToken(refresh) else {
                return htmlError(oauthError(400, "invalid_grant", "Invalid refresh token"))
            }
            return tokenReply(issued)
        case "client_credentials":
            guard request.headers["TenantId"] == configuration.tenantID else {
                return oauthError(400, "invalid_request", "Unknown or missing TenantId")  // INVENTED
            }
            let scopes = Set((form["scope"] ?? "").split(separator: " ").map(String.init))
            guard !scopes.isEmpty, scopes.isSubset(of: FortnoxEmulator.knownScopes) else {
                return oauthError(400, "invalid_scope", "Invalid scope")
            }
            let grant = TokenGrant(subject: configuration.clientID + "@" + configuration.tenantID, scopes: scopes)
            return tokenReply(tokens.issueTokens(for: grant, withRefreshToken: false))
        default:
            return oauthError(400, "unsupported_grant_type", "Unsupported grant_type")
        }
    }

    private func authenticatesClient(_ header: String?) -> Bool {
        guard let header, header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces))
        else { return false }
        return String(decoding: decoded, as: UTF8.self) == configuration.clientID + ":" + configuration.clientSecret
    }

    private func tokenReply(_ issued: GrantedTokens) -> FortnoxReply {
        var body: [String: JSONValue] = [
            "access_token": .string(issued.accessToken),
            "scope": .string(issued.scopes.sorted().joined(separator: " ")),
            "expires_in": .number(JSONNumber(Int(configuration.accessTokenLifetime))),
            "token_type": "bearer",
        ]
        if let refresh = issued.refreshToken { body["refresh_token"] = .string(refresh) }
        var reply = FortnoxReply.json(200, .object(body))
        reply.headers = [(name: "Cache-Control", value: "no-store")]
        return reply
    }

    private func oauthError(_ status: Int, _ error: String, _ description: String) -> FortnoxReply {
        .json(status, ["error": .string(error), "error_description": .string(description)])
    }

    /// Fortnox serves `invalid_grant` as `text/html` [rec].
    private func htmlError(_ reply: FortnoxReply) -> FortnoxReply {
        var reply = reply
        reply.contentType = "text/html; charset=UTF-8"
        return reply
    }

    private func redirectReply(_ uri: String, _ parameters: [String: String?]) -> FortnoxReply {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = parameters.keys.sorted().compactMap { key -> String? in
            guard let value = parameters[key] ?? nil else { return nil }
            return key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
        let location = uri + (uri.contains("?") ? "&" : "?") + query
        return FortnoxReply(status: 302, body: [], contentType: nil, headers: [(name: "Location", value: location)])
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func formFields(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = ServerRequest.percentDecode(String(halves[0]), plusIsSpace: true)
            fields[name] = halves.count > 1 ? ServerRequest.percentDecode(String(halves[1]), plusIsSpace: true) : ""
        }
        return fields
    }

    /// A 405 with `Allow`.
    static func methodNotAllowed(allow: String) -> FortnoxError {
        var error = FortnoxError(
            status: 405, code: FortnoxErrorCode.methodNotAllowed,  // INVENTED code, see FortnoxErrorCode
            message: "Metoden stöds inte för resursen (tillåtna: \(allow))."
        )
        error.headers = [(name: "Allow", value: allow)]
        return error
    }
}
