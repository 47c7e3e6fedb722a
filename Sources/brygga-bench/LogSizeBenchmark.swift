import Foundation
import SyncCore
import SyncStore

/// `brygga-bench log-size`: how large the state database grows over a year of five-minute runs with a
/// few records that never stop failing (O4), simulated through the real `SQLiteStateStore`.
///
/// Each simulated run does what a run that meets only those records commits: it records its start,
/// commits a `failed` entry and a queue failure per bad record (the entry named and with rule, reason
/// and fix as the customer flow writes them), and records its finish. With `--log-every-run` the
/// entries are appended every run as before schema version 3 (the queue's reason then differs from the
/// entry's, so the store cannot pair them). With `--prune-days N` a `log prune` keeps N days, once a
/// simulated day. The database goes to `--directory` (default /dev/shm, where a sync costs nothing,
/// so a year takes seconds; the sizes are those of any file system).
enum LogSizeBenchmark: Benchmark {
    static let name = "log-size"
    static let summary = "State database size after N days of five-minute runs with failing records (O4)"
    static let optionsHelp = """
          --days N           simulated days of runs every five minutes (default 365)
          --failing N        records that fail in every run (default 10)
          --prune-days N     run log prune once a simulated day, keeping N days (default: never)
          --directory PATH   where the database is made (default /dev/shm, else the temporary directory)
          --log-every-run    append every failure every run, as before schema version 3
        """
    static let valueOptions: Set<String> = ["days", "failing", "prune-days", "directory"]
    static let flagOptions: Set<String> = ["log-every-run"]

    private static let runInterval: TimeInterval = 300

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let days = try options.integer("days", default: 365, range: 1...3_650)
        let failing = try options.integer("failing", default: 10, range: 0...10_000)
        let pruneDays =
            options.text("prune-days") == nil
            ? nil : try options.integer("prune-days", default: 90, range: 1...3_650)
        let everyRun = options.flag("log-every-run")
        let base =
            options.text("directory")
            ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        let directory = base + "/brygga-log-size-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .failed("cannot create \(directory): \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        let runs = days * 86_400 / Int(runInterval)
        let started = ContinuousClock.now
        do {
            let store = try SQLiteStateStore(path: path)
            let start = Date(timeIntervalSince1970: 1_767_225_600)
            for index in 0..<runs {
                let time = start.addingTimeInterval(Double(index) * runInterval)
                try simulateRun(store, at: time, failing: failing, logEveryRun: everyRun)
                if let pruneDays, (index + 1) % (86_400 / Int(runInterval)) == 0 {
                    _ = try store.pruneTransferLog(
                        before: time.addingTimeInterval(-Double(pruneDays) * 86_400), at: time)
                }
            }
            _ = try store.checkpoint()
            let counts = try store.rowCounts()
            let elapsed = started.duration(to: .now)
            report(
                days: days, runs: runs, failing: failing, pruneDays: pruneDays, everyRun: everyRun, counts: counts,
                bytes: fileSize(path) + fileSize(path + "-wal"), elapsed: elapsed)
        } catch {
            throw .failed("\(error)")
        }
    }

    /// One run that meets only the failing records.
    private static func simulateRun(
        _ store: SQLiteStateStore, at time: Date, failing: Int, logEveryRun: Bool
    ) throws(StateStoreError) {
        let runID = try store.startRun(kind: .incremental, at: time)
        var commit = StateCommit()
        for record in 0..<failing {
            let number = String(90_000 + record)
            let reason =
                "customer \(number) \"Kund \(record) Aktiebolag\": VAT number \"SE55667788\" is not a valid "
                + "SE number: SE must be followed by 10 digits followed by 01"
            commit.logEntries.append(
                TransferLogEntry(
                    runID: runID, time: time, entity: .customer, direction: .pmToAccounting, action: .failed,
                    pmID: "7f536ea7-0c8e-4a27-a6b0-\(String(format: "%012d", record))", naturalKey: number,
                    recordName: "Kund \(record) Aktiebolag", reason: reason,
                    hint: "enter a valid VAT number (e.g. SE556677889901) on the customer, then run `brygga retry`",
                    rule: "R2.2"))
            commit.failures.append(
                PendingRetry(
                    entity: .customer, side: .projectManagement,
                    sourceID: "7f536ea7-0c8e-4a27-a6b0-\(String(format: "%012d", record))", naturalKey: number,
                    reason: logEveryRun ? reason + " " : reason, firstFailedAt: time, lastFailedAt: time, attempts: 1))
        }
        commit.run = (runID, time)
        try store.commit(commit)
        var summary = RunSummary()
        summary.failed = failing
        try store.finishRun(id: runID, at: time.addingTimeInterval(1), summary: summary, exitCode: failing > 0 ? 1 : 0)
    }

    private static func report(
        days: Int, runs: Int, failing: Int, pruneDays: Int?, everyRun: Bool, counts: [String: Int], bytes: Int,
        elapsed: Duration
    ) {
        let mode = everyRun ? "every failure logged every run (before schema v3)" : "log hygiene (schema v3)"
        print("log-size: \(days) days, \(runs) runs every 5 minutes, \(failing) records failing in every run; \(mode)")
        if let pruneDays { print("  log prune once a day, keeping \(pruneDays) days") }
        for table in ["transfer_log", "runs", "retry_queue"] {
            print("  \(table.padding(toLength: 13, withPad: " ", startingAt: 0)) \(counts[table] ?? 0) rows")
        }
        let megabytes = Double(bytes) / 1_048_576
        print(String(format: "  database      %.1f MB (file and write-ahead log after a checkpoint)", megabytes))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "  simulated in  %.1f s", seconds))
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
