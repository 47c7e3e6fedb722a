public import SyncCore

extension SQLiteStateStore {
    /// The actions run `runID` logged, counted per entity (`brygga run`'s one-line summary).
    ///
    /// One grouped scan over the run's entries through `transfer_log_by_run`; entities without an entry
    /// are absent.
    public func transferLogCounts(runID: Int64) throws(StateStoreError) -> [EntityKind: RunSummary] {
        let sql = "SELECT entity, action, count(*) FROM transfer_log WHERE run_id = ? GROUP BY entity, action"
        return try read("counting the transfer log of run \(runID)") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                try row.bind(runID, at: 1)
                var counts: [EntityKind: RunSummary] = [:]
                while try row.step() {
                    let entity = try row.requiredValue(EntityKind.self, at: 0, column: "transfer_log.entity")
                    let action = try row.requiredValue(TransferAction.self, at: 1, column: "transfer_log.action")
                    let count = Int(row.int64(at: 2) ?? 0)
                    var summary = counts[entity] ?? RunSummary()
                    for _ in 0..<count { summary.count(action) }
                    counts[entity] = summary
                }
                return counts
            }
        }
    }
}
