import SyncCore

/// Checks, through a read-only connection, that an existing file is a Brygga state database this
/// version can use, before anything opens it for writing.
///
/// Read-only matters: a read-write connection can change the file even without a write of ours, e.g.
/// by checkpointing a leftover `-wal` into it on close. A refused file must stay byte-for-byte as it was.
enum SchemaInspection {
    /// Throws unless the file at `path` is empty or a Brygga database of a version this Brygga knows.
    ///
    /// - Parameters:
    ///   - path: The existing file.
    ///   - busyTimeoutMilliseconds: How long to wait for another connection's lock.
    ///   - betweenReads: Called before the last of the three reads; tests commit another connection's
    ///     migration there to show that the reads still see one snapshot.
    /// - Throws: `StateStoreError` of kind `corrupt` (not SQLite, damaged, or another program's
    ///   database) or `newerSchema`.
    static func check(
        path: String, busyTimeoutMilliseconds: Int32, betweenReads: () -> Void = {}
    ) throws(StateStoreError) {
        let version: Int
        let applicationID: Int64
        let objectCount: Int64
        do throws(SQLiteFailure) {
            let database = try Database(path: path, mode: .readOnly)
            database.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
            // One read transaction, so the three values come from one snapshot. Read one by one, a
            // migration committed by another process in between (a run creating this file right now)
            // showed version 0 with tables: "another program's database".
            (version, applicationID, objectCount) = try database.readTransaction { () throws(SQLiteFailure) in
                let version = Int(try database.integer("PRAGMA user_version") ?? 0)
                let applicationID = try database.integer("PRAGMA application_id") ?? 0
                betweenReads()
                let objectCount =
                    try database.integer(
                        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'") ?? 0
                return (version, applicationID, objectCount)
            }
        } catch {
            var failure = StateStoreError(error, path: path, operation: "inspecting the existing file")
            if failure.kind == .corrupt {
                failure = StateStoreError(kind: .corrupt, path: path, message: failure.message + " (left untouched)")
            }
            throw failure
        }
        if applicationID == SchemaV1.applicationID {
            guard version <= Migrator.latestVersion else {
                throw Migrator.newerSchemaError(path: path, version: version)
            }
            return
        }
        guard applicationID == 0, version == 0, objectCount == 0 else {
            throw StateStoreError(
                kind: .corrupt, path: path,
                message: "it is a SQLite database of another program (application id \(applicationID), "
                    + "version \(version), \(objectCount) tables and indexes), not a Brygga state database; it was "
                    + "left untouched; point Brygga at another path"
            )
        }
    }
}
