/// Where OAuth tokens live between runs (the CLI backs it by the SQLite state file).
///
/// ``save(_:)`` must be durable when it returns: a rotated Fortnox refresh token is saved before the
/// new access token is used, so a crash right after cannot lose the only valid refresh token (O1).
public protocol TokenStore: Sendable {
    /// The stored tokens, or `nil` when none were saved yet.
    ///
    /// - Throws: ``TokenStoreError`` when the store cannot be read.
    func load() async throws(TokenStoreError) -> StoredTokens?

    /// Replaces the stored tokens, durably.
    ///
    /// - Throws: ``TokenStoreError`` when the tokens could not be stored.
    func save(_ tokens: StoredTokens) async throws(TokenStoreError)
}

/// A token store that could not load or save, with a reason free of secrets.
public struct TokenStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, e.g. `disk I/O error writing /var/lib/brygga/state.sqlite`.
    public let reason: String

    /// Creates an error.
    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "token store: \(reason)" }
}
