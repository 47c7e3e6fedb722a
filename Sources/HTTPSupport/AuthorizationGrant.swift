public import Foundation

/// What an authorization produced, without the tokens themselves (for the CLI to report).
public struct AuthorizationGrant: Sendable, Hashable {
    /// The scopes granted.
    public var scope: String
    /// When the first access token expires.
    public var accessTokenExpiresAt: Date
    /// When the refresh token expires, when the server said.
    public var refreshTokenExpiresAt: Date?

    /// Creates a summary.
    public init(scope: String, accessTokenExpiresAt: Date, refreshTokenExpiresAt: Date?) {
        self.scope = scope
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
    }
}
