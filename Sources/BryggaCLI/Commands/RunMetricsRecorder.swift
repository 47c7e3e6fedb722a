import Foundation
import JSONSupport
import SyncCore
import SyncStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends one ``RunMetrics`` line per `run`, `retry` or `bootstrap` to the configured `metricsFile`.
///
/// The line is one `write` to a file opened with `O_APPEND` (created with mode 0644 less the umask),
/// so lines of successive runs never interleave. Appending never changes the command's exit status:
/// a failure is printed to standard error and the command ends as it would have.
struct RunMetricsRecorder {
    /// The metrics file, or `nil` when none is configured (then nothing is written).
    let path: String?
    /// The command, e.g. `run`.
    let command: String
    /// Where a failure to append is reported.
    let console: any Console
    /// When the command took the run lock: the run recorded at or after this is the command's own.
    let startedAt = Date()

    /// Appends the line for a command that ends with `exitCode`.
    ///
    /// - Parameters:
    ///   - exitCode: The status the command exits with.
    ///   - store: The state database, when it was opened (for the run and its log counts).
    ///   - requests: The requests the runtime sent, when it was built.
    ///   - entities: The flows the run covered; each gets counts, zero when it logged nothing.
    ///   - result: The engine's result, when the run ended with one: its counts per flow include the
    ///     failures the log does not repeat (O4); without it the run's log entries are counted.
    func record(
        _ exitCode: ExitCode, store: SQLiteStateStore?, requests: RequestCounts?, entities: [EntityKind],
        result: RunResult? = nil
    ) {
        guard let path else { return }
        let finishedAt = Date()
        var metrics = RunMetrics(
            command: command, run: nil, startedAt: startedAt, finishedAt: finishedAt, exitCode: exitCode,
            counts: [:], requests: requests.map { ($0.severa, $0.fortnox) })
        if let store,
            let run = try? store.recentRuns(limit: 1).first,
            run.startedAt >= startedAt.addingTimeInterval(-0.001)
        {
            metrics.run = run
            metrics.startedAt = run.startedAt
            metrics.finishedAt = run.finishedAt ?? finishedAt
            var counts =
                result.flatMap { $0.runID == run.id ? $0.entitySummaries : nil }
                ?? (try? store.transferLogCounts(runID: run.id)) ?? [:]
            for entity in entities where counts[entity] == nil { counts[entity] = RunSummary() }
            metrics.counts = counts
        }
        let line = Array((JSONSerializer.string(metrics.json) + "\n").utf8)
        if let failure = Self.append(line, to: path) {
            console.printError(
                "could not append this \(command)'s metrics to \(path): \(failure); the \(command) itself is not affected"
            )
        }
    }

    /// Appends `bytes` to the file at `path` in one write; the failure's description, or `nil`.
    private static func append(_ bytes: [UInt8], to path: String) -> String? {
        let descriptor = POSIX.retryingInterrupts { open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { return "cannot open it: \(POSIX.describe(errno: errno))" }
        let failure = POSIX.writeAll(bytes, to: descriptor)
        let closed = close(descriptor)
        if let failure { return "cannot write it: \(POSIX.describe(errno: failure))" }
        return closed == 0 ? nil : "cannot write it: \(POSIX.describe(errno: errno))"
    }
}
