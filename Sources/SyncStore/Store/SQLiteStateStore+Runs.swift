public import Foundation
public import SyncCore

extension SQLiteStateStore {
    private static let runColumns =
        "id, kind, started_at, finished_at, exit_code, created, updated, linked, skipped, conflicts, failed, planned"

    /// Records the start of a run and returns its id (ids increase and are never reused).
    public func startRun(kind: RunKind, at time: Date) throws(StateStoreError) -> Int64 {
        try write("recording the start of a run") { database throws(SQLiteFailure) in
            try database.withStatement("INSERT INTO runs (kind, started_at) VALUES (?, ?)") {
                statement throws(SQLiteFailure) in
                try statement.bind(kind.rawValue, at: 1)
                try statement.bind(time.epochMilliseconds, at: 2)
                try statement.run()
            }
            return database.lastInsertedRowID
        }
    }

    /// Records the end of run `id` with its summary and exit code.
    ///
    /// - Throws: `StateStoreError` of kind `failed` when no run has that id.
    public func finishRun(id: Int64, at time: Date, summary: RunSummary, exitCode: Int32) throws(StateStoreError) {
        try write("recording the end of run \(id)") { database throws(SQLiteFailure) in
            let sql = """
                UPDATE runs SET finished_at = ?, exit_code = ?, created = ?, updated = ?, linked = ?, skipped = ?,
                conflicts = ?, failed = ?, planned = ? WHERE id = ?
                """
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                try statement.bind(time.epochMilliseconds, at: 1)
                try statement.bind(Int64(exitCode), at: 2)
                let counts = [
                    summary.created, summary.updated, summary.linked, summary.skipped, summary.conflicts,
                    summary.failed, summary.planned,
                ]
                for (offset, count) in counts.enumerated() {
                    try statement.bind(count, at: Int32(3 + offset))
                }
                try statement.bind(id, at: 10)
                try statement.run()
            }
            guard database.changes == 1 else {
                throw SQLiteFailure(cause: .missingRow, detail: "there is no run with id \(id)")
            }
        }
    }

    /// The most recent `limit` runs, newest first.
    public func recentRuns(limit: Int) throws(StateStoreError) -> [SyncRun] {
        guard limit > 0 else { return [] }
        return try read("reading recent runs") { database throws(SQLiteFailure) in
            try database.withStatement("SELECT \(Self.runColumns) FROM runs ORDER BY id DESC LIMIT ?") {
                statement throws(SQLiteFailure) in
                try statement.bind(limit, at: 1)
                var runs: [SyncRun] = []
                while try statement.step() {
                    runs.append(try Self.run(from: statement))
                }
                return runs
            }
        }
    }

    private static func run(from row: Statement) throws(SQLiteFailure) -> SyncRun {
        var summary = RunSummary()
        summary.created = Int(row.int64(at: 5) ?? 0)
        summary.updated = Int(row.int64(at: 6) ?? 0)
        summary.linked = Int(row.int64(at: 7) ?? 0)
        summary.skipped = Int(row.int64(at: 8) ?? 0)
        summary.conflicts = Int(row.int64(at: 9) ?? 0)
        summary.failed = Int(row.int64(at: 10) ?? 0)
        summary.planned = Int(row.int64(at: 11) ?? 0)
        return SyncRun(
            id: try row.requiredInt64(at: 0, column: "runs.id"),
            kind: try row.requiredValue(RunKind.self, at: 1, column: "runs.kind"),
            startedAt: try row.requiredDate(at: 2, column: "runs.started_at"),
            finishedAt: row.date(at: 3),
            summary: summary,
            exitCode: row.int64(at: 4).map { Int32(truncatingIfNeeded: $0) }
        )
    }
}
