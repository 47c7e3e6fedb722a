public import Foundation

/// What a journalled write does.
public enum IntentOperation: String, Sendable, Hashable, Codable {
    case create
    case update
    /// Credit an accounting-side invoice (a full credit note, R4.4); `targetID` is the invoice credited.
    case credit
    /// Cancel an accounting-side invoice (a full credit note of an unbooked invoice); `targetID` likewise.
    case cancel
}

/// A journal entry written (and committed) before a remote write, closed after it.
///
/// An intent still open when a run starts means an earlier run died or lost the response
/// mid-write: the engine looks the record up on `target` by `naturalKey` before writing again, so
/// nothing is created twice (R4.4).
public struct WriteIntent: Sendable, Hashable {
    /// The store's id for the entry; `0` until recorded.
    public var id: Int64
    /// The run that opened it.
    public var runID: Int64
    /// The kind of record.
    public var entity: EntityKind
    /// The side being written to.
    public var target: SystemSide
    /// Create or update.
    public var operation: IntentOperation
    /// The natural key to look the record up by.
    public var naturalKey: String
    /// The record's id on the source side.
    public var sourceID: String
    /// The record's id on the target side (updates only).
    public var targetID: String?
    /// When the intent was opened.
    public var openedAt: Date
    /// What a lookup needs beyond the natural key (a fee's project number, R5.4), as text.
    public var payload: String?

    /// Creates an intent.
    public init(
        id: Int64 = 0, runID: Int64, entity: EntityKind, target: SystemSide, operation: IntentOperation,
        naturalKey: String, sourceID: String, targetID: String? = nil, openedAt: Date, payload: String? = nil
    ) {
        self.id = id
        self.runID = runID
        self.entity = entity
        self.target = target
        self.operation = operation
        self.naturalKey = naturalKey
        self.sourceID = sourceID
        self.targetID = targetID
        self.openedAt = openedAt
        self.payload = payload
    }
}
