import Foundation
import Notify
import SyncCore
import SyncStore

/// Everything failing after a run, as the digest takes it (O5): the whole retry queue, the run's
/// failed steps that concern no single record (reading the units failed), and what stopped the run.
enum CurrentFailures {
    /// The digest's view of the state after run `runID`.
    ///
    /// - Parameters:
    ///   - store: The state database.
    ///   - runID: The run, when it was recorded; its failed entries without any record id are added.
    ///   - fatal: What stopped it, if a mailed cause did.
    ///   - time: The digest's "now".
    /// - Returns: What fails now, for ``DigestComposer``.
    /// - Throws: `StateStoreError` when the queue or the log cannot be read.
    static func run(in store: SQLiteStateStore, runID: Int64?, fatal: FatalCause?, at time: Date) throws
        -> DigestRun
    {
        var failures: [DigestFailure] = []
        for entity in EntityKind.flowOrder {
            failures += try store.pendingRetries(entity: entity).map(failure(of:))
        }
        if let runID {
            let query = TransferLogQuery(runID: runID, actions: [.failed], limit: 10_000)
            for entry in try store.transferLog(matching: query)
            where entry.pmID == nil && entry.accountingID == nil && (entry.naturalKey ?? "").isEmpty {
                failures.append(failure(of: entry))
            }
        }
        return DigestRun(runID: runID, finishedAt: time, failures: failures, fatalCauses: fatal.map { [$0] } ?? [])
    }

    /// A queued record as the digest shows it.
    static func failure(of retry: PendingRetry) -> DigestFailure {
        DigestFailure(
            entity: retry.entity.rawValue, side: RecordSide(rawValue: retry.side.rawValue), sourceID: retry.sourceID,
            counterpartID: retry.counterpartID, naturalKey: retry.naturalKey, recordName: retry.recordName,
            rule: retry.rule, reason: retry.reason, hint: retry.hint, firstFailedAt: retry.firstFailedAt,
            attempts: retry.attempts)
    }

    /// A failed step of no single record.
    private static func failure(of entry: TransferLogEntry) -> DigestFailure {
        DigestFailure(
            entity: entry.entity.rawValue, side: nil, sourceID: nil, rule: entry.rule,
            reason: entry.reason ?? "failed", hint: entry.hint, firstFailedAt: entry.time)
    }
}
