import CSQLite

/// Tells SQLite to copy bound text before `sqlite3_bind_text` returns.
///
/// The C macro does not import into Swift; GRDB defines it the same way (`GRDB/Core/Database.swift`),
/// and it keeps the C name so that it reads like the SQLite documentation.
// swift-format-ignore: AlwaysUseLowerCamelCase
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One prepared statement: binding (1-based), stepping and reading columns (0-based).
///
/// A statement belongs to one ``Database`` and is used only while that database's lock is held. Use it
/// through ``Database/withStatement(_:_:)``, which resets it after use and drops it from the cache when
/// it fails (`sqlite3_reset` cannot fully restore a failed statement; see GRDB
/// `Database+Statements.swift`).
final class Statement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    /// Prepares `sql` on `connection`; `persistent` hints that the statement is cached and reused.
    init(sql: String, connection: OpaquePointer, persistent: Bool) throws(SQLiteFailure) {
        var prepared: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(connection, sql, -1, flags, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            sqlite3_finalize(prepared)
            throw SQLiteFailure(code: code, connection: connection)
        }
        self.handle = prepared
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    /// Binds `value` (or SQL NULL) to parameter `index` (1-based).
    func bind(_ value: String?, at index: Int32) throws(SQLiteFailure) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        let length = Int32(value.utf8.count)
        try check(value.withCString { sqlite3_bind_text(handle, index, $0, length, SQLITE_TRANSIENT) })
    }

    /// Binds UTF-8 `bytes` as text to parameter `index` (1-based), without making a `String` first.
    func bind(utf8 bytes: [UInt8], at index: Int32) throws(SQLiteFailure) {
        let code = bytes.withUnsafeBytes { raw in
            // An empty buffer may have no address; SQLite would read a null pointer as NULL, not as "".
            guard let address = raw.baseAddress, !raw.isEmpty else {
                return sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT)
            }
            return sqlite3_bind_text(
                handle, index, address.assumingMemoryBound(to: CChar.self), Int32(raw.count), SQLITE_TRANSIENT)
        }
        try check(code)
    }

    /// Binds `value` (or SQL NULL) to parameter `index` (1-based).
    func bind(_ value: Int64?, at index: Int32) throws(SQLiteFailure) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds `value` (or SQL NULL) to parameter `index` (1-based).
    func bind(_ value: Int?, at index: Int32) throws(SQLiteFailure) {
        try bind(value.map { Int64($0) }, at: index)
    }

    // MARK: Stepping

    /// Steps once; `true` when a row is available, `false` when the statement is done.
    func step() throws(SQLiteFailure) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteFailure(code: code, connection: connection)
        }
    }

    /// Runs a statement that returns no rows.
    func run() throws(SQLiteFailure) {
        while try step() {}
    }

    /// Makes the statement ready for new bindings: resets it and clears its bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Columns

    /// The text in column `index` (0-based), copied at once (the pointer dies at the next step).
    func string(at index: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The integer in column `index` (0-based), or `nil` when it is NULL.
    func int64(at index: Int32) -> Int64? {
        guard sqlite3_column_type(handle, index) != SQLITE_NULL else { return nil }
        return sqlite3_column_int64(handle, index)
    }

    private func check(_ code: Int32) throws(SQLiteFailure) {
        guard code == SQLITE_OK else { throw SQLiteFailure(code: code, connection: connection) }
    }
}
