import Foundation
package import Notify
package import SyncCore

extension SQLiteStateStore {
    private static let notifiedColumns = """
        fingerprint, entity, side, source_id, natural_key, rule, reason, first_seen_at, last_seen_at, mailed_at, \
        resolved_at, resolved_mailed_at
        """

    /// The failure digest's state (O5): what was mailed about which failure, oldest first.
    package func notifiedFailures() throws(StateStoreError) -> [NotifiedFailure] {
        let sql = "SELECT \(Self.notifiedColumns) FROM notified_failures ORDER BY first_seen_at, fingerprint"
        return try read("reading the digest state") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                var rows: [NotifiedFailure] = []
                while try row.step() {
                    rows.append(
                        NotifiedFailure(
                            fingerprint: try row.requiredString(at: 0, column: "notified_failures.fingerprint"),
                            entity: try row.requiredString(at: 1, column: "notified_failures.entity"),
                            side: try row.value(RecordSide.self, at: 2, column: "notified_failures.side"),
                            sourceID: row.string(at: 3), naturalKey: row.string(at: 4), rule: row.string(at: 5),
                            reason: try row.requiredString(at: 6, column: "notified_failures.reason"),
                            firstSeenAt: try row.requiredDate(at: 7, column: "notified_failures.first_seen_at"),
                            lastSeenAt: try row.requiredDate(at: 8, column: "notified_failures.last_seen_at"),
                            mailedAt: row.date(at: 9), resolvedAt: row.date(at: 10),
                            resolvedMailedAt: row.date(at: 11)))
                }
                return rows
            }
        }
    }

    /// Records a digest that was sent or tried and, when the transport accepted it, the digest state it
    /// commits, in one transaction: a failed send leaves the state as it was, so the next run mails the
    /// same again (O5).
    ///
    /// - Parameters:
    ///   - delivery: The attempt; its run must exist (or be `nil`).
    ///   - changes: The state the digest commits; applied only when `delivery` was accepted.
    /// - Throws: `StateStoreError` when SQLite fails; nothing is recorded then.
    package func recordDigest(_ delivery: DigestDelivery, changes: DigestStateChanges) throws(StateStoreError) {
        try write("recording a failure digest") { database throws(SQLiteFailure) in
            try Self.insert(delivery, in: database)
            guard delivery.wasAccepted else { return }
            try Self.apply(changes, in: database)
        }
    }

    /// The newest digest sent or tried, for `brygga status`.
    package func lastDigest() throws(StateStoreError) -> DigestDelivery? {
        let sql = """
            SELECT run_id, attempted_at, transport, recipients, new_count, still_count, reminder_count,
            resolved_count, error FROM digests ORDER BY id DESC LIMIT 1
            """
        return try read("reading the last digest") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                guard try row.step() else { return nil }
                let recipients = try row.requiredString(at: 3, column: "digests.recipients")
                return DigestDelivery(
                    runID: row.int64(at: 0),
                    attemptedAt: try row.requiredDate(at: 1, column: "digests.attempted_at"),
                    transport: try row.requiredString(at: 2, column: "digests.transport"),
                    recipients: recipients.isEmpty ? [] : recipients.components(separatedBy: ", "),
                    counts: DigestCounts(
                        new: Int(row.int64(at: 4) ?? 0), stillFailing: Int(row.int64(at: 5) ?? 0),
                        reminders: Int(row.int64(at: 6) ?? 0), resolved: Int(row.int64(at: 7) ?? 0)),
                    error: row.string(at: 8))
            }
        }
    }

    private static func insert(_ delivery: DigestDelivery, in database: Database) throws(SQLiteFailure) {
        let sql = """
            INSERT INTO digests (run_id, attempted_at, transport, recipients, new_count, still_count, reminder_count,
            resolved_count, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            try statement.bind(delivery.runID, at: 1)
            try statement.bind(delivery.attemptedAt.epochMilliseconds, at: 2)
            try statement.bind(delivery.transport, at: 3)
            try statement.bind(delivery.recipients.joined(separator: ", "), at: 4)
            try statement.bind(delivery.counts.new, at: 5)
            try statement.bind(delivery.counts.stillFailing, at: 6)
            try statement.bind(delivery.counts.reminders, at: 7)
            try statement.bind(delivery.counts.resolved, at: 8)
            try statement.bind(delivery.error, at: 9)
            try statement.run()
        }
    }

    /// Upserts and deletes `notified_failures` rows as `changes` say.
    static func apply(_ changes: DigestStateChanges, in database: Database) throws(SQLiteFailure) {
        let upsert =
            "INSERT OR REPLACE INTO notified_failures (\(notifiedColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        try database.withStatement(upsert) { statement throws(SQLiteFailure) in
            for row in changes.upserts {
                try statement.bind(row.fingerprint, at: 1)
                try statement.bind(row.entity, at: 2)
                try statement.bind(row.side?.rawValue, at: 3)
                try statement.bind(row.sourceID, at: 4)
                try statement.bind(row.naturalKey, at: 5)
                try statement.bind(row.rule, at: 6)
                try statement.bind(row.reason, at: 7)
                try statement.bind(row.firstSeenAt.epochMilliseconds, at: 8)
                try statement.bind(row.lastSeenAt.epochMilliseconds, at: 9)
                try statement.bind(row.mailedAt?.epochMilliseconds, at: 10)
                try statement.bind(row.resolvedAt?.epochMilliseconds, at: 11)
                try statement.bind(row.resolvedMailedAt?.epochMilliseconds, at: 12)
                try statement.run()
                statement.reset()
            }
        }
        try database.withStatement("DELETE FROM notified_failures WHERE fingerprint = ?") {
            statement throws(SQLiteFailure) in
            for fingerprint in changes.deletions {
                try statement.bind(fingerprint, at: 1)
                try statement.run()
                statement.reset()
            }
        }
    }
}
