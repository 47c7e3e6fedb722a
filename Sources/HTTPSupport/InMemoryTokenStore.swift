/// A token store in memory, for tests and the sandbox demo.
public actor InMemoryTokenStore: TokenStore {
    /// The tokens currently stored.
    public private(set) var tokens: StoredTokens?

    /// Creates a store holding `tokens`.
    public init(tokens: StoredTokens? = nil) {
        self.tokens = tokens
    }

    public func load() async throws(TokenStoreError) -> StoredTokens? { tokens }

    public func save(_ tokens: StoredTokens) async throws(TokenStoreError) {
        self.tokens = tokens
    }
}
