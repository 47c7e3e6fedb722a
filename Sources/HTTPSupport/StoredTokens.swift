public import Foundation

/// An OAuth2 token set as a ``TokenStore`` keeps it.
///
/// Its description, debug description and mirror show expiry and scope only, so interpolating or
/// dumping it never prints a token.
public struct StoredTokens: Sendable, Hashable {
    /// The bearer token for API calls.
    public var accessToken: String
    /// When the access token stops working.
    public var accessTokenExpiresAt: Date
    /// The token that obtains the next access token; single use at Fortnox.
    public var refreshToken: String
    /// When the refresh token stops working, when the server said.
    public var refreshTokenExpiresAt: Date?
    /// The granted scopes as the server listed them (space-separated).
    public var scope: String

    /// Creates a token set.
    public init(
        accessToken: String,
        accessTokenExpiresAt: Date,
        refreshToken: String,
        refreshTokenExpiresAt: Date? = nil,
        scope: String
    ) {
        self.accessToken = accessToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshToken = refreshToken
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
        self.scope = scope
    }
}

// MARK: - CustomStringConvertible

extension StoredTokens: CustomStringConvertible {
    public var description: String {
        let refresh = refreshTokenExpiresAt.map { ", refresh token expires \($0)" } ?? ""
        return "tokens (scope \"\(scope)\", access token expires \(accessTokenExpiresAt)\(refresh))"
    }
}

// MARK: - CustomDebugStringConvertible

extension StoredTokens: CustomDebugStringConvertible {
    public var debugDescription: String { description }
}

// MARK: - CustomReflectable

extension StoredTokens: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessTokenExpiresAt": accessTokenExpiresAt as Any,
                "refreshTokenExpiresAt": refreshTokenExpiresAt as Any,
                "scope": scope as Any,
            ]
        )
    }
}
