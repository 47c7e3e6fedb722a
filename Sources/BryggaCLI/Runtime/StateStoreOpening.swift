import SyncStore

/// Opens the state database of a configuration, for every command that uses it: the runtime, and
/// commands that only read or record local state (`log`, `status`, `auth fortnox`,
/// `bootstrap customers --from none`).
enum StateStoreOpening {
    /// The configuration's state database, created and migrated when needed, with the Fortnox tokens an
    /// earlier Brygga kept in it moved to the token file (``TokenFileUpgrade``).
    ///
    /// - Parameters:
    ///   - configuration: The loaded configuration.
    ///   - console: Where the upgrade's one-time notice goes.
    ///   - runLock: The run lock when the caller holds it: only then is a database that held tokens
    ///     vacuumed, which keeps other writers waiting meanwhile.
    /// - Returns: The opened store.
    /// - Throws: `StateStoreError` (exit 74), `TokenStoreError` when the tokens cannot be moved (74).
    static func open(
        _ configuration: BryggaConfiguration, console: any Console, runLock: RunLock? = nil
    ) throws -> SQLiteStateStore {
        let store = try SQLiteStateStore(path: configuration.stateDatabasePath)
        try TokenFileUpgrade.moveTokens(from: store, configuration: configuration, console: console)
        if runLock != nil { TokenFileUpgrade.scrub(store, console: console) }
        return store
    }
}
