import Foundation
import JSONSupport

/// The tokens in a token endpoint's success response, in either API's spelling.
///
/// Fortnox (RFC 6749 §5.1): `access_token`, `refresh_token`, `expires_in`, `scope`.
/// Severa (`PublicAuthenticationOutputModel`): `access_token`, `access_token_expires_in` or
/// `access_token_expires_utc`, `refresh_token`, `refresh_token_expires_in` or `…_utc`, `scope`.
struct IssuedTokens: Sendable {
    var accessToken: String
    var accessTokenExpiresAt: Date
    var refreshToken: String?
    var refreshTokenExpiresAt: Date?
    var scope: String

    /// Lifetime assumed when the response gives none (both APIs document one hour).
    static let assumedLifetime: TimeInterval = 3600

    /// Reads `json`, registering every token with `redactor` before anything else can show it.
    ///
    /// - Returns: The tokens, or `nil` with the reason when the response lacks an access token.
    static func parse(_ json: JSONValue, now: Date, redactor: SecretRedactor) -> Result<IssuedTokens, ParseFailure> {
        let access = json["access_token"]?.stringValue
        let refresh = json["refresh_token"]?.stringValue
        for token in [access, refresh].compactMap({ $0 }) { redactor.register(token) }
        guard let access, !access.isEmpty else {
            return .failure(ParseFailure(reason: "the token response has no access_token"))
        }
        let accessExpiry =
            seconds(json["expires_in"] ?? json["access_token_expires_in"]).map { now.addingTimeInterval($0) }
            ?? utc(json["access_token_expires_utc"])
            ?? now.addingTimeInterval(assumedLifetime)
        let refreshExpiry =
            seconds(json["refresh_token_expires_in"]).map { now.addingTimeInterval($0) }
            ?? utc(json["refresh_token_expires_utc"])
        return .success(
            IssuedTokens(
                accessToken: access,
                accessTokenExpiresAt: accessExpiry,
                refreshToken: refresh.flatMap { $0.isEmpty ? nil : $0 },
                refreshTokenExpiresAt: refresh == nil ? nil : refreshExpiry,
                scope: json["scope"]?.stringValue ?? ""
            )
        )
    }

    /// Why a success response could not be read.
    struct ParseFailure: Error {
        let reason: String
    }

    private static func seconds(_ value: JSONValue?) -> TimeInterval? {
        if let number = value?.numberValue, let seconds = Double(number.literal), seconds >= 0 { return seconds }
        if let text = value?.stringValue, let seconds = Double(text), seconds >= 0 { return seconds }
        return nil
    }

    private static func utc(_ value: JSONValue?) -> Date? {
        guard let text = value?.stringValue else { return nil }
        return try? Date(text, strategy: .iso8601)
    }
}
