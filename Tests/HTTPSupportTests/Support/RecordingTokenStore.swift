import HTTPSupport

/// A token store that records each save in an event log, and can be told to fail.
actor RecordingTokenStore: TokenStore {
    private(set) var tokens: StoredTokens?
    private(set) var saves: [StoredTokens] = []
    private let events: EventLog
    private var failSaves: TokenStoreError?
    private var failLoads: TokenStoreError?

    init(tokens: StoredTokens?, events: EventLog) {
        self.tokens = tokens
        self.events = events
    }

    func failSaves(with error: TokenStoreError?) { failSaves = error }

    func failLoads(with error: TokenStoreError?) { failLoads = error }

    func load() async throws(TokenStoreError) -> StoredTokens? {
        if let failLoads { throw failLoads }
        return tokens
    }

    func save(_ tokens: StoredTokens) async throws(TokenStoreError) {
        if let failSaves {
            events.record("save failed")
            throw failSaves
        }
        self.tokens = tokens
        saves.append(tokens)
        events.record("saved:\(tokens.accessToken)")
    }
}
