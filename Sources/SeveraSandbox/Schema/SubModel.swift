import JSONSupport
import SandboxKit

/// Where a sub-model field takes its value from in the referenced record.
enum SubFieldSource: Sendable {
    /// The referenced record's id.
    case guid
    /// A field of the referenced record, by name.
    case field(String)
    /// `firstName lastName` of a user or contact.
    case fullName
    /// Derived from the referenced record and the store.
    case computed(@Sendable (StoredRecord, SeveraStore) -> JSONValue)
}

/// The small model Severa nests for a reference, e.g. `{"guid","name","number"}` for a customer.
struct SubModel: Sendable {
    /// The fields, sorted by name so output is byte-stable.
    let fields: [(name: String, source: SubFieldSource)]
    /// Tells sub-models apart in the ``RenderCache`` (a digest of the field names).
    let signature: Int

    /// Creates a sub-model from its fields.
    init(_ fields: [(String, SubFieldSource)]) {
        self.fields = fields.map { (name: $0.0, source: $0.1) }.sorted {
            $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
        }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in self.fields.map(\.name).joined(separator: ",").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        self.signature = Int(truncatingIfNeeded: hash)
    }

    /// A sub-model whose fields are `guid` plus fields copied by name.
    static func copying(_ names: String...) -> SubModel {
        SubModel([("guid", .guid)] + names.map { ($0, .field($0)) })
    }

    /// `{"guid","name"}` (`ModelWithName`).
    static let named = copying("name")
}

/// A reference field: what it points to and how it is shown.
struct ReferenceSpec: Sendable {
    /// The kind of the referenced record.
    let target: SeveraKind
    /// How the referenced record is shown in output.
    let subModel: SubModel
}
