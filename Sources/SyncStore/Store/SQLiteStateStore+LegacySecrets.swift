public import SyncCore

/// The `secrets` table of schema v1, where Brygga kept the Fortnox OAuth tokens before they moved to a
/// token file of their own (issue 10): read once to move them, then emptied and scrubbed from the file.
///
/// The table stays in the schema, empty, so no numbered migration is needed; nothing writes it any more.
/// Deleting rows is not enough to remove a token from the file: SQLite leaves deleted cells in their
/// pages, freed overflow pages keep their bytes, and the write-ahead log keeps earlier versions of
/// pages until it is reset. So the rows are deleted with `secure_delete` on (the cells are zeroed),
/// and ``scrubDeletedSecrets()`` then vacuums the file (rewriting every page, dropping free ones) and
/// truncates the log. A settings marker written with the delete says the scrub is still owed, so a
/// process killed before or during it leaves work the next one finishes.
extension SQLiteStateStore {
    /// The `settings` key present while deleted secrets may still be in the file or its log.
    static let scrubPendingKey = "secrets.scrub-pending"

    /// The rows of the `secrets` table (name to value); empty once they have moved.
    ///
    /// The values are secrets: they never appear in an error.
    public func legacySecrets() throws(StateStoreError) -> [String: String] {
        try read("reading the secrets table") { database throws(SQLiteFailure) in
            try database.withStatement("SELECT name, value FROM secrets") { statement throws(SQLiteFailure) in
                var rows: [String: String] = [:]
                while try statement.step() {
                    rows[try statement.requiredString(at: 0, column: "name")] = statement.string(at: 1)
                }
                return rows
            }
        }
    }

    /// Whether the `secrets` table holds any row (a cheap check made at every start).
    public func hasLegacySecrets() throws(StateStoreError) -> Bool {
        try read("reading the secrets table") { database throws(SQLiteFailure) in
            try database.integer("SELECT EXISTS (SELECT 1 FROM secrets)") == 1
        }
    }

    /// Deletes every row of the `secrets` table with their bytes overwritten, and records that the file
    /// still owes a scrub (``scrubDeletedSecrets()``), in one transaction.
    public func deleteLegacySecrets() throws(StateStoreError) {
        try write("deleting the secrets table's rows") { database throws(SQLiteFailure) in
            // Zeroes the deleted cells and freed pages in the versions of the pages this writes.
            try database.execute("PRAGMA secure_delete = ON")
            defer { try? database.execute("PRAGMA secure_delete = OFF") }
            try database.execute("DELETE FROM secrets")
            try database.withStatement(
                "INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING"
            ) { statement throws(SQLiteFailure) in
                try statement.bind(Self.scrubPendingKey, at: 1)
                try statement.run()
            }
        }
    }

    /// Whether deleted secrets may still be in the database file or its write-ahead log.
    public func isSecretsScrubPending() throws(StateStoreError) -> Bool {
        try setting(Self.scrubPendingKey) != nil
    }

    /// Removes every copy of deleted secrets from the database file and its write-ahead log, when
    /// ``isSecretsScrubPending()``: `VACUUM` rewrites the file from its live rows, then
    /// `wal_checkpoint(TRUNCATE)` copies the result into the database file and empties the log.
    ///
    /// The vacuum holds the write lock while it rewrites the file, so call this only while holding
    /// the run lock (no run waits on it). It is idempotent and crash-safe: a vacuum that dies is
    /// rolled back, and the marker is cleared only after a complete checkpoint.
    ///
    /// - Returns: `true` when the file is clean (or was), `false` when a reader of another process
    ///   kept the log from being emptied; the marker then stays and a later call finishes the work.
    /// - Throws: `StateStoreError` when SQLite fails (e.g. the disk is full).
    @discardableResult
    public func scrubDeletedSecrets() throws(StateStoreError) -> Bool {
        guard try isSecretsScrubPending() else { return true }
        try withConnection("vacuuming the database to remove deleted secrets") { database throws(SQLiteFailure) in
            try database.execute("VACUUM")
        }
        guard try checkpoint() else { return false }
        try setSetting(Self.scrubPendingKey, to: nil)
        // The marker's deletion holds no secret; emptying the log again only tidies up.
        _ = try checkpoint()
        return true
    }

    /// Copies the write-ahead log into the database file and truncates the log to zero bytes.
    ///
    /// - Returns: Whether the checkpoint completed (`false` when another connection's reader still
    ///   needed the log after the busy timeout).
    package func checkpoint() throws(StateStoreError) -> Bool {
        try withConnection("checkpointing the write-ahead log") { database throws(SQLiteFailure) in
            try database.withStatement("PRAGMA wal_checkpoint(TRUNCATE)") { statement throws(SQLiteFailure) in
                // One row: busy (1 when it could not finish), frames in the log, frames checkpointed.
                guard try statement.step() else { return false }
                return statement.int64(at: 0) == 0
            }
        }
    }
}
