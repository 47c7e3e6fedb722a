public import SyncCore

extension SQLiteStateStore {
    private static let intentColumns =
        "id, run_id, entity, target, operation, natural_key, source_id, target_id, opened_at, payload"

    /// Records `intents` in one transaction, committed (and synced) before this returns, and returns
    /// them with their ids.
    public func recordIntents(_ intents: [WriteIntent]) throws(StateStoreError) -> [WriteIntent] {
        guard !intents.isEmpty else { return [] }
        let sql = """
            INSERT INTO journal (run_id, entity, target, operation, natural_key, source_id, target_id, opened_at,
            payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        return try write("recording \(intents.count) write intents") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                var recorded: [WriteIntent] = []
                recorded.reserveCapacity(intents.count)
                for var intent in intents {
                    try statement.bind(intent.runID, at: 1)
                    try statement.bind(intent.entity.rawValue, at: 2)
                    try statement.bind(intent.target.rawValue, at: 3)
                    try statement.bind(intent.operation.rawValue, at: 4)
                    try statement.bind(intent.naturalKey, at: 5)
                    try statement.bind(intent.sourceID, at: 6)
                    try statement.bind(intent.targetID, at: 7)
                    try statement.bind(intent.openedAt.epochMilliseconds, at: 8)
                    try statement.bind(intent.payload, at: 9)
                    try statement.run()
                    statement.reset()
                    intent.id = database.lastInsertedRowID
                    recorded.append(intent)
                }
                return recorded
            }
        }
    }

    /// The intents not yet closed, oldest first.
    public func openIntents() throws(StateStoreError) -> [WriteIntent] {
        let sql = "SELECT \(Self.intentColumns) FROM journal WHERE closed_at IS NULL ORDER BY id"
        return try read("reading open write intents") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                var intents: [WriteIntent] = []
                while try row.step() {
                    intents.append(
                        WriteIntent(
                            id: try row.requiredInt64(at: 0, column: "journal.id"),
                            runID: try row.requiredInt64(at: 1, column: "journal.run_id"),
                            entity: try row.requiredValue(EntityKind.self, at: 2, column: "journal.entity"),
                            target: try row.requiredValue(SystemSide.self, at: 3, column: "journal.target"),
                            operation: try row.requiredValue(IntentOperation.self, at: 4, column: "journal.operation"),
                            naturalKey: try row.requiredString(at: 5, column: "journal.natural_key"),
                            sourceID: try row.requiredString(at: 6, column: "journal.source_id"),
                            targetID: row.string(at: 7),
                            openedAt: try row.requiredDate(at: 8, column: "journal.opened_at"),
                            payload: row.string(at: 9)
                        ))
                }
                return intents
            }
        }
    }
}
