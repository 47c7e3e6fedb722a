import SyncCore
import SyncStore

/// The retry queue beside the log (O4): which shown failure is the newest of a record still failing,
/// and how often and when it was tried since, for `brygga log` and `brygga status`.
struct RetryAttempts {
    /// The whole queue.
    let retries: [PendingRetry]

    /// The queue of `store`, every flow.
    init(store: SQLiteStateStore) throws {
        var retries: [PendingRetry] = []
        for entity in EntityKind.flowOrder { retries += try store.pendingRetries(entity: entity) }
        self.retries = retries
    }

    /// For each queued record, the index in `entries` (oldest first) of its newest `failed` entry with
    /// the reason it is queued for, with its queue row.
    func lastFailures(in entries: [TransferLogEntry]) -> [Int: PendingRetry] {
        var found: [Int: PendingRetry] = [:]
        var pending = retries
        for index in entries.indices.reversed() where entries[index].action == .failed {
            let entry = entries[index]
            guard let match = pending.firstIndex(where: { Self.logs(entry, $0) }) else { continue }
            found[index] = pending.remove(at: match)
        }
        return found
    }

    /// `still failing: 57 attempts, the last 2026-12-07T08:30:00+01:00`.
    static func describe(_ retry: PendingRetry, time: TimeDisplay) -> String {
        let attempts = retry.attempts == 1 ? "1 attempt" : "\(retry.attempts) attempts"
        return "still failing: \(attempts), the last \(time.string(retry.lastFailedAt)); retried every run"
    }

    /// Whether `entry` logs the failure `retry` is queued for.
    private static func logs(_ entry: TransferLogEntry, _ retry: PendingRetry) -> Bool {
        guard entry.entity == retry.entity, entry.reason == retry.reason else { return false }
        let id = retry.side == .projectManagement ? entry.pmID : entry.accountingID
        return id == retry.sourceID || (id == nil && entry.naturalKey == retry.sourceID)
    }
}
