import SyncStore

/// Opens the state database of a configuration without building connectors, for commands that only
/// read or record local state (`log`, `status`, `bootstrap customers --from none`).
enum StateStoreOpening {
    /// The configuration's state database, created and migrated when needed.
    ///
    /// - Throws: `StateStoreError` (exit 74).
    static func open(_ configuration: BryggaConfiguration) throws -> SQLiteStateStore {
        try SQLiteStateStore(path: configuration.stateDatabasePath)
    }
}
