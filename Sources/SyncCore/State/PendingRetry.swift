public import Foundation

/// A record whose transfer failed and is retried on later runs until it succeeds (O3, O6).
///
/// The cursor may move past a failed record; this queue is what guarantees it is not lost.
public struct PendingRetry: Sendable, Hashable {
    /// The kind of record.
    public var entity: EntityKind
    /// The side the record is read from.
    public var side: SystemSide
    /// The record's id on that side.
    public var sourceID: String
    /// The natural key, when known.
    public var naturalKey: String?
    /// The last failure's reason.
    public var reason: String
    /// When it first failed.
    public var firstFailedAt: Date
    /// When it last failed.
    public var lastFailedAt: Date
    /// How many times it failed.
    public var attempts: Int

    /// Creates an entry.
    public init(
        entity: EntityKind, side: SystemSide, sourceID: String, naturalKey: String?, reason: String,
        firstFailedAt: Date, lastFailedAt: Date, attempts: Int
    ) {
        self.entity = entity
        self.side = side
        self.sourceID = sourceID
        self.naturalKey = naturalKey
        self.reason = reason
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
        self.attempts = attempts
    }
}

extension PendingRetry {
    /// Whether `brygga retry --record recordID` selects this item: its id or natural key equals
    /// `recordID`; every item when `recordID` is `nil`.
    public func matches(recordID: String?) -> Bool {
        recordID == nil || sourceID == recordID || naturalKey == recordID
    }
}

/// Identifies a record on one side: what the retry queue is keyed by.
public struct RecordReference: Sendable, Hashable {
    /// The kind of record.
    public var entity: EntityKind
    /// The side.
    public var side: SystemSide
    /// The id on that side.
    public var id: String

    /// Creates a reference.
    public init(entity: EntityKind, side: SystemSide, id: String) {
        self.entity = entity
        self.side = side
        self.id = id
    }
}
