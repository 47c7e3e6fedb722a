public import Foundation

/// The VAT rates, in percent, that each country's accounting accepts (used to validate product and
/// invoice-row rates before they are sent).
public struct VATRateTable: Sendable, Hashable {
    /// Rates by ISO 3166-1 alpha-2 country code, highest first.
    public var rates: [String: [Decimal]]

    /// Creates a table.
    public init(rates: [String: [Decimal]]) {
        self.rates = rates
    }

    /// The rates of `countryCode` (any case), or `nil` when the table has no such country.
    public func rates(forCountry countryCode: String) -> [Decimal]? {
        rates[countryCode.uppercased()]
    }

    /// Whether `rate` is a valid rate in `countryCode`; `false` for a country the table lacks.
    public func accepts(_ rate: Decimal, inCountry countryCode: String) -> Bool {
        rates(forCountry: countryCode)?.contains(rate) ?? false
    }
}
