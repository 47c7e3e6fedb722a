import Foundation
import JSONSupport
import SandboxKit

/// Appends a field's JSON for a record; the cache holds sub-models already written in this response.
typealias RenderFunction = @Sendable (StoredRecord, SeveraStore, inout RenderCache, inout [UInt8]) -> Void

/// How a field's value is read from input and written to output.
enum FieldKind: Sendable {
    /// A string, optionally limited in length.
    case string(maxLength: Int?)
    /// `true` / `false`.
    case boolean
    /// An integer that fits in 32 bits.
    case int32
    /// An integer that fits in 64 bits.
    case int64
    /// Any JSON number, kept as its literal (money amounts, quantities, VAT rates).
    case decimal
    /// A calendar date `YYYY-MM-DD`.
    case date
    /// An instant, ISO-8601.
    case dateTime
    /// One of a fixed set of strings (matched ignoring case, stored in canonical case).
    case enumeration([String])
    /// `{"amount": number|null, "currencyCode": "SEK"}` (`MoneyInputModelWithNullableAmount`).
    case money
    /// An array of strings.
    case strings
    /// A reference to another record: input `{"guid"}`, output the target's sub-model, rendered live.
    case reference(ReferenceSpec)
    /// A value the server builds (stored verbatim, never read from input except by seeds).
    case stored
    /// An object taken from input as it is and checked by the kind's ``ResourceDefinition/finish``
    /// (a project's `projectStatus`, an invoice row's accounting sub-models).
    case structured
    /// A reference to something the emulator does not hold (industries, price lists, templates): only
    /// `null` is accepted, any guid is unknown. Always `null` on output.
    case foreignReference(String)
    /// The record's own id.
    case guid
    /// `createdDateTime`.
    case createdDateTime
    /// `lastUpdatedDateTime`.
    case lastUpdatedDateTime
    /// `createdBy` / `lastUpdatedBy`: the organisation's API user.
    case auditUser
    /// The owning record rendered as a sub-model (an address's `customer`).
    case owner(ReferenceSpec)
    /// The owning record's id as a plain string (an invoice row's `invoiceGuid`).
    case ownerGuid
    /// A reference derived on output (a project fee's `customer` is its project's customer).
    case derivedReference(ReferenceSpec, @Sendable (StoredRecord, SeveraStore) -> UUID?)
    /// A value written directly as JSON bytes on output (hot fields of listed records).
    case rendered(RenderFunction)
    /// A value derived on output from the record and the rest of the store.
    case computed(@Sendable (StoredRecord, SeveraStore) -> JSONValue)

    /// Whether values of this kind live in the record's packed fields.
    var isPacked: Bool {
        switch self {
        case .guid, .createdDateTime, .lastUpdatedDateTime, .auditUser, .owner, .ownerGuid, .computed, .rendered,
            .foreignReference, .derivedReference:
            false
        default: true
        }
    }
}

/// Who may set a field.
enum FieldAccess: Sendable {
    /// POST and PATCH.
    case writable
    /// POST only; a PATCH of it is rejected.
    case createOnly
    /// Only ``SeveraEmulator/seed(_:_:)`` (and the server itself); ignored in API input.
    case seedOnly
    /// Only the server.
    case readOnly
}

/// One field of a Severa model.
struct FieldSpec: Sendable {
    /// The JSON name, e.g. `vatNumber`.
    let name: String
    /// How the value is read and written.
    let kind: FieldKind
    /// Who may set it.
    var access: FieldAccess = .writable
    /// Whether create needs a non-null (and for strings non-blank) value.
    var required = false
    /// Whether `null` is accepted on input (non-nullable .NET value types reject it).
    var nullable = true
    /// The value given on create when the input leaves the field out.
    var defaultValue: JSONValue?
    /// What the output shows when nothing is stored; a value equal to it is not stored.
    var absentValue: JSONValue = .null

    /// A nullable string.
    static func text(_ name: String, required: Bool = false, maxLength: Int? = nil, access: FieldAccess = .writable)
        -> FieldSpec
    {
        FieldSpec(name: name, kind: .string(maxLength: maxLength), access: access, required: required)
    }

    /// A non-nullable boolean that reads `false` unless set; `defaultValue` applies on create.
    static func flag(_ name: String, default value: Bool = false, access: FieldAccess = .writable) -> FieldSpec {
        FieldSpec(
            name: name, kind: .boolean, access: access, nullable: false, defaultValue: .bool(value),
            absentValue: .bool(false))
    }

    /// A nullable boolean.
    static func optionalFlag(_ name: String, default value: Bool? = nil) -> FieldSpec {
        FieldSpec(name: name, kind: .boolean, defaultValue: value.map(JSONValue.bool))
    }

    /// A number (nullable unless `absent` gives the value shown when unset).
    static func number(_ name: String, absent: JSONValue = .null, access: FieldAccess = .writable) -> FieldSpec {
        FieldSpec(name: name, kind: .decimal, access: access, nullable: absent.isNull, absentValue: absent)
    }

    /// A reference to a record of `target`, rendered as `subModel`.
    static func reference(
        _ name: String, to target: SeveraKind, _ subModel: SubModel, required: Bool = false,
        access: FieldAccess = .writable
    ) -> FieldSpec {
        FieldSpec(
            name: name, kind: .reference(ReferenceSpec(target: target, subModel: subModel)), access: access,
            required: required)
    }

    /// A reference to something the emulator does not hold; see ``FieldKind/foreignReference(_:)``.
    static func foreign(_ name: String, _ what: String) -> FieldSpec {
        FieldSpec(name: name, kind: .foreignReference(what))
    }

    /// A server-built value that seeds may set.
    static func stored(_ name: String, access: FieldAccess = .readOnly) -> FieldSpec {
        FieldSpec(name: name, kind: .stored, access: access)
    }

    /// An integer (nullable unless `absent` gives the value shown when unset).
    static func integer(_ name: String, bits32: Bool = true, absent: JSONValue = .null, access: FieldAccess = .writable)
        -> FieldSpec
    {
        FieldSpec(
            name: name, kind: bits32 ? .int32 : .int64, access: access, nullable: absent.isNull, absentValue: absent)
    }

    /// A calendar date.
    static func date(_ name: String, access: FieldAccess = .writable) -> FieldSpec {
        FieldSpec(name: name, kind: .date, access: access)
    }

    /// A money value.
    static func money(_ name: String, required: Bool = false, access: FieldAccess = .writable) -> FieldSpec {
        FieldSpec(name: name, kind: .money, access: access, required: required)
    }

    /// An enumeration value.
    static func choice(
        _ name: String, _ cases: [String], required: Bool = false, absent: JSONValue = .null,
        access: FieldAccess = .writable
    ) -> FieldSpec {
        FieldSpec(
            name: name, kind: .enumeration(cases), access: access, required: required, nullable: absent.isNull,
            absentValue: absent)
    }

    /// A value derived on output.
    static func computed(_ name: String, _ compute: @escaping @Sendable (StoredRecord, SeveraStore) -> JSONValue)
        -> FieldSpec
    {
        FieldSpec(name: name, kind: .computed(compute), access: .readOnly)
    }

    /// A value written directly as JSON bytes on output.
    static func rendered(_ name: String, _ write: @escaping RenderFunction) -> FieldSpec {
        FieldSpec(name: name, kind: .rendered(write), access: .readOnly)
    }

    /// One of the audit fields every output model carries.
    static let auditFields: [FieldSpec] = [
        FieldSpec(name: "createdDateTime", kind: .createdDateTime, access: .readOnly),
        FieldSpec(name: "createdBy", kind: .auditUser, access: .readOnly),
        FieldSpec(name: "lastUpdatedDateTime", kind: .lastUpdatedDateTime, access: .readOnly),
        FieldSpec(name: "lastUpdatedBy", kind: .auditUser, access: .readOnly),
    ]

    /// The `guid` field.
    static let guidField = FieldSpec(name: "guid", kind: .guid, access: .readOnly)
}
