public import SyncCore

extension SQLiteStateStore {
    private static let logColumns = """
        sequence, run_id, time, entity, direction, action, pm_id, acct_id, natural_key, reason, hint, rule, changes, \
        conflicts, record_name
        """

    /// Transfer-log entries matching `query`: the newest `query.limit` of them, returned oldest first.
    ///
    /// Every filter has an index that keeps sequence order (run, entity, entity and action, action,
    /// each of the three record ids and the record name, and the time watermark for `since`), so the newest-first scan stops
    /// after `limit` matches and a query stays fast on millions of entries. `until` is checked on each
    /// entry the scan passes.
    public func transferLog(matching query: TransferLogQuery) throws(StateStoreError) -> [TransferLogEntry] {
        guard query.limit > 0 else { return [] }
        let filter = TransferLogFilter(query)
        let sql = "SELECT \(Self.logColumns) FROM transfer_log\(filter.whereClause) ORDER BY sequence DESC LIMIT ?"
        let entries = try read("reading the transfer log") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                var index: Int32 = 1
                for argument in filter.arguments {
                    switch argument {
                    case .text(let text): try row.bind(text, at: index)
                    case .integer(let integer): try row.bind(integer, at: index)
                    }
                    index += 1
                }
                try row.bind(query.limit, at: index)
                var entries: [TransferLogEntry] = []
                while try row.step() {
                    entries.append(try Self.logEntry(from: row))
                }
                return entries
            }
        }
        return entries.reversed()
    }

    private static func logEntry(from row: Statement) throws(SQLiteFailure) -> TransferLogEntry {
        guard let changes = FieldDiffCoding.changes(from: try row.json(at: 12, column: "transfer_log.changes")) else {
            throw row.unreadable("transfer_log.changes", "does not hold a list of field changes")
        }
        guard let conflicts = FieldDiffCoding.conflicts(from: try row.json(at: 13, column: "transfer_log.conflicts"))
        else {
            throw row.unreadable("transfer_log.conflicts", "does not hold a list of field conflicts")
        }
        return TransferLogEntry(
            sequence: try row.requiredInt64(at: 0, column: "transfer_log.sequence"),
            runID: try row.requiredInt64(at: 1, column: "transfer_log.run_id"),
            time: try row.requiredDate(at: 2, column: "transfer_log.time"),
            entity: try row.requiredValue(EntityKind.self, at: 3, column: "transfer_log.entity"),
            direction: try row.value(SyncDirection.self, at: 4, column: "transfer_log.direction"),
            action: try row.requiredValue(TransferAction.self, at: 5, column: "transfer_log.action"),
            pmID: row.string(at: 6),
            accountingID: row.string(at: 7),
            naturalKey: row.string(at: 8),
            recordName: row.string(at: 14),
            reason: row.string(at: 9),
            hint: row.string(at: 10),
            rule: row.string(at: 11),
            changes: changes,
            conflicts: conflicts
        )
    }
}

/// The WHERE clause and its arguments for a ``TransferLogQuery``.
///
/// The SQL text depends only on which filters are set (and how many actions), so the prepared
/// statement cache holds a small number of variants; values are always bound, never written into SQL.
struct TransferLogFilter {
    /// A value bound to one `?`.
    enum Argument {
        case text(String)
        case integer(Int64)
    }

    /// `""` or ` WHERE …`.
    private(set) var whereClause = ""
    /// The values for the clause's placeholders, in order.
    private(set) var arguments: [Argument] = []

    /// The filter for `query`.
    init(_ query: TransferLogQuery) {
        var conditions: [String] = []
        if let runID = query.runID {
            conditions.append("run_id = ?")
            arguments.append(.integer(runID))
        }
        if let entity = query.entity {
            conditions.append("entity = ?")
            arguments.append(.text(entity.rawValue))
        }
        if !query.actions.isEmpty {
            let actions = query.actions.map(\.rawValue).sorted()
            conditions.append("action IN (\(Array(repeating: "?", count: actions.count).joined(separator: ", ")))")
            arguments += actions.map(Argument.text)
        }
        if let recordID = query.recordID {
            // The name through its own NOCASE index; entries without a name (older ones) match by ids.
            conditions.append(
                "(pm_id = ? OR acct_id = ? OR natural_key = ? OR (record_name IS NOT NULL AND record_name = ? COLLATE NOCASE))"
            )
            arguments += Array(repeating: .text(recordID), count: 4)
        }
        if let since = query.since {
            // Entries at or after `since` all lie at or after the first sequence whose watermark reaches
            // it (one index lookup); the scan never goes below that sequence.
            let milliseconds = since.epochMilliseconds
            conditions.append(
                """
                sequence >= (SELECT sequence FROM transfer_log WHERE time_watermark >= ? \
                ORDER BY time_watermark, sequence LIMIT 1) AND time >= ?
                """)
            arguments += [.integer(milliseconds), .integer(milliseconds)]
        }
        if let until = query.until {
            // Times never decrease along the sequence unless the clock was set back, so this stays
            // an exact filter rather than a sequence bound.
            conditions.append("time < ?")
            arguments.append(.integer(until.epochMilliseconds))
        }
        if !conditions.isEmpty {
            whereClause = " WHERE " + conditions.joined(separator: " AND ")
        }
    }
}
