import Foundation
import SandboxKit

/// One stored record: identity, audit instants, the parent it belongs to and its packed values.
///
/// `createdBy` / `lastUpdatedBy` are not stored: every write through the emulator is made by the
/// organisation's API user, which is rendered from the users table. The layout keeps a record at 72
/// bytes plus its packed values.
struct StoredRecord: Sendable {
    /// `createdDateTime` in milliseconds since 1970.
    var createdAt: Int64
    /// `lastUpdatedDateTime` in milliseconds since 1970; what `changedSince` compares.
    var updatedAt: Int64
    /// The values.
    var fields: PackedFields
    /// The record's id.
    var guid: UUID
    /// The record it belongs to: the customer of an address or contact, the invoice of a row or file,
    /// the project of a fee. `nil` for top-level records.
    var owner: UUID?
    /// The position of the next record with the same owner (creation order), or -1.
    var nextSibling: Int32 = -1
    /// Whether the record was deleted; its slot stays so page tokens keep their positions.
    var isDeleted = false

    /// Creates a live record.
    init(guid: UUID, owner: UUID?, createdAt: Int64, updatedAt: Int64, fields: PackedFields) {
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.fields = fields
        self.guid = guid
        self.owner = owner
    }
}
