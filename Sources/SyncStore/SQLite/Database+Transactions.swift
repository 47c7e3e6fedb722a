import CSQLite

extension Database {
    /// Runs `body` in a write transaction and commits it, or rolls everything back when anything fails.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock up front (waiting up to the busy timeout). A deferred
    /// transaction that reads first and writes later fails at once with SQLITE_BUSY_SNAPSHOT when another
    /// connection committed in between, whatever the timeout (GRDB #1483; checked in LINUX-NOTES B1).
    func writeTransaction<Result>(_ body: () throws(SQLiteFailure) -> Result) throws(SQLiteFailure) -> Result {
        try transaction(begin: "BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a read transaction, so that several statements see one consistent snapshot.
    func readTransaction<Result>(_ body: () throws(SQLiteFailure) -> Result) throws(SQLiteFailure) -> Result {
        try transaction(begin: "BEGIN DEFERRED", body)
    }

    private func transaction<Result>(
        begin: String, _ body: () throws(SQLiteFailure) -> Result
    ) throws(SQLiteFailure) -> Result {
        try withStatement(begin) { statement throws(SQLiteFailure) in try statement.run() }
        do {
            let result = try body()
            try withStatement("COMMIT") { statement throws(SQLiteFailure) in try statement.run() }
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// Rolls back the open transaction, if SQLite has not done so already.
    ///
    /// Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY, SQLITE_NOMEM) may roll the transaction back
    /// automatically; a ROLLBACK then fails with "no transaction is active", so ask
    /// `sqlite3_get_autocommit` first (https://www.sqlite.org/lang_transaction.html, "Response To Errors
    /// Within A Transaction"; GRDB's `rollback()` does the same).
    func rollback() {
        guard isInsideTransaction else { return }
        // A failing ROLLBACK leaves nothing better to do: the failure that led here is what gets reported,
        // and SQLite rolls back an unfinished transaction when the connection closes.
        try? execute("ROLLBACK")
    }
}
