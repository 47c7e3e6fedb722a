public import Foundation
public import SyncCore

/// What `brygga log prune` removed and kept (O4).
public struct TransferLogPrune: Sendable, Hashable {
    /// The run the prune was recorded as (kind `prune`); its one log entry says what it did.
    public var runID: Int64
    /// Entries removed: older than the cutoff, of records not in the retry queue.
    public var removedEntries: Int
    /// Entries older than the cutoff kept because their record is still failing.
    public var keptEntries: Int
    /// Runs older than the cutoff that no remaining entry, open intent or digest names.
    public var removedRuns: Int
    /// Closed write intents opened before the cutoff.
    public var removedIntents: Int
    /// Digests tried before the cutoff (the newest is always kept) and digest rows of failures whose
    /// resolution was mailed before the cutoff.
    public var removedDigestRows: Int
    /// The entry that records the prune, as appended.
    public var entry: TransferLogEntry
}

extension SQLiteStateStore {
    /// Removes the transfer-log entries older than `cutoff`, except those of records still in the retry
    /// queue, in one transaction that also records the prune: a run of kind `prune` with one `pruned`
    /// entry saying what was removed (O4). Old runs no entry names, closed intents and old digest rows go
    /// with them.
    ///
    /// The log's own trigger refuses every other deletion: this writes a one-row `prune_authorization`
    /// holding the cutoff, deletes, and removes the row again before the transaction commits. Deleted
    /// content is overwritten (`secure_delete`), since the log holds personal data; the file keeps its
    /// size until ``vacuum()``.
    ///
    /// - Parameters:
    ///   - cutoff: Entries with a time before this go.
    ///   - now: The time the prune is recorded at.
    /// - Returns: What was removed and kept.
    /// - Throws: `StateStoreError` when SQLite fails; nothing is removed then.
    public func pruneTransferLog(before cutoff: Date, at now: Date) throws(StateStoreError) -> TransferLogPrune {
        let limit = cutoff.epochMilliseconds
        return try write("pruning the transfer log") { database throws(SQLiteFailure) in
            try database.execute("PRAGMA secure_delete = ON")
            defer { try? database.execute("PRAGMA secure_delete = OFF") }
            let runID = try Self.insertPruneRun(at: now, in: database)
            let kept = try Self.count(
                "SELECT count(*) FROM transfer_log WHERE time < ? AND \(Self.stillFailing)", limit, in: database)
            try Self.run("INSERT INTO prune_authorization (id, before) VALUES (1, ?)", limit, in: database)
            let entries = try Self.run(
                "DELETE FROM transfer_log WHERE time < ? AND NOT \(Self.stillFailing)", limit, in: database)
            try database.execute("DELETE FROM prune_authorization")
            let intents = try Self.run(
                "DELETE FROM journal WHERE closed_at IS NOT NULL AND opened_at < ?", limit, in: database)
            var digestRows = try Self.run(
                "DELETE FROM digests WHERE attempted_at < ? AND id < (SELECT max(id) FROM digests)", limit,
                in: database)
            digestRows += try Self.run(
                "DELETE FROM notified_failures WHERE resolved_mailed_at < ?", limit, in: database)
            let runs = try Self.run(
                """
                DELETE FROM runs WHERE started_at < ?
                AND id < (SELECT max(id) FROM runs WHERE kind <> 'prune')
                AND NOT EXISTS (SELECT 1 FROM transfer_log WHERE run_id = runs.id)
                AND id NOT IN (SELECT run_id FROM journal)
                AND id NOT IN (SELECT run_id FROM digests WHERE run_id IS NOT NULL)
                """, limit, in: database)
            var prune = TransferLogPrune(
                runID: runID, removedEntries: entries, keptEntries: kept, removedRuns: runs, removedIntents: intents,
                removedDigestRows: digestRows,
                entry: TransferLogEntry(
                    runID: runID, time: now, entity: .transferLog, direction: nil, action: .pruned, rule: "O4"))
            prune.entry.reason = Self.pruneReason(prune, cutoff: cutoff)
            try TransferLogWriter.append([prune.entry], to: database)
            return prune
        }
    }

    /// Rewrites the database file from its live rows, so that it shrinks after a prune, and empties the
    /// write-ahead log. Holds the write lock meanwhile: call it only under the run lock.
    ///
    /// - Returns: Whether the log could be emptied (`false` when a reader of another process needed it).
    public func vacuum() throws(StateStoreError) -> Bool {
        try withConnection("vacuuming the database") { database throws(SQLiteFailure) in
            try database.execute("VACUUM")
        }
        return try checkpoint()
    }

    /// The condition "this entry's record is in the retry queue", the same one the delete trigger checks.
    private static let stillFailing = """
        EXISTS (SELECT 1 FROM retry_queue q WHERE q.entity = transfer_log.entity
        AND (q.source_id IN (transfer_log.pm_id, transfer_log.acct_id, transfer_log.natural_key)
        OR q.natural_key = transfer_log.natural_key))
        """

    private static func insertPruneRun(at now: Date, in database: Database) throws(SQLiteFailure) -> Int64 {
        let sql = "INSERT INTO runs (kind, started_at, finished_at, exit_code) VALUES (?, ?, ?, 0)"
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            try statement.bind(RunKind.prune.rawValue, at: 1)
            try statement.bind(now.epochMilliseconds, at: 2)
            try statement.bind(now.epochMilliseconds, at: 3)
            try statement.run()
        }
        return database.lastInsertedRowID
    }

    /// Runs `sql` with `value` bound to its one parameter; the rows it changed.
    @discardableResult
    private static func run(_ sql: String, _ value: Int64, in database: Database) throws(SQLiteFailure) -> Int {
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            try statement.bind(value, at: 1)
            try statement.run()
        }
        return database.changes
    }

    private static func count(_ sql: String, _ value: Int64, in database: Database) throws(SQLiteFailure) -> Int {
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            try statement.bind(value, at: 1)
            return try statement.step() ? Int(statement.int64(at: 0) ?? 0) : 0
        }
    }

    private static func pruneReason(_ prune: TransferLogPrune, cutoff: Date) -> String {
        let time = cutoff.formatted(Date.ISO8601FormatStyle())
        var reason = "removed \(prune.removedEntries) entries older than \(time)"
        if prune.keptEntries > 0 {
            reason += "; kept \(prune.keptEntries) older entries of records still failing"
        }
        return reason
            + "; also removed \(prune.removedRuns) runs without entries, \(prune.removedIntents) closed write "
            + "intents and \(prune.removedDigestRows) old digest rows"
    }
}

extension SQLiteStateStore {
    /// The number of rows of each table (`transfer_log`, `runs`, `retry_queue` …), for `brygga-bench
    /// log-size` and diagnostics.
    package func rowCounts() throws(StateStoreError) -> [String: Int] {
        try read("counting rows") { database throws(SQLiteFailure) in
            let tables = try database.withStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            ) { row throws(SQLiteFailure) in
                var names: [String] = []
                while try row.step() { names.append(row.string(at: 0) ?? "") }
                return names
            }
            var counts: [String: Int] = [:]
            for table in tables {
                counts[table] = Int(try database.integer("SELECT count(*) FROM \"\(table)\"") ?? 0)
            }
            return counts
        }
    }
}
