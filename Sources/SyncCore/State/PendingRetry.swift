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
    /// The requirement behind the last failure, e.g. `R2.2`, from its log entry.
    public var rule: String?
    /// How to fix it, from the last failure's log entry.
    public var hint: String?
    /// The record's name, when its log entry had one.
    public var recordName: String?
    /// The record's id on the other side, when its log entry named one (a linked record).
    public var counterpartID: String?

    /// Creates an entry. The state store fills ``rule``, ``hint``, ``recordName`` and ``counterpartID``
    /// from the failure's log entry in the same commit when they are not given.
    public init(
        entity: EntityKind, side: SystemSide, sourceID: String, naturalKey: String?, reason: String,
        firstFailedAt: Date, lastFailedAt: Date, attempts: Int, rule: String? = nil, hint: String? = nil,
        recordName: String? = nil, counterpartID: String? = nil
    ) {
        self.entity = entity
        self.side = side
        self.sourceID = sourceID
        self.naturalKey = naturalKey
        self.reason = reason
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
        self.attempts = attempts
        self.rule = rule
        self.hint = hint
        self.recordName = recordName
        self.counterpartID = counterpartID
    }
}

extension PendingRetry {
    /// Whether `brygga retry --record recordID` selects this item: its id or natural key equals
    /// `recordID`, or its name does ignoring the case of ASCII letters (as `brygga log --record`
    /// matches); every item when `recordID` is `nil`.
    public func matches(recordID: String?) -> Bool {
        guard let recordID else { return true }
        if sourceID == recordID || naturalKey == recordID { return true }
        return recordName.map { $0.lowercasedASCII == recordID.lowercasedASCII } ?? false
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

extension String {
    /// The string with ASCII letters lowered and every other character kept: SQLite's `NOCASE`.
    var lowercasedASCII: String {
        String(
            decoding: utf8.map { byte in (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }, as: UTF8.self)
    }
}
