import Foundation
import JSONSupport
import SandboxKit

/// The amounts of an invoice payment. `Amount` is in the company's currency (SEK), `AmountCurrency` in
/// the invoice's; a payment settles its invoice's `Balance`, which is in the invoice's currency, by
/// `AmountCurrency` for a currency invoice and by `Amount` for a SEK invoice.
///
/// INVENTED where the reference only names the fields: the payment's `Currency` is the invoice's; its
/// `CurrencyRate` is the invoice's unless the payment gives one; a missing amount is derived from the
/// other through the rate (rounded to öre/cents); a payment without either settles the open balance.
enum PaymentAmounts {
    /// Fills `Currency`, `CurrencyRate`, `Amount` and `AmountCurrency` of `payment` for `invoice`.
    static func complete(_ payment: inout FieldValues, invoice: FieldValues) {
        let currency = invoice.text("Currency").isEmpty ? "SEK" : invoice.text("Currency")
        payment["Currency"] = .string(currency)
        let rate = payment.isSet("CurrencyRate") ? payment.decimal("CurrencyRate") : invoice.decimal("CurrencyRate")
        payment["CurrencyRate"] = FortnoxDecimal.json(rate == 0 ? 1 : rate)
        let hasAmount = payment.resolved("Amount") != .null
        let hasAmountCurrency = payment.resolved("AmountCurrency") != .null
        if currency == "SEK" {
            if !hasAmount {
                payment["Amount"] = hasAmountCurrency ? payment.resolved("AmountCurrency") : invoice.resolved("Balance")
            }
            payment["AmountCurrency"] = payment.resolved("Amount")
            return
        }
        let effectiveRate = rate == 0 ? 1 : rate
        if !hasAmount && !hasAmountCurrency {
            payment["AmountCurrency"] = invoice.resolved("Balance")
        } else if !hasAmountCurrency {
            payment["AmountCurrency"] = FortnoxDecimal.json(
                FortnoxDecimal.round(payment.decimal("Amount") / effectiveRate, scale: 2))
        }
        if payment.resolved("Amount") == .null {
            payment["Amount"] = FortnoxDecimal.json(
                FortnoxDecimal.round(payment.decimal("AmountCurrency") * effectiveRate, scale: 2))
        }
    }

    /// The amount `payment` settles, in its invoice's currency.
    static func settledAmount(of payment: FieldValues) -> Decimal {
        let currency = payment.text("Currency")
        return currency.isEmpty || currency == "SEK" ? payment.decimal("Amount") : payment.decimal("AmountCurrency")
    }
}
