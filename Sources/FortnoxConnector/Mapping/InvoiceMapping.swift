import Foundation
import JSONSupport
import SyncCore

/// Fortnox customer invoice (`fortnox_InvoicePayload`, fortnox-api.md §7.6) ↔ ``Invoice``.
///
/// | canonical | Fortnox |
/// |---|---|
/// | `externalReference` | `ExternalInvoiceReference1` (≤ 80): the sync key, searchable (R4.4) |
/// | `number` | `ExternalInvoiceReference2` (≤ 80): the Severa invoice number, for operators |
/// | `customerNumber` | `CustomerNumber` |
/// | `projectNumber` / `costCenter` | `Project` / `CostCenter` |
/// | `invoiceDate` / `dueDate` | `InvoiceDate` / `DueDate` (left out → Fortnox's defaults) |
/// | `currency` | `Currency` |
/// | `ourReference` / `yourReference` | `OurReference` / `YourReference` (≤ 50) |
/// | `orderNumber` | `YourOrderNumber` (≤ 75), the buyer's order number (R4.6) |
/// | `remarks` / `comments` | `Remarks` / `Comments` (≤ 1024), filled by field routes (R4.6) |
/// | `language` | `Language` (`SV`/`EN`) |
/// | `totals` | read only: `Net`, `TotalVAT`, `Total`, `RoundOff` |
/// | `rows` | `InvoiceRows`, see ``InvoiceRowMapping`` |
///
/// `VATIncluded` is always sent as `false`: canonical row prices exclude VAT, whatever the
/// customer's display setting. `CostCenter` is sent as `""` when the invoice or row has none: left out,
/// Fortnox would copy the customer's default cost center (R4.5 wants it empty, MONEY-FLOWS decision 4;
/// the emulator keeps an explicit `""`, real Fortnox is UNVERIFIED).
struct InvoiceMapping: Sendable {
    /// The entity to POST.
    func body(for invoice: Invoice) throws(WireFieldError) -> WireBody {
        guard let currency = CurrencyCode(invoice.currency) else {
            throw WireFieldError(field: "Currency", reason: "\"\(invoice.currency)\" is not an ISO 4217 currency code")
        }
        var body = WireBody(limits: FieldLimits.invoice)
        try body.text("CustomerNumber", invoice.customerNumber, clear: false)
        try body.text("ExternalInvoiceReference1", invoice.externalReference, clear: false)
        try body.text("ExternalInvoiceReference2", invoice.number, clear: false)
        try body.text("InvoiceDate", invoice.invoiceDate?.description, clear: false)
        try body.text("DueDate", invoice.dueDate?.description, clear: false)
        try body.text("Currency", currency.code, clear: false)
        try body.text("OurReference", invoice.ourReference, clear: false)
        try body.text("YourReference", invoice.yourReference, clear: false)
        try body.text("YourOrderNumber", invoice.orderNumber, clear: false)
        try body.text("Project", invoice.projectNumber, clear: false)
        try body.text("CostCenter", invoice.costCenter, clear: true)
        try body.text("Remarks", invoice.remarks, clear: false)
        try body.text("Comments", invoice.comments, clear: false)
        try body.text("Language", invoice.language, clear: false)
        body.set("VATIncluded", .bool(false))
        var rows: [JSONValue] = []
        for (index, row) in invoice.rows.enumerated() {
            rows.append(try InvoiceRowMapping.body(for: row, index: index, currency: currency))
        }
        body.set("InvoiceRows", .array(rows))
        return body
    }

    /// The canonical invoice of a full Fortnox invoice.
    func invoice(from entity: WireEntity) throws(WireFieldError) -> Invoice {
        let currencyText = try entity.text("Currency") ?? CurrencyCode.sek.code
        guard let currency = CurrencyCode(currencyText) else {
            throw entity.problem("Currency", "\"\(currencyText)\" is not an ISO 4217 currency code")
        }
        var rows: [InvoiceRow] = []
        for row in try entity.objects("InvoiceRows") {
            rows.append(try InvoiceRowMapping.row(from: row, currency: currency))
        }
        return Invoice(
            externalReference: try entity.requiredText("ExternalInvoiceReference1"),
            number: try entity.text("ExternalInvoiceReference2"),
            customerNumber: try entity.requiredText("CustomerNumber"),
            projectNumber: try entity.text("Project"),
            invoiceDate: try entity.date("InvoiceDate"),
            dueDate: try entity.date("DueDate"),
            currency: currency.code,
            ourReference: try entity.text("OurReference"),
            yourReference: try entity.text("YourReference"),
            orderNumber: try entity.text("YourOrderNumber"),
            costCenter: try entity.text("CostCenter"),
            rows: rows,
            language: try entity.text("Language"),
            remarks: try entity.text("Remarks"),
            comments: try entity.text("Comments"),
            totals: try totals(of: entity, currency: currency)
        )
    }

    /// `Net`, `TotalVAT`, `Total` and `RoundOff`, when Fortnox gives the first three.
    private func totals(of entity: WireEntity, currency: CurrencyCode) throws(WireFieldError) -> InvoiceTotals? {
        guard let net = try entity.money("Net", currency: currency),
            let vat = try entity.money("TotalVAT", currency: currency),
            let total = try entity.money("Total", currency: currency)
        else { return nil }
        return InvoiceTotals(
            net: net, vat: vat, total: total, roundOff: try entity.money("RoundOff", currency: currency))
    }

    /// The state of a full invoice: booked, cancelled, credited, its balance and final payment date.
    func state(of entity: WireEntity, remote: RemoteRecord<Invoice>) throws(WireFieldError) -> AccountingInvoice {
        let creditedBy = try entity.text("CreditInvoiceReference")
        return AccountingInvoice(
            remote: remote, isBooked: try entity.bool("Booked", default: false),
            isCancelled: try entity.bool("Cancelled", default: false),
            isCreditNote: try entity.bool("Credit", default: false),
            creditedBy: creditedBy == "0" ? nil : creditedBy, balance: try entity.decimal("Balance") ?? 0,
            finalPayDate: try entity.date("FinalPayDate"))
    }

    /// Whether a full invoice is a live one: not cancelled, not a credit note and not credited.
    func isLive(_ entity: WireEntity) throws(WireFieldError) -> Bool {
        let cancelled = try entity.bool("Cancelled", default: false)
        let creditNote = try entity.bool("Credit", default: false)
        let creditedBy = try entity.text("CreditInvoiceReference")
        return !cancelled && !creditNote && (creditedBy == nil || creditedBy == "0")
    }
}

/// One invoice row (`fortnox_Invoice_InvoiceRow`) ↔ ``InvoiceRow``.
///
/// `ArticleNumber`, `Description` (≤ 255), `DeliveredQuantity` (the exact decimal as a string, as
/// Fortnox writes it), `Price` (per unit, excluding VAT, in the invoice's currency), `VAT` (a whole
/// percentage: a fractional rate is refused, not rounded), `Unit`, `CostCenter` (`""` for none),
/// `Project`, and `AccountNumber` from the sales account for a row without an article (an article's
/// own account wins otherwise). A row with neither article, quantity nor price is a text row: only its
/// `Description` is sent.
enum InvoiceRowMapping {
    /// The row to send.
    static func body(for row: InvoiceRow, index: Int, currency: CurrencyCode) throws(WireFieldError) -> JSONValue {
        let prefix = "InvoiceRows[\(index)]."
        var body = WireBody(limits: FieldLimits.invoiceRow)
        let isTextRow = row.productCode == nil && row.quantity == 0 && row.unitPrice.minorUnits == 0
        do throws(WireFieldError) {
            try body.text("Description", row.description, clear: false)
            if isTextRow { return body.json }
            try body.text("ArticleNumber", row.productCode, clear: false)
            try body.text("Unit", row.unit, clear: false)
            try body.text("CostCenter", row.costCenter, clear: true)
            try body.text("Project", row.projectNumber, clear: false)
        } catch {
            throw WireFieldError(field: prefix + error.field, reason: error.reason)
        }
        if row.productCode == nil, let account = row.salesAccount {
            guard let number = Int64(account) else {
                throw WireFieldError(field: prefix + "AccountNumber", reason: "\"\(account)\" is not an account number")
            }
            body.set("AccountNumber", .number(JSONNumber(number)))
        }
        guard row.unitPrice.currency == currency else {
            throw WireFieldError(
                field: prefix + "Price",
                reason: "the row's price is in \(row.unitPrice.currency), the invoice in \(currency)")
        }
        var rounded = Decimal()
        var rate = row.vatRate
        NSDecimalRound(&rounded, &rate, 0, .plain)
        guard rounded == row.vatRate, let percent = Int64(rounded.description) else {
            throw WireFieldError(
                field: prefix + "VAT",
                reason: "Fortnox invoice rows take whole percentages, the row has \(row.vatRate) %")
        }
        body.set("DeliveredQuantity", .string(row.quantity.description))
        body.set("Price", row.unitPrice.wireNumber)
        body.set("VAT", .number(JSONNumber(percent)))
        return body.json
    }

    /// The canonical row of a Fortnox row.
    static func row(from entity: WireEntity, currency: CurrencyCode) throws(WireFieldError) -> InvoiceRow {
        InvoiceRow(
            productCode: try entity.text("ArticleNumber"),
            description: try entity.text("Description") ?? "",
            quantity: try entity.decimal("DeliveredQuantity") ?? 0,
            unit: try entity.text("Unit"),
            unitPrice: try entity.money("Price", currency: currency) ?? Money(minorUnits: 0, currency: currency),
            vatRate: try entity.decimal("VAT") ?? 0,
            costCenter: try entity.text("CostCenter"),
            projectNumber: try entity.text("Project")
        )
    }
}
