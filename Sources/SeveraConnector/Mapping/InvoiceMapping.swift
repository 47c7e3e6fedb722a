import Foundation
import JSONSupport
import SyncCore

/// Severa `InvoiceOutputModel` and its `InvoiceRowOutputModel`s → canonical ``Invoice`` (R4).
///
/// | canonical | Severa |
/// |---|---|
/// | `externalReference` | the invoice `guid` (our sync key, R4.4) |
/// | `number` | `number` (absent until the status numbers it) |
/// | `customerNumber` | `billingCustomer.number`, else `customer.number` (MONEY-FLOWS decision 1) |
/// | `projectNumber` | `projects[0].number` when the invoice has exactly one project |
/// | `invoiceDate`, `dueDate` | `date`, `dueDate` |
/// | `currency` | `currency.code` (required) |
/// | `ourReference`, `yourReference`, `orderNumber`, `notes`, `referenceNumber`, `receiverContactName` | same names |
/// | `isCreditNote`, `creditedInvoiceID` | `isCreditNote`, `reimburseInvoice.guid` (INVENTED in the emulator: the original) |
/// | `statusID` | `status.guid` |
/// | `businessUnitID` | `invoiceNumberBusinessUnitGuid` (R4.5; the emulator fills it from the project's unit, INVENTED) |
/// | `language` | `language.code` `sv` → `SV`, `en` → `EN`, others absent (Fortnox knows these two) |
/// | `totals` | `totalExcludingTax`, `totalTax`, `totalIncludingTax` |
/// | rows, by `sortOrder` | `code[0]` → `productCode`, `description`, `quantity`, `measurementUnit` (unit aliases) → `unit`, `unitPrice`, `vatRate`, `costCenter.number` (cost center aliases) → `costCenter`, `salesAccount.number` → `salesAccount`; `projectNumber` is the invoice's |
///
/// `costCenter` (the header's) is not read: the invoice flow maps the business unit to it.
enum InvoiceMapping {
    /// Reads an invoice and its rows (in any order).
    static func invoice(
        _ object: WireObject, rows: [WireObject], options: SeveraConnector.Options
    ) throws(WireError) -> Invoice {
        var invoice = try header(object)
        invoice.rows = try Self.rows(rows, projectNumber: invoice.projectNumber, options: options)
        return invoice
    }

    /// Reads an invoice without its rows.
    static func header(_ object: WireObject) throws(WireError) -> Invoice {
        let billing = try object.optionalObject("billingCustomer")?.optionalInt64("number")
        let customer = try object.optionalObject("customer")?.optionalInt64("number")
        guard let customerNumber = billing ?? customer else {
            throw object.error("customer.number", "missing; the invoice must name its customer")
        }
        var projectNumbers: [String] = []
        for (index, element) in try object.array("projects").enumerated() {
            let project = try WireObject(element, path: object.name("projects[\(index)]"))
            if let number = try project.optionalInt64("number") { projectNumbers.append(String(number)) }
        }
        guard let currency = try object.optionalObject("currency")?.optionalText("code") else {
            throw object.error("currency.code", "missing")
        }
        return Invoice(
            externalReference: try object.guid(),
            number: try object.optionalInt64("number").map { String($0) },
            customerNumber: String(customerNumber),
            projectNumber: projectNumbers.count == 1 ? projectNumbers[0] : nil,
            invoiceDate: try object.optionalDate("date"),
            dueDate: try object.optionalDate("dueDate"),
            currency: currency.uppercased(),
            ourReference: try object.optionalText("ourReference"),
            yourReference: try object.optionalText("yourReference"),
            orderNumber: try object.optionalText("orderNumber"),
            rows: [],
            isCreditNote: try object.bool("isCreditNote", default: false),
            creditedInvoiceID: try reference(object, "reimburseInvoice"),
            statusID: try object.optionalObject("status")?.optionalText("guid"),
            businessUnitID: try object.optionalText("invoiceNumberBusinessUnitGuid"),
            language: try language(object),
            notes: try object.optionalText("notes"),
            referenceNumber: try object.optionalText("referenceNumber"),
            receiverContactName: try object.optionalText("receiverContactName"),
            totals: try totals(object)
        )
    }

    /// Reads rows, ordered by `sortOrder` then listing order.
    static func rows(
        _ rows: [WireObject], projectNumber: String?, options: SeveraConnector.Options
    ) throws(WireError) -> [InvoiceRow] {
        var canonicalRows: [(order: Int64, index: Int, row: InvoiceRow)] = []
        for (index, row) in rows.enumerated() {
            canonicalRows.append(
                (
                    try row.optionalInt64("sortOrder") ?? 0, index,
                    try invoiceRow(row, projectNumber: projectNumber, options: options)
                ))
        }
        canonicalRows.sort { ($0.order, $0.index) < ($1.order, $1.index) }
        return canonicalRows.map(\.row)
    }

    /// Reads one row.
    static func invoiceRow(
        _ row: WireObject, projectNumber: String?, options: SeveraConnector.Options
    ) throws(WireError) -> InvoiceRow {
        var productCode: String?
        for (index, element) in try row.array("code").enumerated() {
            guard let code = element.stringValue else {
                throw row.error("code[\(index)]", "expected a string, found \(element.typeDescription)")
            }
            if !code.isEmpty {
                productCode = code
                break
            }
        }
        guard let unitPrice = try row.optionalMoney("unitPrice") else { throw row.error("unitPrice", "missing") }
        return InvoiceRow(
            productCode: productCode,
            description: try row.optionalString("description") ?? "",
            quantity: try row.decimal("quantity"),
            unit: options.canonicalUnit(try row.optionalString("measurementUnit")),
            unitPrice: unitPrice,
            vatRate: try row.decimal("vatRate"),
            costCenter: options.costCenterCode(try row.optionalObject("costCenter")?.optionalText("number")),
            projectNumber: projectNumber,
            salesAccount: try row.optionalObject("salesAccount")?.optionalText("number")
        )
    }

    /// The guid of a reference member written `{"guid": …}` (or as a bare guid string).
    private static func reference(_ object: WireObject, _ key: String) throws(WireError) -> String? {
        if let text = object.value(key)?.stringValue { return text.isEmpty ? nil : text }
        return try object.optionalObject(key)?.optionalText("guid")
    }

    /// `SV` or `EN` from `language.code`, else `nil`.
    private static func language(_ object: WireObject) throws(WireError) -> String? {
        guard let code = try object.optionalObject("language")?.optionalText("code")?.lowercased() else { return nil }
        return ["sv": "SV", "en": "EN"][String(code.prefix(2))]
    }

    /// The totals, when all three are given.
    private static func totals(_ object: WireObject) throws(WireError) -> InvoiceTotals? {
        guard let net = try object.optionalMoney("totalExcludingTax"), let vat = try object.optionalMoney("totalTax"),
            let total = try object.optionalMoney("totalIncludingTax")
        else { return nil }
        return InvoiceTotals(net: net, vat: vat, total: total)
    }
}
