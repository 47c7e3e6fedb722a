public import Foundation

/// An amount of money as integer minor units (öre, cents) plus its currency.
///
/// Never a `Double`: amounts are parsed from decimal text, checked against the currency's number of
/// minor-unit digits, and kept as integers (see LINUX-NOTES B8).
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The amount in minor units, e.g. 12_50 for 12.50 SEK.
    public var minorUnits: Int64
    /// The currency.
    public var currency: CurrencyCode

    /// Creates an amount from minor units.
    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a decimal amount such as `"1250.5"` or `"-3"`.
    ///
    /// - Parameters:
    ///   - text: Decimal digits with an optional `-` and `.`; no exponent, no thousands separators.
    ///   - currency: The currency; its exponent limits the number of fraction digits.
    /// - Throws: ``MoneyError`` when the text is not a plain decimal or has more fraction digits than
    ///   the currency allows (trailing zeros beyond the exponent are accepted).
    public init(decimalText text: String, currency: CurrencyCode) throws(MoneyError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw MoneyError(text: text, reason: "more than one decimal point") }
        var integerPart = Substring(parts[0])
        let negative = integerPart.hasPrefix("-")
        if negative { integerPart = integerPart.dropFirst() }
        guard !integerPart.isEmpty, integerPart.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw MoneyError(text: text, reason: "not a decimal amount")
        }
        var fraction = parts.count == 2 ? Substring(parts[1]) : ""
        guard fraction.utf8.allSatisfy({ (48...57).contains($0) }), parts.count == 1 || !fraction.isEmpty else {
            throw MoneyError(text: text, reason: "not a decimal amount")
        }
        let digits = currency.minorUnitDigits
        while fraction.count > digits, fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        guard fraction.count <= digits else {
            throw MoneyError(text: text, reason: "more than \(digits) decimals for \(currency)")
        }
        let padded = fraction + String(repeating: "0", count: digits - fraction.count)
        guard let units = Int64(integerPart + padded) else { throw MoneyError(text: text, reason: "amount too large") }
        self.minorUnits = negative ? -units : units
        self.currency = currency
    }

    /// Converts an exact decimal, e.g. from a JSON number.
    ///
    /// - Throws: ``MoneyError`` as ``init(decimalText:currency:)``.
    public init(decimal: Decimal, currency: CurrencyCode) throws(MoneyError) {
        var value = decimal
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 12, .plain)
        try self.init(decimalText: Money.plainText(rounded), currency: currency)
    }

    /// The amount as a decimal, e.g. `12.5`.
    public var decimal: Decimal {
        Decimal(minorUnits) / pow(Decimal(10), currency.minorUnitDigits)
    }

    /// The amount written with exactly the currency's number of decimals, e.g. `"12.50"`.
    public var decimalText: String {
        let digits = currency.minorUnitDigits
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        let divisor = (0..<digits).reduce(UInt64(1)) { value, _ in value * 10 }
        let fraction = String(magnitude % divisor)
        return sign + String(magnitude / divisor) + "." + String(repeating: "0", count: digits - fraction.count)
            + fraction
    }

    public var description: String { "\(decimalText) \(currency)" }

    private static func plainText(_ decimal: Decimal) -> String {
        // Decimal.description writes plain digits (no exponent) in the POSIX locale.
        decimal.description
    }
}

/// An amount that cannot be represented exactly as ``Money``.
public struct MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was rejected.
    public let text: String
    /// Why it was rejected.
    public let reason: String

    public var description: String { "invalid amount \"\(text)\": \(reason)" }
}
