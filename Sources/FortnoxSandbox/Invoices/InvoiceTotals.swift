import Foundation
import JSONSupport
import SandboxKit

/// The invoice amounts Fortnox computes from the rows, exactly in `Decimal`.
///
/// `Net` is the rows' sum excluding VAT; `Gross` adds freight and administration fee; `TotalVAT` is
/// the rows' VAT plus 25 % on freight and fee, rounded to öre; `Total` is `Gross + TotalVAT` rounded
/// to whole kronor for SEK (to öre for other currencies) and `RoundOff` the difference. A new or
/// edited invoice owes its whole `Total` (`Balance`); payments and credits lower it later.
enum InvoiceTotals {
    /// The VAT rate on freight and administration fee. INVENTED: Fortnox takes it from company
    /// settings; 25 % is the Swedish standard rate.
    static let feeVATRate: Decimal = 25

    /// Sets `Net`, `Gross`, `TotalVAT`, `FreightVAT`, `AdministrationFeeVAT`, `RoundOff`, `Total`,
    /// `TotalToPay`, `Balance` and the contribution fields from the rows in `invoice`.
    static func apply(to invoice: inout FieldValues) {
        let rows = invoice.resolved("InvoiceRows").arrayValue ?? []
        var net: Decimal = 0
        var rowVAT: Decimal = 0
        for row in rows {
            let excluding = FortnoxDecimal.value(of: row["TotalExcludingVAT"])
            let total = FortnoxDecimal.value(of: row["Total"])
            let rate = FortnoxDecimal.value(of: row["VAT"])
            net += excluding
            rowVAT += invoice.flag("VATIncluded") ? total - excluding : excluding * rate / 100
        }
        let freight = invoice.decimal("Freight")
        let fee = invoice.decimal("AdministrationFee")
        let freightVAT = FortnoxDecimal.round(freight * feeVATRate / 100, scale: 2)
        let feeVAT = FortnoxDecimal.round(fee * feeVATRate / 100, scale: 2)
        let totalVAT = FortnoxDecimal.round(rowVAT, scale: 2) + freightVAT + feeVAT
        let gross = net + freight + fee
        let exact = gross + totalVAT
        let total = FortnoxDecimal.round(exact, scale: invoice.text("Currency") == "SEK" ? 0 : 2)
        invoice["Net"] = FortnoxDecimal.json(net)
        invoice["Gross"] = FortnoxDecimal.json(gross)
        invoice["FreightVAT"] = FortnoxDecimal.json(freightVAT)
        invoice["AdministrationFeeVAT"] = FortnoxDecimal.json(feeVAT)
        invoice["TotalVAT"] = FortnoxDecimal.json(totalVAT)
        invoice["RoundOff"] = FortnoxDecimal.json(total - exact)
        invoice["Total"] = FortnoxDecimal.json(total)
        invoice["TotalToPay"] = FortnoxDecimal.json(total)
        invoice["Balance"] = FortnoxDecimal.json(total)
        invoice["ContributionValue"] = FortnoxDecimal.json(net)
        invoice["ContributionPercent"] = net == 0 ? 0 : 100
    }

    /// The OCR reference of an invoice number: the number, a length digit and a Luhn check digit,
    /// as Fortnox generates them (7 → `737`, 71 → `7146`, 119 → `11957` [rec]).
    static func ocr(for documentNumber: String) -> String {
        let withLength = documentNumber + String((documentNumber.count + 2) % 10)
        var sum = 0
        for (index, character) in withLength.reversed().enumerated() {
            let digit = character.wholeNumberValue ?? 0
            if index % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return withLength + String((10 - sum % 10) % 10)
    }
}
