import SyncCore

/// Appends transfer-log entries with multi-row INSERT statements.
///
/// The append-only triggers make SQLite keep a statement journal for every INSERT into the log, with a
/// copy of each page the statement changes. One row per statement copied every touched page again for
/// each row; a statement of 100 rows copies each page once. Chunk sizes 100, 10 and 1 keep the number
/// of cached statement variants at three.
enum TransferLogWriter {
    private static let columns = """
        run_id, time, time_watermark, entity, direction, action, pm_id, acct_id, natural_key, reason, hint, rule, changes, \
        conflicts, record_name
        """
    private static let columnCount: Int32 = 15
    private static let chunkSizes = [100, 10, 1]
    private static let insertStatements: [Int: String] = Dictionary(
        uniqueKeysWithValues: chunkSizes.map { size in
            let row = "(" + Array(repeating: "?", count: Int(columnCount)).joined(separator: ", ") + ")"
            let rows = Array(repeating: row, count: size).joined(separator: ", ")
            return (size, "INSERT INTO transfer_log (\(columns)) VALUES \(rows)")
        })

    /// Appends `entries` in order; they get increasing sequence numbers.
    static func append(_ entries: [TransferLogEntry], to database: Database) throws(SQLiteFailure) {
        var watermark = try lastTimeWatermark(in: database)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1_024)
        var start = entries.startIndex
        for size in chunkSizes {
            guard let sql = insertStatements[size] else { continue }
            while entries.endIndex - start >= size {
                let chunk = entries[start..<(start + size)]
                try database.withStatement(sql) { statement throws(SQLiteFailure) in
                    for (offset, entry) in chunk.enumerated() {
                        let first = Int32(offset) * columnCount + 1
                        let time = entry.time.epochMilliseconds
                        watermark = max(watermark, time)
                        try statement.bind(entry.runID, at: first)
                        try statement.bind(time, at: first + 1)
                        try statement.bind(watermark, at: first + 2)
                        try bind(entry, to: statement, from: first + 3, buffer: &buffer)
                    }
                    try statement.run()
                }
                start += size
            }
        }
    }

    /// The time watermark of the newest entry, or the smallest time when the log is empty.
    private static func lastTimeWatermark(in database: Database) throws(SQLiteFailure) -> Int64 {
        try database.integer("SELECT time_watermark FROM transfer_log ORDER BY sequence DESC LIMIT 1") ?? .min
    }

    /// Binds the columns after run_id, time and time_watermark, starting at parameter `first`.
    private static func bind(
        _ entry: TransferLogEntry, to statement: Statement, from first: Int32, buffer: inout [UInt8]
    ) throws(SQLiteFailure) {
        try statement.bind(entry.entity.rawValue, at: first)
        try statement.bind(entry.direction?.rawValue, at: first + 1)
        try statement.bind(entry.action.rawValue, at: first + 2)
        try statement.bind(entry.pmID, at: first + 3)
        try statement.bind(entry.accountingID, at: first + 4)
        try statement.bind(entry.naturalKey, at: first + 5)
        try statement.bind(entry.reason, at: first + 6)
        try statement.bind(entry.hint, at: first + 7)
        try statement.bind(entry.rule, at: first + 8)
        try statement.bind(at: first + 9, buffer: &buffer) { FieldDiffCoding.write(entry.changes, to: &$0) }
        try statement.bind(at: first + 10, buffer: &buffer) { FieldDiffCoding.write(entry.conflicts, to: &$0) }
        try statement.bind(entry.recordName, at: first + 11)
    }
}
