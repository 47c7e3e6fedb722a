/// An ISO 4217 currency code with the number of minor-unit digits it uses.
public struct CurrencyCode: Sendable, Hashable, CustomStringConvertible {
    /// The three upper-case letters, e.g. `SEK`.
    public let code: String

    /// Creates a code from three ASCII letters (any case), or `nil` for anything else.
    public init?(_ code: String) {
        let upper = code.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ (65...90).contains($0) }) else { return nil }
        self.code = upper
    }

    /// Digits after the decimal point in amounts of this currency (ISO 4217 exponent).
    public var minorUnitDigits: Int {
        CurrencyCode.zeroDecimalCodes.contains(code) ? 0 : CurrencyCode.threeDecimalCodes.contains(code) ? 3 : 2
    }

    public var description: String { code }

    public static let sek = CurrencyCode(validated: "SEK")
    public static let nok = CurrencyCode(validated: "NOK")
    public static let eur = CurrencyCode(validated: "EUR")

    private init(validated code: String) {
        self.code = code
    }

    private static let zeroDecimalCodes: Set<String> = ["ISK", "JPY", "KRW", "CLP", "VND", "XAF", "XOF", "UGX", "PYG"]
    private static let threeDecimalCodes: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
}
