import Foundation
import JSONSupport

/// Removes credentials from what the request log records: values of credential-named fields in JSON
/// bodies, form bodies and queries, and on token endpoints anything token- or code-like.
///
/// Headers are never logged, so `Authorization` and `Client_Id`-style headers need no redaction.
enum SecretRedactor {
    /// What replaces a secret.
    static let marker = "[REDACTED]"

    /// Whether `path` belongs to an authorization or token endpoint (Fortnox `/oauth-v1/token` and
    /// `/oauth-v1/auth`; Severa `/v1/token`, `/v1/refreshtoken`, `/v1/login/oauth/access_token`,
    /// `/v1/signout`), where bodies carry secrets in less predictable places.
    static func isTokenEndpoint(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return ["token", "oauth", "signout", "signin", "login", "authorize", "/auth"].contains { lowered.contains($0) }
    }

    /// Whether a field named `name` holds a secret (compared without case, `_`, `-` and spaces, so
    /// `client_secret`, `client_Secret` and `clientSecret` are the same).
    static func isSensitive(_ name: String, onTokenEndpoint: Bool) -> Bool {
        let normalized = String(name.lowercased().unicodeScalars.filter { !"_- ".unicodeScalars.contains($0) })
        if alwaysSensitive.contains(normalized) || normalized.contains("secret") || normalized.contains("password") {
            return true
        }
        return onTokenEndpoint
            && (normalized.contains("token") || normalized.contains("code") || normalized.contains("assertion"))
    }

    private static let alwaysSensitive: Set<String> = [
        "accesstoken", "refreshtoken", "idtoken", "token", "bearertoken", "sessiontoken", "apikey", "authorization",
        "assertion", "clientassertion", "privatekey", "passwd",
    ]

    /// A JSON body with every sensitive member replaced by ``marker``; on a token endpoint a body that
    /// is a bare string (Severa's refresh-token and sign-out bodies) is replaced as a whole.
    static func redactBody(_ value: JSONValue, onTokenEndpoint: Bool) -> JSONValue {
        if onTokenEndpoint, case .string = value { return .string(marker) }
        return redact(value, onTokenEndpoint: onTokenEndpoint)
    }

    private static func redact(_ value: JSONValue, onTokenEndpoint: Bool) -> JSONValue {
        switch value {
        case .object(let members):
            var redacted: [String: JSONValue] = [:]
            for (key, member) in members {
                redacted[key] =
                    isSensitive(key, onTokenEndpoint: onTokenEndpoint)
                    ? .string(marker) : redact(member, onTokenEndpoint: onTokenEndpoint)
            }
            return .object(redacted)
        case .array(let elements):
            return .array(elements.map { redact($0, onTokenEndpoint: onTokenEndpoint) })
        default:
            return value
        }
    }

    /// A form body or query string with the values of sensitive fields replaced by ``marker``.
    static func redactForm(_ text: String, onTokenEndpoint: Bool) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name =
                String(halves[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(halves[0])
            guard halves.count == 2, isSensitive(name, onTokenEndpoint: onTokenEndpoint) else { return String(pair) }
            return "\(halves[0])=\(marker)"
        }.joined(separator: "&")
    }

    /// Whether free text mentions a credential field (used for bodies too large to parse).
    static func mentionsCredentials(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["secret", "password", "access_token", "refresh_token", "accesstoken", "refreshtoken", "authorization"]
            .contains { lowered.contains($0) }
    }
}
