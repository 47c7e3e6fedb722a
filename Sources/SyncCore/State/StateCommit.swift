public import Foundation

/// Everything that becomes durable together after a batch of remote writes: one SQLite transaction.
///
/// Committing links, log entries, intent closures, retry-queue changes and cursors atomically is
/// what makes a crash at any point safe: either the batch is recorded in full, or its intents are
/// still open and the next run looks the records up before writing again.
///
/// The store keeps the log readable for years (O4): a `failed` entry for a record whose queued failure
/// has the same reason is not appended again (the failure's attempts are counted), a `skipped` entry
/// equal to the record's newest entry is not appended again, and a record leaving the queue with no
/// entry of its own in the commit gets a `resolved` entry.
public struct StateCommit: Sendable {
    /// Links to insert or replace (keyed by entity and either id).
    public var links: [RecordLink] = []
    /// Journal entries to close.
    public var closedIntents: [Int64] = []
    /// Transfer-log entries to append.
    public var logEntries: [TransferLogEntry] = []
    /// Failed records to queue for retry (an existing entry gets its reason, time and attempts updated).
    public var failures: [PendingRetry] = []
    /// Records that succeeded and leave the retry queue.
    public var resolvedFailures: [RecordReference] = []
    /// Cursors to store.
    public var cursors: [CursorUpdate] = []
    /// Invoice transfers to insert or replace, keyed by Severa id and generation (R4, R6).
    public var invoiceTransfers: [InvoiceTransfer] = []
    /// Attachment states to insert or replace (R4.3).
    public var attachments: [AttachmentTransfer] = []
    /// Decisions logged once, to remember.
    public var notes: [LoggedNote] = []
    /// The run that makes the commit and the time it does so, for the entries the store writes itself
    /// (a record's resolution, O4); without them the store writes none.
    public var run: (id: Int64, time: Date)?

    /// Creates an empty commit.
    public init() {}

    /// Whether there is nothing to commit.
    public var isEmpty: Bool {
        links.isEmpty && closedIntents.isEmpty && logEntries.isEmpty && failures.isEmpty && resolvedFailures.isEmpty
            && cursors.isEmpty && invoiceTransfers.isEmpty && attachments.isEmpty && notes.isEmpty
    }
}

/// A cursor to store for one side and entity.
public struct CursorUpdate: Sendable, Hashable {
    /// The side whose change feed the cursor belongs to.
    public var side: SystemSide
    /// The kind of record.
    public var entity: EntityKind
    /// The new cursor.
    public var cursor: ChangeCursor

    /// Creates an update.
    public init(side: SystemSide, entity: EntityKind, cursor: ChangeCursor) {
        self.side = side
        self.entity = entity
        self.cursor = cursor
    }
}
