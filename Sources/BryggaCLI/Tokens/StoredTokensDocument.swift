import Foundation
import HTTPSupport
import JSONSupport

/// The JSON form of a ``StoredTokens``: the `fortnox` member of the token file, and the value of the
/// state database's `secrets` row in which earlier Brygga versions kept the same members.
///
/// `{"accessToken": "…", "accessTokenExpiresAt": 1800000000250, "refreshToken": "…",
/// "refreshTokenExpiresAt": 1803888000000, "scope": "customer article"}`; times are epoch
/// milliseconds, `refreshTokenExpiresAt` is absent when Fortnox did not say.
enum StoredTokensDocument {
    /// `tokens` as a JSON object.
    static func json(_ tokens: StoredTokens) -> JSONValue {
        var members: [String: JSONValue] = [
            "accessToken": .string(tokens.accessToken),
            "accessTokenExpiresAt": milliseconds(tokens.accessTokenExpiresAt),
            "refreshToken": .string(tokens.refreshToken),
            "scope": .string(tokens.scope),
        ]
        if let expiry = tokens.refreshTokenExpiresAt { members["refreshTokenExpiresAt"] = milliseconds(expiry) }
        return .object(members)
    }

    /// The tokens in `document`, or `nil` when a member is missing or of the wrong type.
    static func tokens(from document: JSONValue) -> StoredTokens? {
        guard let access = document["accessToken"]?.stringValue, !access.isEmpty,
            let accessExpiry = date(document["accessTokenExpiresAt"]),
            let refresh = document["refreshToken"]?.stringValue, !refresh.isEmpty,
            let scope = document["scope"]?.stringValue
        else { return nil }
        return StoredTokens(
            accessToken: access, accessTokenExpiresAt: accessExpiry, refreshToken: refresh,
            refreshTokenExpiresAt: date(document["refreshTokenExpiresAt"]), scope: scope)
    }

    private static func milliseconds(_ date: Date) -> JSONValue {
        .number(JSONNumber(Int64((date.timeIntervalSince1970 * 1000).rounded())))
    }

    private static func date(_ value: JSONValue?) -> Date? {
        guard let milliseconds = value?.numberValue?.int64 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
