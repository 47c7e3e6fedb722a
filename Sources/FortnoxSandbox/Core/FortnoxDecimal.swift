import Foundation
import JSONSupport
import SandboxKit

/// Exact decimal arithmetic for amounts and quantities: `Decimal` parsed from JSON literals, rounded
/// half away from zero (Fortnox rounds a price of 1.125 to 1.13 [rec]). Never `Double`.
enum FortnoxDecimal {
    /// The value of a JSON number or a numeric JSON string (`"1.12"`), or `nil` for anything else.
    static func parse(_ value: JSONValue) -> Decimal? {
        switch value {
        case .number(let number): return number.decimal
        case .string(let text):
            guard let number = JSONNumber(literal: String(FortnoxText.trimmed(text))) else { return nil }
            return number.decimal
        default: return nil
        }
    }

    /// `value` rounded to `scale` fraction digits, halves away from zero.
    static func round(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }

    /// The value as a JSON number written with all its digits (`950`, `1187.5`).
    static func json(_ value: Decimal) -> JSONValue {
        .number(JSONNumber(value))
    }

    /// The value as a JSON string (`"1.12"`), as Fortnox writes some quantities.
    static func jsonText(_ value: Decimal) -> JSONValue {
        .string(value.description)
    }

    /// The decimal held by a stored field, treating `null` and anything non-numeric as zero.
    static func value(of json: JSONValue?) -> Decimal {
        json.flatMap(parse) ?? 0
    }
}
