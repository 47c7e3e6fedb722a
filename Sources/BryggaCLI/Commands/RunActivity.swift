import SyncCore
import SyncStore

/// What became of a run the state database holds no finish for: still working, or dead.
///
/// Only the newest run can still be working, and only while the run lock is held; any other run
/// without a finish was killed (SIGKILL, a crash, a reboot) before it could record one. Its log
/// entries are committed, so they say what it did; the next run picks up the rest.
enum RunActivity: Sendable, Hashable {
    /// The run is working now: it is the newest and the lock is held (by this process id, when known).
    case inProgress(processID: Int32?)
    /// The run died: no finish was recorded and the lock is free (or a later run exists).
    case interrupted
    /// The lock could not be tested; the text says why.
    case undetermined(String)

    /// What became of `run`, or `nil` when it finished.
    ///
    /// - Parameters:
    ///   - run: A run from the state database.
    ///   - newest: The newest run.
    ///   - lock: The run lock as ``RunLock/probe(path:)`` found it.
    init?(of run: SyncRun, newest: SyncRun?, lock: RunLockState) {
        guard run.finishedAt == nil else { return nil }
        guard run.id == newest?.id else {
            self = .interrupted
            return
        }
        switch lock {
        case .free: self = .interrupted
        case .held(let processID): self = .inProgress(processID: processID)
        case .unknown(let reason): self = .undetermined(reason)
        }
    }

    /// `running now (process 4711 holds the run lock)`, `interrupted (no finish recorded; the run
    /// lock is free)`.
    var description: String {
        switch self {
        case .inProgress(let processID):
            "running now (" + (processID.map { "process \($0) holds" } ?? "another process holds") + " the run lock)"
        case .interrupted: "interrupted (no finish recorded; the run lock is free)"
        case .undetermined(let reason): "unfinished (running or interrupted: \(reason))"
        }
    }

    /// What run `runID`'s transfer-log entries say it did, over every entity.
    static func loggedSummary(of runID: Int64, in store: SQLiteStateStore) throws -> RunSummary {
        var total = RunSummary()
        for summary in try store.transferLogCounts(runID: runID).values {
            total.created += summary.created
            total.updated += summary.updated
            total.linked += summary.linked
            total.skipped += summary.skipped
            total.conflicts += summary.conflicts
            total.failed += summary.failed
            total.planned += summary.planned
        }
        return total
    }
}
