import SyncCore

/// Checks, through a read-only connection, that an existing file is a Brygga state database this
/// version can use, before anything opens it for writing.
///
/// Read-only matters: a read-write connection can change the file even without a write of ours, e.g.
/// by checkpointing a leftover `-wal` into it on close. A refused file must stay byte-for-byte as it was.
enum SchemaInspection {
    /// Throws unless the file at `path` is empty or a Brygga database of a version this Brygga knows.
    ///
    /// - Throws: `StateStoreError` of kind `corrupt` (not SQLite, damaged, or another program's
    ///   database) or `newerSchema`.
    static func check(path: String, busyTimeoutMilliseconds: Int32) throws(StateStoreError) {
        let version: Int
        let applicationID: Int64
        let objectCount: Int64
        do throws(SQLiteFailure) {
            let database = try Database(path: path, mode: .readOnly)
            database.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
            version = Int(try database.integer("PRAGMA user_version") ?? 0)
            applicationID = try database.integer("PRAGMA application_id") ?? 0
            objectCount =
                try database.integer("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                ?? 0
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
