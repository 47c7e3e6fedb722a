public import Foundation
public import JSONSupport

/// A pair of records known to be the same on both sides, with both as they were last synced.
///
/// The snapshots are the canonical JSON of each side's record right after the last sync (our own
/// write's response, or the record as read). They make echo suppression exact and allow the
/// field-by-field three-way compare.
public struct RecordLink: Sendable, Hashable {
    /// The kind of record.
    public var entity: EntityKind
    /// The record's id on the project-management side.
    public var pmID: String
    /// The record's id on the accounting side.
    public var accountingID: String
    /// The natural key at the last sync (number, code, reference).
    public var naturalKey: String
    /// The project-management record as last synced (canonical JSON object).
    public var pmSnapshot: JSONValue
    /// The accounting record as last synced (canonical JSON object).
    public var accountingSnapshot: JSONValue
    /// The project-management side's version stamp at the last sync, when it gives one.
    public var pmVersion: String?
    /// When the pair was last synced.
    public var syncedAt: Date

    /// Creates a link.
    public init(
        entity: EntityKind, pmID: String, accountingID: String, naturalKey: String, pmSnapshot: JSONValue,
        accountingSnapshot: JSONValue, pmVersion: String? = nil, syncedAt: Date
    ) {
        self.entity = entity
        self.pmID = pmID
        self.accountingID = accountingID
        self.naturalKey = naturalKey
        self.pmSnapshot = pmSnapshot
        self.accountingSnapshot = accountingSnapshot
        self.pmVersion = pmVersion
        self.syncedAt = syncedAt
    }

    /// The id on `side`.
    public func id(on side: SystemSide) -> String {
        side == .projectManagement ? pmID : accountingID
    }

    /// The snapshot of `side`.
    public func snapshot(on side: SystemSide) -> JSONValue {
        side == .projectManagement ? pmSnapshot : accountingSnapshot
    }
}
