import JSONSupport
import SyncCore

/// A field value from the transfer log as a person reads it, in the text log, the HTML report and
/// the CSV export.
///
/// Money (`{"currency":"SEK","minorUnits":125000}` in the canonical form) is written as the amount
/// with the currency's decimals and its code, `1250.00 SEK` (``Money/description``); strings are
/// quoted (so spaces show); numbers keep their exact digits; an absent value or `null` is `(none)`;
/// lists and objects are written `[a, b]` and `{key: value}`, with money inside them written as money.
enum FieldValueText {
    /// `value` for people.
    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        switch value {
        case .null: return "(none)"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.literal
        case .string: return JSONSerializer.string(value)
        case .array(let elements): return "[" + elements.map { text($0) }.joined(separator: ", ") + "]"
        case .object(let members):
            if let money = money(members) { return money.description }
            let parts = members.keys.sorted().map { key in "\(key): \(text(members[key]))" }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }

    /// The money an object holds when it is exactly `{currency, minorUnits}` with a valid code and a
    /// whole number of minor units.
    static func money(_ members: [String: JSONValue]) -> Money? {
        guard members.count == 2, let code = members["currency"]?.stringValue, let currency = CurrencyCode(code),
            let units = members["minorUnits"]?.numberValue?.int64
        else { return nil }
        return Money(minorUnits: units, currency: currency)
    }
}
