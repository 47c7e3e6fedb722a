import CSQLite

/// One SQLite connection with a cache of prepared statements.
///
/// Not thread-safe on purpose: it is opened with `SQLITE_OPEN_NOMUTEX` and every use goes through the
/// `Mutex` of the object that owns it (``SQLiteStateStore``), as GRDB's `SerializedDatabase` does.
final class Database {
    /// How the connection is opened.
    enum Mode {
        /// Read-only: never writes, never checkpoints on close (used to inspect a file before trusting it).
        case readOnly
        /// Read-write; the file must already exist (``DatabaseFile`` creates it with mode 0600).
        case readWrite
    }

    /// The oldest SQLite with everything the schema uses (STRICT tables arrived in 3.37.0).
    static let minimumLibraryVersion: Int32 = 3_037_000

    private let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    /// Opens the existing file at `path`.
    init(path: String, mode: Mode) throws(SQLiteFailure) {
        guard sqlite3_libversion_number() >= Self.minimumLibraryVersion else {
            throw SQLiteFailure(
                cause: .sqlite(code: SQLITE_ERROR),
                detail: "SQLite \(String(cString: sqlite3_libversion())) is too old; install libsqlite3 3.37 or newer"
            )
        }
        // NOMUTEX: SQLite's own per-connection mutex is redundant because our owner serializes access.
        let access = mode == .readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, access | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            let failure = SQLiteFailure(code: code, connection: opened)
            sqlite3_close_v2(opened)
            throw failure
        }
        handle = opened
        // Extended codes tell e.g. SQLITE_CONSTRAINT_UNIQUE (2067) from SQLITE_CONSTRAINT_TRIGGER (1811).
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        cache.removeAll()
        // close_v2 defers the close until every statement is finalized, so order cannot go wrong.
        sqlite3_close_v2(handle)
    }

    /// Waits up to `milliseconds` for another connection's lock before failing with SQLITE_BUSY.
    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Whether a transaction is open (SQLite rolls back on its own after some errors).
    var isInsideTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last row inserted on this connection.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `sql`, which may hold several statements and binds nothing (schema, pragmas).
    func execute(_ sql: String) throws(SQLiteFailure) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteFailure(code: code, connection: handle) }
    }

    /// Runs `body` with the cached statement for `sql`, prepared on first use.
    ///
    /// The statement is reset afterwards, so it never keeps a read transaction open. When `body` fails,
    /// the statement is dropped from the cache instead of being reused.
    func withStatement<Result>(
        _ sql: String, _ body: (Statement) throws(SQLiteFailure) -> Result
    ) throws(SQLiteFailure) -> Result {
        let statement: Statement
        if let cached = cache[sql] {
            statement = cached
        } else {
            statement = try Statement(sql: sql, connection: handle, persistent: true)
            cache[sql] = statement
        }
        do {
            let result = try body(statement)
            statement.reset()
            return result
        } catch {
            statement.reset()
            cache[sql] = nil
            throw error
        }
    }

    /// The integer in the first column of the first row of `sql`, e.g. a pragma's value.
    func integer(_ sql: String) throws(SQLiteFailure) -> Int64? {
        try withStatement(sql) { statement throws(SQLiteFailure) in
            try statement.step() ? statement.int64(at: 0) : nil
        }
    }

    /// The text in the first column of the first row of `sql`, e.g. a pragma's answer.
    func text(_ sql: String) throws(SQLiteFailure) -> String? {
        try withStatement(sql) { statement throws(SQLiteFailure) in
            try statement.step() ? statement.string(at: 0) : nil
        }
    }
}
