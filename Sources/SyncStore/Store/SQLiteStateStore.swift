public import SyncCore
import Synchronization

/// The engine's durable state in one SQLite file: runs, links with snapshots, cursors, the intent
/// journal, the retry queue, the append-only transfer log and settings (tokens live in a file of their
/// own; see ``legacySecrets()``).
///
/// One connection, opened with `SQLITE_OPEN_NOMUTEX`; every use of it holds `connection`'s `Mutex`, so
/// the store is `Sendable` and can be called from any thread. Other processes (a second `brygga`) open
/// their own store on the same file: SQLite's WAL lets them read while one of them writes, and a writer
/// waits up to the busy timeout (5 s) for another writer's transaction to end.
///
/// Every write is one `BEGIN IMMEDIATE` transaction with `synchronous = FULL`: durable when the method
/// returns. Times are kept at millisecond precision.
public final class SQLiteStateStore: SyncStateStore {
    /// The schema version this Brygga creates and understands; a newer file is refused.
    public static let currentSchemaVersion = Migrator.latestVersion

    /// How long a writer waits for another process's transaction before failing with kind `busy`.
    static let defaultBusyTimeoutMilliseconds: Int32 = 5_000

    /// The database file.
    let path: String
    /// The one connection; this `Mutex` serializes every use of it (and of its statement cache).
    private let connection: Mutex<Database>

    /// Opens the state database at `path`, creating it (mode 0600) when missing and migrating it to
    /// ``currentSchemaVersion``.
    ///
    /// - Throws: `StateStoreError` of kind `corrupt` when the file is not a Brygga state database or is
    ///   damaged, `newerSchema` when a newer Brygga wrote it (in both cases the file is left untouched),
    ///   `cannotOpen` when it cannot be created or opened, `busy` when another process holds it too long.
    public convenience init(path: String) throws(StateStoreError) {
        try self.init(path: path, busyTimeoutMilliseconds: Self.defaultBusyTimeoutMilliseconds)
    }

    /// Opens the state database with a chosen busy timeout (tests use a short one).
    init(path: String, busyTimeoutMilliseconds: Int32) throws(StateStoreError) {
        self.path = path
        connection = Mutex(try StateDatabase.open(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds))
    }

    /// Runs `body` in a read transaction (one consistent snapshot) under the lock.
    ///
    /// `operation` says what is being done ("reading links") for the error message; a failure of `body`
    /// becomes a `StateStoreError` naming it and the path.
    func read<Result: Sendable>(
        _ operation: @autoclosure () -> String, _ body: (Database) throws(SQLiteFailure) -> Result
    ) throws(StateStoreError) -> Result {
        try withConnection(operation()) { database throws(SQLiteFailure) in
            try database.readTransaction { () throws(SQLiteFailure) in try body(database) }
        }
    }

    /// Runs `body` in a write transaction under the lock: all of it is committed, or none of it.
    ///
    /// `operation` says what is being done ("committing a batch") for the error message; a failure of
    /// `body` rolls the transaction back and becomes a `StateStoreError` naming it and the path.
    func write<Result: Sendable>(
        _ operation: @autoclosure () -> String, _ body: (Database) throws(SQLiteFailure) -> Result
    ) throws(StateStoreError) -> Result {
        try withConnection(operation()) { database throws(SQLiteFailure) in
            try database.writeTransaction { () throws(SQLiteFailure) in try body(database) }
        }
    }

    /// Runs `body` with the connection under the lock, outside any transaction (checkpoints, `VACUUM`).
    func withConnection<Result: Sendable>(
        _ operation: @autoclosure () -> String, _ body: (Database) throws(SQLiteFailure) -> Result
    ) throws(StateStoreError) -> Result {
        try connection.withLock { database throws(StateStoreError) -> Result in
            do throws(SQLiteFailure) {
                return try body(database)
            } catch {
                throw StateStoreError(error, path: path, operation: operation())
            }
        }
    }
}
