public import Foundation

/// A JSON number kept as its literal text, so no digit is ever lost to floating point.
///
/// Equality compares the literal text: `1.50` and `1.5` are different literals. Compare
/// ``decimal`` values when the numeric value is what matters.
public struct JSONNumber: Sendable, Hashable {
    /// The literal as it appears in JSON, e.g. `-12.50` or `1e3`.
    public let literal: String

    /// Creates a number from a literal, or `nil` when the text is not a valid JSON number.
    public init?(literal: String) {
        guard JSONNumber.isValidLiteral(literal.utf8) else { return nil }
        self.literal = literal
    }

    /// Creates a number from text the parser already validated.
    init(validatedLiteral: String) {
        self.literal = validatedLiteral
    }

    /// Creates a number from an integer.
    public init(_ value: Int) {
        self.literal = String(value)
    }

    /// Creates a number from a 64-bit integer.
    public init(_ value: Int64) {
        self.literal = String(value)
    }

    /// Creates a number from a decimal, written with all of its digits and no exponent.
    public init(_ value: Decimal) {
        self.literal = value.description
    }

    /// The value as an exact `Decimal`, or `nil` when it has an exponent too large for `Decimal`.
    public var decimal: Decimal? {
        Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The value as an integer when it is written without fraction or exponent and fits in `Int64`.
    public var int64: Int64? {
        Int64(literal)
    }

    /// Whether `bytes` form a number as RFC 8259 §6 defines it (no leading `+`, no leading zeros,
    /// digits on both sides of a decimal point).
    static func isValidLiteral(_ bytes: String.UTF8View) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func digits() -> Int {
            var count = 0
            while index < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                index = bytes.index(after: index)
                count += 1
            }
            return count
        }
        if index < end, bytes[index] == UInt8(ascii: "-") { index = bytes.index(after: index) }
        guard index < end else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index = bytes.index(after: index)
        } else if digits() == 0 {
            return false
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            guard digits() > 0 else { return false }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index = bytes.index(after: index)
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index = bytes.index(after: index)
            }
            guard digits() > 0 else { return false }
        }
        return index == end
    }
}
