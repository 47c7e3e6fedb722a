/// Where OAuth tokens live between runs (the CLI keeps them in an owner-only token file).
///
/// ``save(_:)`` must be durable when it returns: a rotated Fortnox refresh token is saved before the
/// new access token is used, so a crash right after cannot lose the only valid refresh token (O1).
/// A store that several processes share also serializes them in ``exclusively(_:)``, so two of them
/// never spend the same single-use refresh token.
public protocol TokenStore: Sendable {
    /// The stored tokens, or `nil` when none were saved yet.
    ///
    /// - Throws: ``TokenStoreError`` when the store cannot be read.
    func load() async throws(TokenStoreError) -> StoredTokens?

    /// Replaces the stored tokens, durably.
    ///
    /// - Throws: ``TokenStoreError`` when the tokens could not be stored.
    func save(_ tokens: StoredTokens) async throws(TokenStoreError)

    /// Runs `body` while no other user of the same tokens (another process) runs its own: a refresh
    /// (load the newest tokens, send the refresh token, save the rotated ones) happens inside it.
    ///
    /// - Parameter body: The work to do under the lock.
    /// - Returns: What `body` returned.
    /// - Throws: ``TokenStoreError`` when the lock cannot be taken; `body` has then not run.
    func exclusively<Result: Sendable>(_ body: @Sendable () async -> Result) async throws(TokenStoreError) -> Result
}

extension TokenStore {
    /// Runs `body` at once: a store that only one process uses needs no lock (the provider already
    /// runs one refresh at a time).
    public func exclusively<Result: Sendable>(
        _ body: @Sendable () async -> Result
    ) async throws(TokenStoreError) -> Result {
        await body()
    }
}

/// A token store that could not load or save, with a reason free of secrets.
public struct TokenStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, e.g. `cannot write /var/lib/brygga/state.sqlite.tokens: No space left on device`.
    public let reason: String

    /// Creates an error.
    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "token store: \(reason)" }
}
