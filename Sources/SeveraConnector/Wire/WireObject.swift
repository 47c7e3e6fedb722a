import Foundation
import JSONSupport
import SyncCore

/// Typed, field-naming access to one JSON object of a Severa response.
///
/// Every failure is a ``WireError`` that names the member's path (`customer.number`), so an unreadable
/// record's reason says which field is wrong. Money goes from the JSON literal's decimal text to
/// ``Money`` without ever passing through `Double`.
struct WireObject: Sendable {
    /// The object's members.
    let members: [String: JSONValue]
    /// The path of this object in the response, `""` for a top-level record.
    let path: String

    /// Wraps `value`, which must be an object.
    ///
    /// - Throws: ``WireError`` when `value` is not an object.
    init(_ value: JSONValue, path: String = "") throws(WireError) {
        guard let members = value.objectValue else {
            throw WireError(
                field: path.isEmpty ? "(record)" : path, reason: "expected an object, found \(value.typeDescription)")
        }
        self.members = members
        self.path = path
    }

    /// The full path of member `key`.
    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error about member `key`.
    func error(_ key: String, _ reason: String) -> WireError { WireError(field: name(key), reason: reason) }

    /// The member's value; `nil` when absent or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], !value.isNull else { return nil }
        return value
    }

    /// A string that may be absent or `null`.
    func optionalString(_ key: String) throws(WireError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else {
            throw error(key, "expected a string, found \(value.typeDescription)")
        }
        return text
    }

    /// A string that may be absent, `null` or empty; empty text (after trimming) reads as `nil`.
    func optionalText(_ key: String) throws(WireError) -> String? {
        // Not `trimmingCharacters(in:)`: it copies through NSString on Linux, for every field of every record.
        guard let text = try optionalString(key),
            text.unicodeScalars.contains(where: { !$0.properties.isWhitespace })
        else { return nil }
        return text
    }

    /// A required string.
    func string(_ key: String) throws(WireError) -> String {
        guard let text = try optionalString(key) else { throw error(key, "missing") }
        return text
    }

    /// A boolean; `defaultValue` when absent or `null`.
    func bool(_ key: String, default defaultValue: Bool) throws(WireError) -> Bool {
        guard let value = value(key) else { return defaultValue }
        guard let flag = value.boolValue else { throw error(key, "expected a boolean, found \(value.typeDescription)") }
        return flag
    }

    /// An integer without fraction or exponent that fits in 64 bits, or `nil` when absent.
    func optionalInt64(_ key: String) throws(WireError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard let number = value.numberValue else {
            throw error(key, "expected a number, found \(value.typeDescription)")
        }
        guard let integer = number.int64 else { throw error(key, "expected a whole number, found \(number.literal)") }
        return integer
    }

    /// An exact decimal, or `nil` when absent.
    func optionalDecimal(_ key: String) throws(WireError) -> Decimal? {
        guard let value = value(key) else { return nil }
        guard let number = value.numberValue else {
            throw error(key, "expected a number, found \(value.typeDescription)")
        }
        guard let decimal = number.decimal else { throw error(key, "the number \(number.literal) is out of range") }
        return decimal
    }

    /// A required exact decimal.
    func decimal(_ key: String) throws(WireError) -> Decimal {
        guard let decimal = try optionalDecimal(key) else { throw error(key, "missing") }
        return decimal
    }

    /// A `YYYY-MM-DD` date (a date-time's date part is taken), or `nil` when absent.
    func optionalDate(_ key: String) throws(WireError) -> LocalDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = LocalDate(String(text.prefix(10))), text.count == 10 || text.dropFirst(10).first == "T"
        else {
            throw error(key, "expected a YYYY-MM-DD date, found \"\(text)\"")
        }
        return date
    }

    /// A nested object, or `nil` when absent.
    func optionalObject(_ key: String) throws(WireError) -> WireObject? {
        guard let value = value(key) else { return nil }
        return try WireObject(value, path: name(key))
    }

    /// An array, empty when absent.
    func array(_ key: String) throws(WireError) -> [JSONValue] {
        guard let value = value(key) else { return [] }
        guard let elements = value.arrayValue else {
            throw error(key, "expected an array, found \(value.typeDescription)")
        }
        return elements
    }

    /// Money written `{"amount": 12.5, "currencyCode": "SEK"}`; `nil` when absent or the amount is `null`.
    ///
    /// - Throws: ``WireError`` for an unknown currency code or an amount with more decimals than the
    ///   currency has (Money keeps whole minor units).
    func optionalMoney(_ key: String) throws(WireError) -> Money? {
        guard let money = try optionalObject(key) else { return nil }
        guard let amount = money.value("amount") else { return nil }
        guard let number = amount.numberValue else {
            throw money.error("amount", "expected a number, found \(amount.typeDescription)")
        }
        let code = try money.string("currencyCode")
        guard let currency = CurrencyCode(code) else {
            throw money.error("currencyCode", "\"\(code)\" is not an ISO 4217 currency code")
        }
        return try Self.money(number, currency: currency, field: money.name("amount"))
    }

    /// The last-update stamp `lastUpdatedDateTime`.
    func stamp() throws(WireError) -> (text: String, stamp: ChangeStamp) {
        let text = try string("lastUpdatedDateTime")
        guard let stamp = ChangeStamp(parsing: text) else {
            throw error("lastUpdatedDateTime", "expected an ISO-8601 date and time, found \"\(text)\"")
        }
        return (text, stamp)
    }

    /// The record's `guid`.
    func guid() throws(WireError) -> String {
        let guid = try string("guid")
        guard !guid.isEmpty else { throw error("guid", "empty") }
        return guid
    }

    /// Converts a JSON number exactly: its literal as decimal text, or through `Decimal` when it has an
    /// exponent.
    static func money(_ number: JSONNumber, currency: CurrencyCode, field: String) throws(WireError) -> Money {
        if number.literal.contains(where: { $0 == "e" || $0 == "E" }) {
            guard let decimal = number.decimal else {
                throw WireError(field: field, reason: "the number \(number.literal) is out of range")
            }
            do {
                return try Money(decimal: decimal, currency: currency)
            } catch {
                throw WireError(field: field, reason: error.description)
            }
        }
        do {
            return try Money(decimalText: number.literal, currency: currency)
        } catch {
            throw WireError(field: field, reason: error.description)
        }
    }
}
