public import SyncCore

extension SQLiteStateStore {
    /// The retry queue for `entity`, oldest failure first.
    public func pendingRetries(entity: EntityKind) throws(StateStoreError) -> [PendingRetry] {
        let sql = """
            SELECT entity, side, source_id, natural_key, reason, first_failed_at, last_failed_at, attempts, rule, hint,
            record_name, counterpart_id FROM retry_queue WHERE entity = ? ORDER BY first_failed_at, side, source_id
            """
        return try read("reading the \(entity.rawValue) retry queue") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                try row.bind(entity.rawValue, at: 1)
                var retries: [PendingRetry] = []
                while try row.step() {
                    retries.append(
                        PendingRetry(
                            entity: try row.requiredValue(EntityKind.self, at: 0, column: "retry_queue.entity"),
                            side: try row.requiredValue(SystemSide.self, at: 1, column: "retry_queue.side"),
                            sourceID: try row.requiredString(at: 2, column: "retry_queue.source_id"),
                            naturalKey: row.string(at: 3),
                            reason: try row.requiredString(at: 4, column: "retry_queue.reason"),
                            firstFailedAt: try row.requiredDate(at: 5, column: "retry_queue.first_failed_at"),
                            lastFailedAt: try row.requiredDate(at: 6, column: "retry_queue.last_failed_at"),
                            attempts: Int(try row.requiredInt64(at: 7, column: "retry_queue.attempts")),
                            rule: row.string(at: 8), hint: row.string(at: 9), recordName: row.string(at: 10),
                            counterpartID: row.string(at: 11)
                        ))
                }
                return retries
            }
        }
    }
}
