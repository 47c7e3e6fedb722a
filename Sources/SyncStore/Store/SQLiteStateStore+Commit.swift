import Foundation
public import SyncCore

extension SQLiteStateStore {
    /// Makes `commit` durable in one transaction: links, intent closures, log entries, retry-queue
    /// upserts, resolved failures and cursors, in that order. If any part fails, none of it is kept.
    ///
    /// - A link replaces every link of its entity with the same pmID or the same accountingID.
    /// - A failure for a key already queued keeps `firstFailedAt` and `naturalKey`, takes `reason` and
    ///   `lastFailedAt` from the new entry and adds one to `attempts`; a new key is stored as given.
    /// - Closing an intent that is already closed (or unknown) changes nothing.
    /// - The log entries go through ``LogHygiene`` (O4): a record failing again for the reason it is
    ///   queued for, or skipped again as its newest entry says, is not logged again, and a record that
    ///   leaves the queue unmentioned gets a `resolved` entry.
    public func commit(_ commit: StateCommit) throws(StateStoreError) {
        guard !commit.isEmpty else { return }
        let operation = """
            committing a batch (\(commit.links.count) links, \(commit.closedIntents.count) intent closures, \
            \(commit.logEntries.count) log entries, \(commit.failures.count) failures, \
            \(commit.resolvedFailures.count) resolved failures, \(commit.cursors.count) cursors, \
            \(commit.invoiceTransfers.count) invoice transfers)
            """
        try write(operation) { database throws(SQLiteFailure) in
            let hygiene = LogHygiene(commit: commit, queued: try Self.queuedFailures(of: commit, in: database))
            let kept = try hygiene.outcome { entry throws(SQLiteFailure) in
                try Self.repeatsNewestEntry(entry, in: database)
            }
            try Self.storeLinks(commit.links, in: database)
            try Self.closeIntents(commit.closedIntents, in: database)
            try TransferLogWriter.append(kept.entries, to: database)
            try Self.queueFailures(kept.failures, in: database)
            try Self.resolveFailures(commit.resolvedFailures, in: database)
            try Self.storeCursors(commit.cursors, in: database)
            try Self.storeInvoiceTransfers(commit.invoiceTransfers, in: database)
            try Self.storeAttachments(commit.attachments, in: database)
            try Self.storeNotes(commit.notes, in: database)
        }
    }

    private static func storeLinks(_ links: [RecordLink], in database: Database) throws(SQLiteFailure) {
        guard !links.isEmpty else { return }
        // REPLACE deletes every row that conflicts on either UNIQUE constraint before inserting: exactly
        // "replaces every link with the same pmID or the same accountingID"
        // (https://www.sqlite.org/lang_conflict.html).
        let sql = "INSERT OR REPLACE INTO links (\(linkColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4_096)
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            for link in links {
                try statement.bind(link.entity.rawValue, at: 1)
                try statement.bind(link.pmID, at: 2)
                try statement.bind(link.accountingID, at: 3)
                try statement.bind(link.naturalKey, at: 4)
                try statement.bind(json: link.pmSnapshot, at: 5, buffer: &buffer)
                try statement.bind(json: link.accountingSnapshot, at: 6, buffer: &buffer)
                try statement.bind(link.pmVersion, at: 7)
                try statement.bind(link.syncedAt.epochMilliseconds, at: 8)
                try statement.run()
                statement.reset()
            }
        }
    }

    private static func closeIntents(_ ids: [Int64], in database: Database) throws(SQLiteFailure) {
        guard !ids.isEmpty else { return }
        let closedAt = Date().epochMilliseconds
        try database.withStatement("UPDATE journal SET closed_at = ? WHERE id = ? AND closed_at IS NULL") {
            statement throws(SQLiteFailure) in
            for id in ids {
                try statement.bind(closedAt, at: 1)
                try statement.bind(id, at: 2)
                try statement.run()
                statement.reset()
            }
        }
    }

    private static func queueFailures(_ failures: [PendingRetry], in database: Database) throws(SQLiteFailure) {
        guard !failures.isEmpty else { return }
        let sql = """
            INSERT INTO retry_queue (entity, side, source_id, natural_key, reason, first_failed_at, last_failed_at,
            attempts, rule, hint, record_name, counterpart_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (entity, side, source_id) DO UPDATE SET reason = excluded.reason,
            last_failed_at = excluded.last_failed_at, attempts = attempts + 1, rule = excluded.rule,
            hint = excluded.hint, record_name = coalesce(excluded.record_name, record_name),
            counterpart_id = coalesce(excluded.counterpart_id, counterpart_id)
            """
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            for failure in failures {
                try statement.bind(failure.entity.rawValue, at: 1)
                try statement.bind(failure.side.rawValue, at: 2)
                try statement.bind(failure.sourceID, at: 3)
                try statement.bind(failure.naturalKey, at: 4)
                try statement.bind(failure.reason, at: 5)
                try statement.bind(failure.firstFailedAt.epochMilliseconds, at: 6)
                try statement.bind(failure.lastFailedAt.epochMilliseconds, at: 7)
                try statement.bind(failure.attempts, at: 8)
                try statement.bind(failure.rule, at: 9)
                try statement.bind(failure.hint, at: 10)
                try statement.bind(failure.recordName, at: 11)
                try statement.bind(failure.counterpartID, at: 12)
                try statement.run()
                statement.reset()
            }
        }
    }

    private static func resolveFailures(_ references: [RecordReference], in database: Database) throws(SQLiteFailure) {
        guard !references.isEmpty else { return }
        let sql = "DELETE FROM retry_queue WHERE entity = ? AND side = ? AND source_id = ?"
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            for reference in references {
                try statement.bind(reference.entity.rawValue, at: 1)
                try statement.bind(reference.side.rawValue, at: 2)
                try statement.bind(reference.id, at: 3)
                try statement.run()
                statement.reset()
            }
        }
    }

    private static func storeCursors(_ cursors: [CursorUpdate], in database: Database) throws(SQLiteFailure) {
        guard !cursors.isEmpty else { return }
        let sql = """
            INSERT INTO cursors (side, entity, value) VALUES (?, ?, ?)
            ON CONFLICT (side, entity) DO UPDATE SET value = excluded.value
            """
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            for update in cursors {
                try statement.bind(update.side.rawValue, at: 1)
                try statement.bind(update.entity.rawValue, at: 2)
                try statement.bind(update.cursor.value, at: 3)
                try statement.run()
                statement.reset()
            }
        }
    }

    /// The queue rows of the records the commit fails or resolves.
    private static func queuedFailures(of commit: StateCommit, in database: Database) throws(SQLiteFailure)
        -> [RecordReference: LogHygiene.QueuedFailure]
    {
        let references =
            commit.failures.map { RecordReference(entity: $0.entity, side: $0.side, id: $0.sourceID) }
            + commit.resolvedFailures
        guard !references.isEmpty else { return [:] }
        let sql = """
            SELECT reason, natural_key, record_name, rule, attempts FROM retry_queue
            WHERE entity = ? AND side = ? AND source_id = ?
            """
        var rows: [RecordReference: LogHygiene.QueuedFailure] = [:]
        try database.withStatement(sql) { row throws(SQLiteFailure) in
            for reference in Set(references) {
                try row.bind(reference.entity.rawValue, at: 1)
                try row.bind(reference.side.rawValue, at: 2)
                try row.bind(reference.id, at: 3)
                if try row.step() {
                    rows[reference] = LogHygiene.QueuedFailure(
                        reason: try row.requiredString(at: 0, column: "retry_queue.reason"),
                        naturalKey: row.string(at: 1), recordName: row.string(at: 2), rule: row.string(at: 3),
                        attempts: Int(try row.requiredInt64(at: 4, column: "retry_queue.attempts")))
                }
                row.reset()
            }
        }
        return rows
    }

    /// Whether the newest entry of `skip`'s record is the same skip: same action, reason and rule.
    ///
    /// The record is found by its id on the side it was read from (its key when it has no id), through
    /// the index on that column, newest first.
    private static func repeatsNewestEntry(_ skip: TransferLogEntry, in database: Database) throws(SQLiteFailure)
        -> Bool
    {
        let fromAccounting = skip.direction == .accountingToPM
        let candidates: [(String, String?)] =
            fromAccounting
            ? [("acct_id", skip.accountingID), ("pm_id", skip.pmID), ("natural_key", skip.naturalKey)]
            : [("pm_id", skip.pmID), ("acct_id", skip.accountingID), ("natural_key", skip.naturalKey)]
        guard let (column, id) = candidates.first(where: { $0.1 != nil }), let id else { return false }
        let sql = """
            SELECT action, reason, rule FROM transfer_log WHERE \(column) = ? AND entity = ?
            ORDER BY sequence DESC LIMIT 1
            """
        return try database.withStatement(sql) { row throws(SQLiteFailure) in
            try row.bind(id, at: 1)
            try row.bind(skip.entity.rawValue, at: 2)
            guard try row.step() else { return false }
            return row.string(at: 0) == TransferAction.skipped.rawValue && row.string(at: 1) == skip.reason
                && row.string(at: 2) == skip.rule
        }
    }
}
