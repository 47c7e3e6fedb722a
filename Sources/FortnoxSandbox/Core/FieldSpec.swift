import Foundation
import JSONSupport
import SandboxKit

/// How a field is written on the wire and what its input may be.
enum FieldKind: Sendable {
    /// A JSON string; a number is accepted and kept as its literal text.
    case text(maxLength: Int?)
    /// A whole JSON number; a numeric string is accepted.
    case integer
    /// A JSON number rounded to `scale` fraction digits on input; a numeric string is accepted.
    case decimal(scale: Int?)
    /// A decimal written as a JSON string (`"DeliveredQuantity":"1.12"`); a number is accepted.
    case decimalText(scale: Int?)
    /// A JSON boolean; the strings `"true"` and `"false"` are accepted.
    case boolean
    /// One of a fixed set of strings, matched without regard to case and stored in canonical case.
    case choice([String])
    /// A date `YYYY-MM-DD`; `null` or `""` clears it.
    case date
    /// A nested object or array, validated by the resource.
    case nested
}

/// Who may write a field.
enum FieldAccess: Sendable, Equatable {
    /// Clients may set it on create and update.
    case writable
    /// Clients may set it on create only (keys such as `ArticleNumber` and unit `Code`).
    case createOnly
    /// Fortnox computes it; a value sent by a client is ignored (see ``FortnoxEmulator``'s docs).
    case readOnly
}

/// One field of a Fortnox entity: name, wire kind, who may write it and what it shows when unset.
struct FieldSpec: Sendable {
    /// The PascalCase name, e.g. `CustomerNumber`.
    let name: String
    /// The wire kind.
    let kind: FieldKind
    /// Who may write it.
    let access: FieldAccess
    /// The value rendered when the record stores none (Fortnox's default for a new record).
    let absent: JSONValue

    /// Creates a field.
    init(_ name: String, _ kind: FieldKind, _ access: FieldAccess = .writable, absent: JSONValue = .null) {
        self.name = name
        self.kind = kind
        self.access = access
        self.absent = absent
    }

    /// The canonical stored form of a client-supplied `value`.
    ///
    /// - Throws: ``FortnoxError`` 2000106/2000108/2000134 for a value of the wrong type, and the
    ///   invented codes for too long texts, unknown choices and malformed dates.
    func coerce(_ value: JSONValue) throws(FortnoxError) -> JSONValue {
        if case .null = value { return emptyValue }
        switch kind {
        case .text(let maxLength):
            let text: String
            switch value {
            case .string(let string): text = string
            case .number(let number): text = number.literal
            default: throw typeError(FortnoxErrorCode.notAlphanumeric, "Värdet måste vara alfanumeriskt", value)
            }
            if let maxLength, text.utf16.count > maxLength {
                throw .badRequest(
                    FortnoxErrorCode.valueTooLong,  // INVENTED code, see FortnoxErrorCode
                    "\(name) får vara högst \(maxLength) tecken långt."
                )
            }
            return .string(text)
        case .integer:
            guard let decimal = FortnoxDecimal.parse(value), decimal == FortnoxDecimal.round(decimal, scale: 0) else {
                throw typeError(FortnoxErrorCode.notNumeric, "Värdet måste vara numeriskt", value)
            }
            return FortnoxDecimal.json(decimal)
        case .decimal(let scale), .decimalText(let scale):
            guard var decimal = FortnoxDecimal.parse(value) else {
                throw typeError(FortnoxErrorCode.notNumeric, "Värdet måste vara numeriskt", value)
            }
            if let scale { decimal = FortnoxDecimal.round(decimal, scale: scale) }
            if case .decimalText = kind { return FortnoxDecimal.jsonText(decimal) }
            return FortnoxDecimal.json(decimal)
        case .boolean:
            switch value {
            case .bool: return value
            case .string("true"): return .bool(true)
            case .string("false"): return .bool(false)
            default: throw typeError(FortnoxErrorCode.notBoolean, "Värdet måste vara en boolean", value)
            }
        case .choice(let options):
            let given = value.stringValue ?? ""
            guard let match = options.first(where: { $0.caseInsensitiveCompare(given) == .orderedSame }) else {
                throw .badRequest(
                    FortnoxErrorCode.invalidChoice,  // INVENTED code, see FortnoxErrorCode
                    "Ogiltigt värde för \(name): \(value). Tillåtna värden: \(options.joined(separator: ", "))."
                )
            }
            return .string(match)
        case .date:
            guard let text = value.stringValue else {
                throw .badRequest(FortnoxErrorCode.invalidDate, "\(name) måste vara ett datum (ÅÅÅÅ-MM-DD).")
            }
            if text.isEmpty { return .null }
            guard FortnoxCalendarDate(text) != nil else {
                throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                    FortnoxErrorCode.invalidDate,
                    "\(name) måste vara ett datum (ÅÅÅÅ-MM-DD), fick \(text)."
                )
            }
            return .string(text)
        case .nested:
            return value
        }
    }

    /// What an explicit `null` stores: `null` where the field's default is `null`, else the empty
    /// value of its kind (`""` for texts), so clearing a field never invents a non-empty value.
    private var emptyValue: JSONValue {
        if case .null = absent { return .null }
        if case .text = kind { return .string("") }
        return absent
    }

    private func typeError(_ code: Int, _ text: String, _ value: JSONValue) -> FortnoxError {
        .badRequest(code, "\(text) (\(name): \(value))")
    }
}
