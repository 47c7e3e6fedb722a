import SyncCore

/// Opens the state database: checks the file, makes the connection, configures it and migrates.
enum StateDatabase {
    /// Opens (creating when missing) the state database at `path`, ready at the newest schema.
    ///
    /// An existing file is inspected read-only first; when it is refused (not Brygga's, damaged, newer)
    /// it has not been modified.
    static func open(path: String, busyTimeoutMilliseconds: Int32) throws(StateStoreError) -> Database {
        if try DatabaseFile.prepare(path: path) != .created {
            try SchemaInspection.check(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            try DatabaseFile.makePrivate(path: path)
        }
        let database: Database
        do throws(SQLiteFailure) {
            database = try Database(path: path, mode: .readWrite)
            database.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
            try configure(database)
        } catch {
            throw StateStoreError(error, path: path, operation: "opening the database")
        }
        try checkJournalMode(database, path: path)
        try Migrator.migrate(database, path: path)
        return database
    }

    private static func configure(_ database: Database) throws(SQLiteFailure) {
        // Foreign keys are off by default and must be enabled on every connection.
        try database.execute("PRAGMA foreign_keys = ON")
        // In WAL mode, NORMAL syncs only at checkpoints: a commit that has returned can still be lost on
        // power failure. FULL syncs the WAL at every commit, which the intent journal (on disk before
        // the remote write, R4.4), a rotated refresh token (stored before it is used, O1) and the
        // transfer log (O4) all need (https://www.sqlite.org/pragma.html#pragma_synchronous).
        try database.execute("PRAGMA synchronous = FULL")
        // The transfer log's BEFORE INSERT trigger makes every insert keep a statement journal. In a file,
        // that journal is never truncated within a transaction and grew to ~20 MB of writes per batch of
        // 500 entries (measured: 3x slower); in memory it is truncated after each statement.
        try database.execute("PRAGMA temp_store = MEMORY")
        // 32 MiB of page cache instead of 2 MiB: index inserts keyed by random ids (Severa guids) touch
        // pages all over the indexes; measured about 15% less CPU per batch with a large state file.
        try database.execute("PRAGMA cache_size = -32768")
    }

    /// Switches to write-ahead logging and checks that SQLite agreed.
    ///
    /// WAL lets `brygga status` and `brygga log` read while a run writes. The pragma answers with the
    /// mode now in force; it stays e.g. `delete` where WAL is impossible (GRDB `setUpWALMode` checks
    /// the same).
    private static func checkJournalMode(_ database: Database, path: String) throws(StateStoreError) {
        let mode: String?
        do throws(SQLiteFailure) {
            mode = try database.text("PRAGMA journal_mode = WAL")
        } catch {
            throw StateStoreError(error, path: path, operation: "switching to write-ahead logging")
        }
        guard mode?.lowercased() == "wal" else {
            throw StateStoreError(
                kind: .cannotOpen, path: path,
                message: "SQLite refused write-ahead logging (journal mode is \(mode ?? "unknown")); keep the "
                    + "state database on a local file system"
            )
        }
    }
}
