import Foundation
import JSONSupport
import SandboxKit

/// The fields of one Severa model, in output order (sorted by name, as ``JSONSupport/JSONSerializer``
/// sorts), with the lookups that input decoding and rendering need precomputed.
///
/// A class so that handing a schema around costs one reference count, not one per member.
final class RecordSchema: Sendable {
    /// How the renderer treats a field, precomputed so the hot loop does not copy ``FieldSpec``s.
    enum Step: UInt8, Sendable {
        case packed
        case reference
        case other
    }

    /// The fields sorted by name.
    let fields: [FieldSpec]
    /// `"name":` as bytes for each field, so rendering writes keys without escaping them again.
    let keyBytes: [[UInt8]]
    /// The JSON of each field's absent value.
    let absentBytes: [[UInt8]]
    /// The render step of each field.
    let steps: [Step]
    private let indexByLowercasedName: [String: Int]
    private let indexByName: [String: Int]

    /// Creates a schema; at most 254 fields (field indices are stored in one byte).
    init(_ specs: [FieldSpec]) {
        precondition(specs.count < 255, "a schema holds at most 254 fields")
        let sorted = specs.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.fields = sorted
        self.keyBytes = sorted.map { Array("\"\($0.name)\":".utf8) }
        self.absentBytes = sorted.map { StoredValue.encode($0.absentValue) }
        self.steps = sorted.map { field in
            switch field.kind {
            case .reference: .reference
            case .guid, .createdDateTime, .lastUpdatedDateTime, .auditUser, .owner, .ownerGuid, .computed, .rendered,
                .foreignReference, .derivedReference:
                .other
            default: .packed
            }
        }
        var lowered: [String: Int] = [:]
        var exact: [String: Int] = [:]
        for (index, field) in sorted.enumerated() {
            lowered[field.name.lowercased()] = index
            exact[field.name] = index
        }
        self.indexByLowercasedName = lowered
        self.indexByName = exact
    }

    /// The index of the field called exactly `name`.
    func index(of name: String) -> Int? {
        indexByName[name]
    }

    /// The index of the field whose name equals `name` ignoring case (.NET model binding).
    func index(matching name: String) -> Int? {
        indexByName[name] ?? indexByLowercasedName[name.lowercased()]
    }

    /// The value stored for field `index` as a ``JSONValue`` (a reference as its guid string).
    func decode(_ index: Int, _ bytes: ArraySlice<UInt8>) -> JSONValue? {
        if steps[index] == .reference {
            return StoredValue.rawGUID(bytes).map { .string(SeveraGUID.string($0)) }
        }
        return StoredValue.decode(bytes)
    }

    /// The bytes to store for field `index`: a reference as its 16 raw bytes, anything else as JSON.
    func encode(_ index: Int, _ value: JSONValue) -> [UInt8] {
        if steps[index] == .reference, let guid = value.stringValue.flatMap(SeveraGUID.parse) {
            return withUnsafeBytes(of: guid.uuid) { Array($0) }
        }
        return StoredValue.encode(value)
    }
}
