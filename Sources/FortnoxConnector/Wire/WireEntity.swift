import Foundation
import JSONSupport
import SyncCore

/// One Fortnox entity as it came off the wire (`{"Customer":{…}}` unwrapped), read leniently where
/// the API is inconsistent and strictly where a value would otherwise be guessed.
///
/// Leniency follows fortnox-api.md §1: identifiers and some amounts arrive as JSON strings
/// (`"CustomerNumber":"6"`, `"DeliveredQuantity":"1.12"`), booleans sometimes as `"true"`, and an empty
/// value as `""` or `null`. Money and quantities are read from their decimal text, never through
/// `Double`. Every failure names the field.
struct WireEntity: Sendable {
    /// The entity's members.
    let members: [String: JSONValue]
    /// A prefix for field names in errors, e.g. `InvoiceRows[2].`; empty for a top-level entity.
    let path: String

    /// Wraps `members`.
    init(_ members: [String: JSONValue], path: String = "") {
        self.members = members
        self.path = path
    }

    /// The raw value, `nil` when absent or `null`.
    subscript(field: String) -> JSONValue? {
        guard let value = members[field], !value.isNull else { return nil }
        return value
    }

    /// An error about `field`.
    func problem(_ field: String, _ reason: String) -> WireFieldError {
        WireFieldError(field: path + field, reason: reason)
    }

    /// A text; `nil` for absent, `null` and `""`. Numbers are accepted as their literal (Fortnox sends
    /// numeric identifiers either way).
    func text(_ field: String) throws(WireFieldError) -> String? {
        guard let value = self[field] else { return nil }
        switch value {
        case .string(let text): return text.isEmpty ? nil : text
        case .number(let number): return number.literal
        default: throw problem(field, "expected a string, found \(value.typeDescription)")
        }
    }

    /// A text that must be present and non-empty.
    func requiredText(_ field: String) throws(WireFieldError) -> String {
        guard let text = try text(field) else { throw problem(field, "missing") }
        return text
    }

    /// A boolean (`true`/`false`, or the strings `"true"`/`"false"`); `defaultValue` when absent.
    func bool(_ field: String, default defaultValue: Bool) throws(WireFieldError) -> Bool {
        guard let value = self[field] else { return defaultValue }
        switch value {
        case .bool(let flag): return flag
        case .string(let text) where text.lowercased() == "true": return true
        case .string(let text) where text.lowercased() == "false": return false
        case .string(let text) where text.isEmpty: return defaultValue
        default: throw problem(field, "expected a boolean, found \(value.description)")
        }
    }

    /// An exact decimal from a JSON number or a numeric string; `nil` when absent, `null` or `""`.
    func decimal(_ field: String) throws(WireFieldError) -> Decimal? {
        guard let value = self[field] else { return nil }
        let literal: String
        switch value {
        case .number(let number): literal = number.literal
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            literal = trimmed
        default: throw problem(field, "expected a number, found \(value.typeDescription)")
        }
        guard let number = JSONNumber(literal: literal), let decimal = number.decimal else {
            throw problem(field, "expected a number, found \"\(literal)\"")
        }
        return decimal
    }

    /// An amount in `currency`, exact; `nil` when absent.
    ///
    /// - Throws: ``WireFieldError`` when the value is not a number or has more decimals than the
    ///   currency has (e.g. `12.345` SEK), which would otherwise be rounded silently.
    func money(_ field: String, currency: CurrencyCode) throws(WireFieldError) -> Money? {
        guard let decimal = try decimal(field) else { return nil }
        do {
            return try Money(decimal: decimal, currency: currency)
        } catch {
            throw problem(field, error.description)
        }
    }

    /// A `YYYY-MM-DD` date; `nil` when absent or empty.
    func date(_ field: String) throws(WireFieldError) -> LocalDate? {
        guard let text = try text(field) else { return nil }
        guard let date = LocalDate(text) else { throw problem(field, "expected a YYYY-MM-DD date, found \"\(text)\"") }
        return date
    }

    /// A nested array of objects; empty when absent.
    func objects(_ field: String) throws(WireFieldError) -> [WireEntity] {
        guard let value = self[field] else { return [] }
        guard let elements = value.arrayValue else {
            throw problem(field, "expected an array, found \(value.typeDescription)")
        }
        var entities: [WireEntity] = []
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else {
                throw problem("\(field)[\(index)]", "expected an object, found \(element.typeDescription)")
            }
            entities.append(WireEntity(object, path: "\(path)\(field)[\(index)]."))
        }
        return entities
    }
}
