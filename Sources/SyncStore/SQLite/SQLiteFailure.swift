import CSQLite

/// A failure inside the SQLite layer, before the store turns it into a ``StateStoreError`` that names
/// the database path and the operation.
///
/// `detail` is SQLite's own message or ours. SQLite's messages name tables, columns and constraints,
/// never bound values, and every value reaches SQLite bound, so no secret or personal data can end up
/// here (GRDB keeps statement arguments out of `DatabaseError.description` for the same reason).
struct SQLiteFailure: Error {
    /// What kind of failure it is.
    enum Cause: Equatable {
        /// SQLite returned this extended result code.
        case sqlite(code: Int32)
        /// A stored row holds something the store cannot decode (an unknown enum value, invalid JSON).
        case unreadableRow
        /// A row the operation needs does not exist.
        case missingRow
    }

    /// What kind of failure it is.
    let cause: Cause
    /// SQLite's message or ours; never contains bound values.
    let detail: String

    /// The failure SQLite reported on `connection` with result `code`.
    init(code: Int32, connection: OpaquePointer?) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(cause: .sqlite(code: code), detail: message ?? String(cString: sqlite3_errstr(code)))
    }

    /// A failure with an explicit cause and detail.
    init(cause: Cause, detail: String) {
        self.cause = cause
        self.detail = detail
    }

    /// The primary result code (the low byte of an extended code), when SQLite reported the failure.
    var primaryCode: Int32? {
        guard case .sqlite(let code) = cause else { return nil }
        return code & 0xFF
    }
}
