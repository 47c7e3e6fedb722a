import Foundation
import JSONSupport
import SyncCore

/// Canonical values written in Severa's wire forms.
enum WireValues {
    /// `{"amount": 12.5, "currencyCode": "SEK"}`, exact.
    static func money(_ money: Money) -> JSONValue {
        ["amount": .number(JSONNumber(money.decimal)), "currencyCode": .string(money.currency.code)]
    }

    /// `{"amount": null, "currencyCode": code}`: no amount.
    static func noMoney(currency: String) -> JSONValue {
        ["amount": .null, "currencyCode": .string(currency)]
    }

    /// A text, or `null`.
    static func text(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// An exact decimal, or `null`.
    static func decimal(_ decimal: Decimal?) -> JSONValue {
        decimal.map { .number(JSONNumber($0)) } ?? .null
    }

    /// `{"guid": guid}`, Severa's `SimpleInputModel`.
    static func reference(_ guid: String) -> JSONValue {
        ["guid": .string(guid)]
    }

    /// An integer's canonical text.
    static func text(_ number: Int64?) -> String {
        number.map { String($0) } ?? ""
    }
}
