import Foundation
import SyncCore
import Synchronization

/// A state store that loses the first commit carrying new links, as a process killed between a remote
/// create and the local commit would (O3): the remote record exists, its link and log entry do not.
///
/// Everything else is passed to the wrapped store; after the one lost commit it behaves like that store.
final class CrashingStateStore: SyncStateStore {
    private let wrapped: any SyncStateStore
    private let armed = Mutex(true)

    /// Wraps `store`.
    init(wrapping store: any SyncStateStore) {
        self.wrapped = store
    }

    /// Whether the crash already happened.
    var hasCrashed: Bool { !armed.withLock { $0 } }

    func commit(_ commit: StateCommit) throws(StateStoreError) {
        let crashes =
            !commit.links.isEmpty
            && armed.withLock { armed in
                defer { armed = false }
                return armed
            }
        if crashes {
            throw StateStoreError(kind: .failed, path: "scenario", message: "the process died before this commit")
        }
        try wrapped.commit(commit)
    }

    func startRun(kind: RunKind, at time: Date) throws(StateStoreError) -> Int64 {
        try wrapped.startRun(kind: kind, at: time)
    }

    func finishRun(id: Int64, at time: Date, summary: RunSummary, exitCode: Int32) throws(StateStoreError) {
        try wrapped.finishRun(id: id, at: time, summary: summary, exitCode: exitCode)
    }

    func recentRuns(limit: Int) throws(StateStoreError) -> [SyncRun] {
        try wrapped.recentRuns(limit: limit)
    }

    func links(entity: EntityKind, side: SystemSide, ids: [String]) throws(StateStoreError) -> [String: RecordLink] {
        try wrapped.links(entity: entity, side: side, ids: ids)
    }

    func links(entity: EntityKind, naturalKeys: [String]) throws(StateStoreError) -> [String: RecordLink] {
        try wrapped.links(entity: entity, naturalKeys: naturalKeys)
    }

    func linkCount(entity: EntityKind) throws(StateStoreError) -> Int {
        try wrapped.linkCount(entity: entity)
    }

    func cursor(side: SystemSide, entity: EntityKind) throws(StateStoreError) -> ChangeCursor? {
        try wrapped.cursor(side: side, entity: entity)
    }

    func recordIntents(_ intents: [WriteIntent]) throws(StateStoreError) -> [WriteIntent] {
        try wrapped.recordIntents(intents)
    }

    func openIntents() throws(StateStoreError) -> [WriteIntent] {
        try wrapped.openIntents()
    }

    func pendingRetries(entity: EntityKind) throws(StateStoreError) -> [PendingRetry] {
        try wrapped.pendingRetries(entity: entity)
    }

    func transferLog(matching query: TransferLogQuery) throws(StateStoreError) -> [TransferLogEntry] {
        try wrapped.transferLog(matching: query)
    }

    func invoiceTransfers(severaIDs: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        try wrapped.invoiceTransfers(severaIDs: severaIDs)
    }

    func invoiceTransfers(fortnoxNumbers: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        try wrapped.invoiceTransfers(fortnoxNumbers: fortnoxNumbers)
    }

    func invoiceTransfers(creditedNumbers: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        try wrapped.invoiceTransfers(creditedNumbers: creditedNumbers)
    }

    func invoiceTransfersAwaitingStatusMove() throws(StateStoreError) -> [InvoiceTransfer] {
        try wrapped.invoiceTransfersAwaitingStatusMove()
    }

    func unpaidInvoiceNumbers() throws(StateStoreError) -> Set<String> {
        try wrapped.unpaidInvoiceNumbers()
    }

    func attachmentTransfers(severaID: String, generation: Int) throws(StateStoreError) -> [AttachmentTransfer] {
        try wrapped.attachmentTransfers(severaID: severaID, generation: generation)
    }

    func loggedNotes(entity: EntityKind, note: String, sourceIDs: [String]) throws(StateStoreError) -> Set<String> {
        try wrapped.loggedNotes(entity: entity, note: note, sourceIDs: sourceIDs)
    }

    func setting(_ key: String) throws(StateStoreError) -> String? {
        try wrapped.setting(key)
    }

    func setSetting(_ key: String, to value: String?) throws(StateStoreError) {
        try wrapped.setSetting(key, to: value)
    }
}
