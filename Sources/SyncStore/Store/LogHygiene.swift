import Foundation
import SyncCore

/// Decides which of a commit's log entries are appended, so that the log keeps a record's first
/// failure, every change of its reason and its resolution, and nothing in between (O4).
///
/// - A `failed` entry is not appended when the commit queues the same record for the same reason it is
///   queued for already: the queue counts the attempt instead (`attempts`, `last_failed_at`).
/// - A `skipped` entry is not appended when the record's newest entry is the same skip (a private
///   Fortnox customer listed again inside the feed's overlap), nor twice in one commit.
/// - A record that leaves the queue with no entry of its own in the commit gets a `resolved` entry,
///   when the commit names its run.
///
/// Each failure is completed from the entry that logs it (rule, fix, name, the id on the other side),
/// so the queue holds what the failure digest mails (O5). Decisions only: the caller reads the queue
/// and the newest entries, and writes the outcome, in one transaction.
struct LogHygiene {
    /// What the queue holds for a record before the commit.
    struct QueuedFailure {
        var reason: String
        var naturalKey: String?
        var recordName: String?
        var rule: String?
        var attempts: Int
    }

    /// What the commit writes after the hygiene.
    struct Outcome {
        /// The entries to append, in order.
        var entries: [TransferLogEntry]
        /// The failures to queue, completed from their entries.
        var failures: [PendingRetry]
    }

    /// The commit.
    let commit: StateCommit
    /// The queue rows of the commit's failed and resolved records, by reference.
    let queued: [RecordReference: QueuedFailure]

    /// The outcome; `repeatsNewest` tells whether a skip equals its record's newest entry in the log.
    func outcome(repeatsNewest: (TransferLogEntry) throws(SQLiteFailure) -> Bool) throws(SQLiteFailure) -> Outcome {
        var entries = commit.logEntries
        var dropped = Set<Int>()
        var reasons = queued.mapValues(\.reason)
        var failures: [PendingRetry] = []
        var used = Set<Int>()
        for var failure in commit.failures {
            let ref = RecordReference(entity: failure.entity, side: failure.side, id: failure.sourceID)
            let logged = entries.indices.first { index in
                !used.contains(index) && entries[index].action == .failed && entries[index].reason == failure.reason
                    && Self.concerns(entries[index], failure.entity, side: failure.side, id: failure.sourceID)
            }
            if let logged {
                used.insert(logged)
                Self.complete(&failure, from: entries[logged])
                if reasons[ref] == failure.reason { dropped.insert(logged) }
            }
            reasons[ref] = failure.reason
            failures.append(failure)
        }
        var skips: [TransferLogEntry] = []
        for (index, entry) in entries.enumerated() where entry.action == .skipped {
            var repeated = skips.contains { Self.sameSkip($0, entry) }
            if !repeated { repeated = try repeatsNewest(entry) }
            if repeated {
                dropped.insert(index)
            } else {
                skips.append(entry)
            }
        }
        let resolutions = resolutionEntries(among: entries)
        entries = entries.enumerated().filter { !dropped.contains($0.offset) }.map(\.element) + resolutions
        return Outcome(entries: entries, failures: failures)
    }

    /// `resolved` entries for the records leaving the queue that no entry of the commit concerns.
    private func resolutionEntries(among entries: [TransferLogEntry]) -> [TransferLogEntry] {
        guard let run = commit.run else { return [] }
        var resolutions: [TransferLogEntry] = []
        var seen = Set<RecordReference>()
        for ref in commit.resolvedFailures where seen.insert(ref).inserted {
            guard let row = queued[ref] else { continue }
            let mentioned = entries.contains { entry in
                Self.concerns(entry, ref.entity, side: ref.side, id: ref.id)
                    || (row.naturalKey != nil && entry.entity == ref.entity && entry.naturalKey == row.naturalKey)
            }
            guard !mentioned else { continue }
            let attempts = row.attempts == 1 ? "1 attempt" : "\(row.attempts) attempts"
            resolutions.append(
                TransferLogEntry(
                    runID: run.id, time: run.time, entity: ref.entity, direction: SyncDirection(from: ref.side),
                    action: .resolved, pmID: ref.side == .projectManagement ? ref.id : nil,
                    accountingID: ref.side == .accounting ? ref.id : nil, naturalKey: row.naturalKey,
                    recordName: row.recordName,
                    reason: "no longer fails, and nothing needed transferring; it had failed (\(attempts)): "
                        + row.reason,
                    rule: row.rule))
        }
        return resolutions
    }

    /// Whether `entry` is about the record `id` of `entity` on `side` (its id there, or the key an
    /// unreadable record was queued by).
    static func concerns(_ entry: TransferLogEntry, _ entity: EntityKind, side: SystemSide, id: String) -> Bool {
        guard entry.entity == entity else { return false }
        let idOnSide = side == .projectManagement ? entry.pmID : entry.accountingID
        return idOnSide == id || (idOnSide == nil && entry.naturalKey == id)
    }

    /// Fills what the failure does not say from its log entry.
    private static func complete(_ failure: inout PendingRetry, from entry: TransferLogEntry) {
        failure.rule = failure.rule ?? entry.rule
        failure.hint = failure.hint ?? entry.hint
        failure.recordName = failure.recordName ?? entry.recordName
        let counterpart = failure.side == .projectManagement ? entry.accountingID : entry.pmID
        failure.counterpartID = failure.counterpartID ?? counterpart
    }

    /// Whether two skips are the same decision about the same record.
    private static func sameSkip(_ first: TransferLogEntry, _ second: TransferLogEntry) -> Bool {
        first.entity == second.entity && first.pmID == second.pmID && first.accountingID == second.accountingID
            && first.naturalKey == second.naturalKey && first.reason == second.reason && first.rule == second.rule
    }
}
