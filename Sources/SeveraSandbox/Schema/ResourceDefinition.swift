import Foundation
import JSONSupport
import SandboxKit

/// What a write is doing: the hooks of a ``ResourceDefinition`` behave differently for each.
enum WriteMode: Sendable {
    /// `POST` through the API.
    case create
    /// ``SeveraEmulator/seed(_:_:)``: like create, but seed-only fields (explicit numbers, invoice
    /// statuses of seeded invoices) are accepted.
    case seed
    /// `PATCH` of the given record.
    case update(StoredRecord)

    /// Whether a new record is being made.
    var isCreate: Bool {
        if case .update = self { return false }
        return true
    }

    /// The record being patched.
    var existing: StoredRecord? {
        if case .update(let record) = self { return record }
        return nil
    }
}

/// The rules of one kind of record beyond its field list: defaults that depend on other records,
/// uniqueness, derived values, and what a write or delete does to other records.
///
/// A class so that looking a definition up costs one reference count.
final class ResourceDefinition: Sendable {
    /// Checks and completes a draft after its fields were decoded (defaults, references, numbers).
    typealias Finish = @Sendable (inout RecordDraft, SeveraStore) throws(SeveraAPIError) -> Void
    /// Side effects of a committed write on other records (totals, numbers, back references).
    typealias AfterWrite = @Sendable (inout SeveraStore, _ position: Int, _ mode: WriteMode) -> Void
    /// Whether a record may be deleted.
    typealias CheckDelete = @Sendable (StoredRecord, SeveraStore) throws(SeveraAPIError) -> Void
    /// Side effects of a delete (made at `now`, milliseconds since 1970) on other records.
    typealias AfterDelete = @Sendable (inout SeveraStore, StoredRecord, _ now: Int64) -> Void

    /// The kind.
    let kind: SeveraKind
    /// The model's fields.
    let schema: RecordSchema
    /// The field holding a unique integer number (customer, project and invoice numbers).
    let numberField: String?
    /// When set, create assigns the next free number (at least this) when the input has none.
    let numberFloor: Int64?
    /// The body member naming the owning record on create (`customer` of a contact person), when the
    /// owner is not given by the route.
    let ownerField: (name: String, kind: SeveraKind)?
    /// See ``Finish``.
    let finish: Finish
    /// See ``AfterWrite``.
    let afterWrite: AfterWrite
    /// See ``CheckDelete``.
    let checkDelete: CheckDelete
    /// See ``AfterDelete``.
    let afterDelete: AfterDelete

    /// Creates a definition; only `kind` and `schema` are needed.
    init(
        kind: SeveraKind, schema: RecordSchema, numberField: String? = nil, numberFloor: Int64? = nil,
        ownerField: (name: String, kind: SeveraKind)? = nil,
        finish: @escaping Finish = { _, _ throws(SeveraAPIError) in },
        afterWrite: @escaping AfterWrite = { _, _, _ in },
        checkDelete: @escaping CheckDelete = { _, _ throws(SeveraAPIError) in },
        afterDelete: @escaping AfterDelete = { _, _, _ in }
    ) {
        self.kind = kind
        self.schema = schema
        self.numberField = numberField
        self.numberFloor = numberFloor
        self.ownerField = ownerField
        self.finish = finish
        self.afterWrite = afterWrite
        self.checkDelete = checkDelete
        self.afterDelete = afterDelete
    }
}
