import Foundation
import SyncCore
import Synchronization

/// An in-memory ``SyncStateStore`` that keeps the protocol's documented semantics exactly: links unique
/// per (entity, pmID) and (entity, accountingID), the retry queue keyed by (entity, side, sourceID) with
/// attempts counted, an append-only log with increasing sequence numbers, atomic commits.
///
/// Faults can be injected: a commit that fails (nothing of it applied), failing intent recording.
final class InMemoryStateStore: SyncStateStore {
    private struct LinkKey: Hashable {
        var entity: EntityKind
        var side: SystemSide
        var id: String
    }

    private struct RetryKey: Hashable {
        var entity: EntityKind
        var side: SystemSide
        var sourceID: String
    }

    private struct State {
        var runs: [Int64: SyncRun] = [:]
        var nextRunID: Int64 = 1
        /// Links by (entity, pmID).
        var links: [LinkKey: RecordLink] = [:]
        /// (entity, accounting, accountingID) → pmID.
        var accountingIndex: [LinkKey: String] = [:]
        var cursors: [LinkKey: ChangeCursor] = [:]
        var intents: [Int64: WriteIntent] = [:]
        var nextIntentID: Int64 = 1
        var retries: [RetryKey: PendingRetry] = [:]
        var retryOrder: [RetryKey: Int] = [:]
        var nextRetryOrder = 0
        var log: [TransferLogEntry] = []
        var settings: [String: String] = [:]
        /// Invoice transfers by Severa id, generations in order.
        var transfers: [String: [InvoiceTransfer]] = [:]
        var attachments: [String: AttachmentTransfer] = [:]
        var notes: Set<LoggedNote> = []
        var commitCount = 0
        var failCommit: (@Sendable (StateCommit) -> Bool)?
        var failIntents = false
    }

    private let state = Mutex(State())
    private let path = "memory"

    init() {}

    // MARK: Test controls

    /// Makes the next commit for which `predicate` holds fail (nothing of it is applied).
    func failNextCommit(where predicate: @escaping @Sendable (StateCommit) -> Bool) {
        state.withLock { $0.failCommit = predicate }
    }

    /// Makes `recordIntents` fail.
    func failIntentRecording(_ fail: Bool) {
        state.withLock { $0.failIntents = fail }
    }

    /// Every log entry, oldest first.
    var log: [TransferLogEntry] { state.withLock { $0.log } }

    /// Every link of `entity`.
    func allLinks(entity: EntityKind) -> [RecordLink] {
        state.withLock { state in state.links.values.filter { $0.entity == entity }.sorted { $0.pmID < $1.pmID } }
    }

    /// How many commits were applied.
    var commitCount: Int { state.withLock { $0.commitCount } }

    // MARK: SyncStateStore

    func startRun(kind: RunKind, at time: Date) throws(StateStoreError) -> Int64 {
        state.withLock { state in
            let id = state.nextRunID
            state.nextRunID += 1
            state.runs[id] = SyncRun(id: id, kind: kind, startedAt: time)
            return id
        }
    }

    func finishRun(id: Int64, at time: Date, summary: RunSummary, exitCode: Int32) throws(StateStoreError) {
        state.withLock { state in
            state.runs[id]?.finishedAt = time
            state.runs[id]?.summary = summary
            state.runs[id]?.exitCode = exitCode
        }
    }

    func recentRuns(limit: Int) throws(StateStoreError) -> [SyncRun] {
        state.withLock { state in Array(state.runs.values.sorted { $0.id > $1.id }.prefix(limit)) }
    }

    func links(entity: EntityKind, side: SystemSide, ids: [String]) throws(StateStoreError) -> [String: RecordLink] {
        state.withLock { state in
            var found: [String: RecordLink] = [:]
            for id in ids {
                let pmID =
                    side == .projectManagement
                    ? id : state.accountingIndex[LinkKey(entity: entity, side: .accounting, id: id)]
                if let pmID, let link = state.links[LinkKey(entity: entity, side: .projectManagement, id: pmID)] {
                    found[id] = link
                }
            }
            return found
        }
    }

    func links(entity: EntityKind, naturalKeys: [String]) throws(StateStoreError) -> [String: RecordLink] {
        let wanted = Set(naturalKeys)
        return state.withLock { state in
            var found: [String: RecordLink] = [:]
            for link in state.links.values where link.entity == entity && wanted.contains(link.naturalKey) {
                found[link.naturalKey] = link
            }
            return found
        }
    }

    func linkCount(entity: EntityKind) throws(StateStoreError) -> Int {
        state.withLock { state in state.links.values.filter { $0.entity == entity }.count }
    }

    func cursor(side: SystemSide, entity: EntityKind) throws(StateStoreError) -> ChangeCursor? {
        state.withLock { $0.cursors[LinkKey(entity: entity, side: side, id: "")] }
    }

    func recordIntents(_ intents: [WriteIntent]) throws(StateStoreError) -> [WriteIntent] {
        let result = state.withLock { state -> [WriteIntent]? in
            if state.failIntents { return nil }
            return intents.map { intent in
                var recorded = intent
                recorded.id = state.nextIntentID
                state.nextIntentID += 1
                state.intents[recorded.id] = recorded
                return recorded
            }
        }
        guard let result else { throw StateStoreError(kind: .failed, path: path, message: "disk full (injected)") }
        return result
    }

    func openIntents() throws(StateStoreError) -> [WriteIntent] {
        state.withLock { state in state.intents.values.sorted { $0.id < $1.id } }
    }

    func pendingRetries(entity: EntityKind) throws(StateStoreError) -> [PendingRetry] {
        state.withLock { state in
            state.retries.filter { $0.key.entity == entity }
                .sorted {
                    ($0.value.firstFailedAt, state.retryOrder[$0.key] ?? 0) < (
                        $1.value.firstFailedAt, state.retryOrder[$1.key] ?? 0
                    )
                }
                .map(\.value)
        }
    }

    func commit(_ commit: StateCommit) throws(StateStoreError) {
        let applied = state.withLock { state -> Bool in
            if let fail = state.failCommit, fail(commit) {
                state.failCommit = nil
                return false
            }
            // Applying cannot fail part way, so applying in place is atomic.
            Self.apply(commit, to: &state)
            return true
        }
        guard applied else { throw StateStoreError(kind: .failed, path: path, message: "commit failed (injected)") }
    }

    func transferLog(matching query: TransferLogQuery) throws(StateStoreError) -> [TransferLogEntry] {
        state.withLock { state in
            let matching = state.log.filter { entry in
                (query.runID == nil || entry.runID == query.runID)
                    && (query.entity == nil || entry.entity == query.entity)
                    && (query.actions.isEmpty || query.actions.contains(entry.action))
                    && (query.recordID == nil
                        || [entry.pmID, entry.accountingID, entry.naturalKey].contains(query.recordID))
                    && (query.since.map { entry.time >= $0 } ?? true) && (query.until.map { entry.time < $0 } ?? true)
            }
            return Array(matching.suffix(query.limit))
        }
    }

    func invoiceTransfers(severaIDs: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        state.withLock { state in
            var found: [String: InvoiceTransfer] = [:]
            for id in severaIDs { found[id] = state.transfers[id]?.last }
            return found
        }
    }

    func invoiceTransfers(fortnoxNumbers: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        let wanted = Set(fortnoxNumbers)
        return state.withLock { state in
            var found: [String: InvoiceTransfer] = [:]
            for transfer in state.transfers.values.joined() {
                if let number = transfer.fortnoxNumber, wanted.contains(number) { found[number] = transfer }
            }
            return found
        }
    }

    func invoiceTransfers(creditedNumbers: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        let wanted = Set(creditedNumbers)
        return state.withLock { state in
            var found: [String: InvoiceTransfer] = [:]
            for transfer in state.transfers.values.joined() {
                if let number = transfer.creditedNumber, wanted.contains(number) { found[number] = transfer }
            }
            return found
        }
    }

    func invoiceTransfersAwaitingStatusMove() throws(StateStoreError) -> [InvoiceTransfer] {
        state.withLock { state in
            state.transfers.values.joined().filter { $0.stage == .created && $0.supersededAt == nil }
                .sorted { ($0.createdAt, $0.severaID) < ($1.createdAt, $1.severaID) }
        }
    }

    func unpaidInvoiceNumbers() throws(StateStoreError) -> Set<String> {
        state.withLock { state in
            Set(
                state.transfers.values.joined().compactMap { transfer in
                    transfer.kind == .invoice && transfer.supersededAt == nil && transfer.paidOutcome == nil
                        ? transfer.fortnoxNumber : nil
                })
        }
    }

    func attachmentTransfers(severaID: String, generation: Int) throws(StateStoreError) -> [AttachmentTransfer] {
        state.withLock { state in
            state.attachments.values.filter { $0.severaID == severaID && $0.generation == generation }
                .sorted { $0.fileID < $1.fileID }
        }
    }

    func loggedNotes(entity: EntityKind, note: String, sourceIDs: [String]) throws(StateStoreError) -> Set<String> {
        state.withLock { state in
            Set(sourceIDs.filter { state.notes.contains(LoggedNote(entity: entity, sourceID: $0, note: note)) })
        }
    }

    func setting(_ key: String) throws(StateStoreError) -> String? {
        state.withLock { $0.settings[key] }
    }

    func setSetting(_ key: String, to value: String?) throws(StateStoreError) {
        state.withLock { $0.settings[key] = value }
    }

    // MARK: Commit semantics

    private static func apply(_ commit: StateCommit, to state: inout State) {
        state.commitCount += 1
        for link in commit.links {
            let pmKey = LinkKey(entity: link.entity, side: .projectManagement, id: link.pmID)
            let accountingKey = LinkKey(entity: link.entity, side: .accounting, id: link.accountingID)
            if let old = state.links[pmKey] {
                state.accountingIndex[LinkKey(entity: link.entity, side: .accounting, id: old.accountingID)] = nil
            }
            if let oldPM = state.accountingIndex[accountingKey] {
                state.links[LinkKey(entity: link.entity, side: .projectManagement, id: oldPM)] = nil
            }
            state.links[pmKey] = link
            state.accountingIndex[accountingKey] = link.pmID
        }
        for id in commit.closedIntents {
            state.intents[id] = nil
        }
        for var entry in commit.logEntries {
            entry.sequence = Int64(state.log.count + 1)
            state.log.append(entry)
        }
        for failure in commit.failures {
            let key = RetryKey(entity: failure.entity, side: failure.side, sourceID: failure.sourceID)
            if var existing = state.retries[key] {
                existing.lastFailedAt = failure.lastFailedAt
                existing.reason = failure.reason
                existing.attempts += 1
                existing.naturalKey = failure.naturalKey ?? existing.naturalKey
                state.retries[key] = existing
            } else {
                state.retries[key] = failure
                state.retryOrder[key] = state.nextRetryOrder
                state.nextRetryOrder += 1
            }
        }
        for reference in commit.resolvedFailures {
            let key = RetryKey(entity: reference.entity, side: reference.side, sourceID: reference.id)
            state.retries[key] = nil
            state.retryOrder[key] = nil
        }
        for update in commit.cursors {
            state.cursors[LinkKey(entity: update.entity, side: update.side, id: "")] = update.cursor
        }
        for transfer in commit.invoiceTransfers {
            var generations = state.transfers[transfer.severaID] ?? []
            generations.removeAll { $0.generation == transfer.generation }
            generations.append(transfer)
            state.transfers[transfer.severaID] = generations.sorted { $0.generation < $1.generation }
        }
        for attachment in commit.attachments {
            state.attachments["\(attachment.severaID)/\(attachment.generation)/\(attachment.fileID)"] = attachment
        }
        state.notes.formUnion(commit.notes)
    }
}
