public import Foundation

/// The engine's durable state: links with snapshots, cursors, the intent journal, the retry queue,
/// the transfer log, runs and settings. `SyncStore` implements it with SQLite.
///
/// Every method is synchronous and safe to call from any thread; implementations serialize access.
///
/// Semantics every implementation keeps:
/// - A link is unique per (entity, pmID) and per (entity, accountingID). Committing a link replaces
///   every existing link of the entity that has the same pmID or the same accountingID.
/// - The retry queue is keyed by (entity, side, sourceID). Committing a failure for a key already
///   queued keeps its `firstFailedAt`, sets `lastFailedAt` and `reason` from the new entry and
///   increments `attempts` by one; a new key is stored as given.
/// - The transfer log is append-only: entries get increasing sequence numbers and are never
///   changed or deleted, also not when links are replaced (only `brygga log prune` removes old ones).
/// - The log may be kept small (O4; `SQLiteStateStore` does, test doubles need not): a `failed`
///   entry for a record whose queued failure has the same reason is counted as an attempt, not
///   appended; a `skipped` entry equal to the record's newest entry is not appended; a record that
///   leaves the queue without an entry of its own in the commit gets a `resolved` entry (when the
///   commit names its run). The run's counts still count every decision.
/// - `commit` is atomic: after a crash either all of a commit is visible or none of it.
/// - `recordIntents` is durable when it returns (the journal must be on disk before the remote write).
/// - An invoice transfer is keyed by (Severa id, generation); committing one replaces the stored row.
///   A transfer whose ``InvoiceTransfer/supersededAt`` is set is no longer current.
public protocol SyncStateStore: Sendable {
    /// Records the start of a run and returns its id.
    func startRun(kind: RunKind, at time: Date) throws(StateStoreError) -> Int64
    /// Records the end of run `id`.
    func finishRun(id: Int64, at time: Date, summary: RunSummary, exitCode: Int32) throws(StateStoreError)
    /// The most recent runs, newest first.
    func recentRuns(limit: Int) throws(StateStoreError) -> [SyncRun]

    /// The links of `entity` whose id on `side` is one of `ids`, keyed by that id.
    func links(entity: EntityKind, side: SystemSide, ids: [String]) throws(StateStoreError) -> [String: RecordLink]
    /// The links of `entity` whose natural key is one of `keys`, keyed by natural key.
    func links(entity: EntityKind, naturalKeys: [String]) throws(StateStoreError) -> [String: RecordLink]
    /// The number of links of `entity`.
    func linkCount(entity: EntityKind) throws(StateStoreError) -> Int

    /// The stored cursor of `side`'s change feed for `entity`.
    func cursor(side: SystemSide, entity: EntityKind) throws(StateStoreError) -> ChangeCursor?

    /// Records intents (committed before this returns) and returns them with their ids.
    func recordIntents(_ intents: [WriteIntent]) throws(StateStoreError) -> [WriteIntent]
    /// The intents not yet closed, oldest first.
    func openIntents() throws(StateStoreError) -> [WriteIntent]

    /// The retry queue for `entity`, oldest failure first.
    func pendingRetries(entity: EntityKind) throws(StateStoreError) -> [PendingRetry]

    /// Makes `commit` durable in one transaction.
    func commit(_ commit: StateCommit) throws(StateStoreError)

    /// The current (highest) generation of each Severa invoice in `severaIDs` that has one, by Severa id.
    func invoiceTransfers(severaIDs: [String]) throws(StateStoreError) -> [String: InvoiceTransfer]
    /// The transfers whose Fortnox invoice is one of `fortnoxNumbers`, by that number.
    func invoiceTransfers(fortnoxNumbers: [String]) throws(StateStoreError) -> [String: InvoiceTransfer]
    /// The credit-note transfers that credited or cancelled one of the Fortnox invoices
    /// `creditedNumbers`, by that number.
    func invoiceTransfers(creditedNumbers: [String]) throws(StateStoreError) -> [String: InvoiceTransfer]
    /// The current transfers whose Severa status move is not confirmed, oldest first.
    func invoiceTransfersAwaitingStatusMove() throws(StateStoreError) -> [InvoiceTransfer]
    /// The Fortnox numbers of current invoice transfers (not credit notes) whose paid state is not settled.
    func unpaidInvoiceNumbers() throws(StateStoreError) -> Set<String>
    /// The attachment states of generation `generation` of Severa invoice `severaID`.
    func attachmentTransfers(severaID: String, generation: Int) throws(StateStoreError) -> [AttachmentTransfer]
    /// Which of `sourceIDs` (of `entity`) have note `note` logged already.
    func loggedNotes(entity: EntityKind, note: String, sourceIDs: [String]) throws(StateStoreError) -> Set<String>

    /// Transfer-log entries matching `query`, oldest first.
    func transferLog(matching query: TransferLogQuery) throws(StateStoreError) -> [TransferLogEntry]

    /// The value of setting `key` (e.g. `enabled`).
    func setting(_ key: String) throws(StateStoreError) -> String?
    /// Sets or (with `nil`) removes setting `key`.
    func setSetting(_ key: String, to value: String?) throws(StateStoreError)
}
