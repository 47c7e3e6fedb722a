import SyncCore

/// Brings a state database up to the newest schema, one version per transaction.
///
/// The version lives in `PRAGMA user_version`. Migration *n* turns version *n - 1* into version *n*;
/// each runs in its own `BEGIN IMMEDIATE` transaction that also sets the new version, so a crash leaves
/// the file at a whole version. Two processes opening a new file at once are safe: the second one
/// waits for the write lock, then finds the version already raised and skips the migration.
enum Migrator {
    /// The migrations in order; index 0 creates version 1, index 1 turns it into version 2 (the money
    /// flows' state), index 2 into version 3 (log hygiene and the digest state). Add version 4 by
    /// appending `SchemaV4.sql`.
    static let migrations: [String] = [SchemaV1.sql, SchemaV2.sql, SchemaV3.sql]

    /// The version the last migration produces.
    static var latestVersion: Int { migrations.count }

    /// Applies every migration the database at `path` has not had yet.
    ///
    /// - Throws: `StateStoreError` of kind `newerSchema` when the file is newer than this Brygga, or the
    ///   failure of a migration (which then left the file at the previous version).
    static func migrate(_ database: Database, path: String) throws(StateStoreError) {
        for (index, sql) in migrations.enumerated() {
            let version = index + 1
            // Cheap check first, so that an up-to-date database takes no write lock.
            guard try storedVersion(database, path: path) < version else { continue }
            do throws(SQLiteFailure) {
                try database.writeTransaction { () throws(SQLiteFailure) in
                    // Re-read under the write lock: another process may have migrated meanwhile.
                    guard try Int(database.integer("PRAGMA user_version") ?? 0) < version else { return }
                    try database.execute(sql)
                    try database.execute("PRAGMA user_version = \(version)")
                }
            } catch {
                throw StateStoreError(error, path: path, operation: "upgrading the schema to version \(version)")
            }
        }
        // Another process may have upgraded the file further meanwhile.
        _ = try storedVersion(database, path: path)
    }

    /// The database's schema version, refusing one newer than this Brygga knows.
    private static func storedVersion(_ database: Database, path: String) throws(StateStoreError) -> Int {
        let version: Int
        do throws(SQLiteFailure) {
            version = Int(try database.integer("PRAGMA user_version") ?? 0)
        } catch {
            throw StateStoreError(error, path: path, operation: "reading the schema version")
        }
        guard version <= latestVersion else { throw newerSchemaError(path: path, version: version) }
        return version
    }

    /// The error for a database written by a newer Brygga.
    static func newerSchemaError(path: String, version: Int) -> StateStoreError {
        StateStoreError(
            kind: .newerSchema, path: path,
            message: "it has schema version \(version) but this Brygga knows only up to version \(latestVersion): "
                + "a newer Brygga wrote it; upgrade Brygga to that version (the file was left untouched)"
        )
    }
}
