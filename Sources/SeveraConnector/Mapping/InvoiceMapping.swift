import Foundation
import JSONSupport
import SyncCore

/// Severa `InvoiceOutputModel` and its `InvoiceRowOutputModel`s → canonical ``Invoice`` (R4).
///
/// | canonical | Severa |
/// |---|---|
/// | `externalReference` | the invoice `guid` (our sync key, R4.4) |
/// | `number` | `number` (absent until the status numbers it) |
/// | `customerNumber` | `customer.number` (required) |
/// | `projectNumber` | `projects[0].number`, the first project |
/// | `invoiceDate`, `dueDate` | `date`, `dueDate` |
/// | `currency` | `currency.code` (required) |
/// | `ourReference`, `yourReference`, `orderNumber` | same names |
/// | `costCenter` | not set: a Severa invoice has no cost center of its own; its rows do (R4.5) |
/// | rows, by `sortOrder` | `code[0]` → `productCode`, `description`, `quantity`, `measurementUnit` (unit aliases) → `unit`, `unitPrice`, `vatRate`, `costCenter.number` (cost center aliases) → `costCenter`; `projectNumber` is the invoice's when it has exactly one project |
enum InvoiceMapping {
    /// Reads an invoice and its rows (in any order).
    static func invoice(
        _ object: WireObject, rows: [WireObject], options: SeveraConnector.Options
    ) throws(WireError) -> Invoice {
        guard let customer = try object.optionalObject("customer"),
            let customerNumber = try customer.optionalInt64("number")
        else {
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
        let rowProject = projectNumbers.count == 1 ? projectNumbers.first : nil
        var canonicalRows: [(order: Int64, index: Int, row: InvoiceRow)] = []
        for (index, row) in rows.enumerated() {
            canonicalRows.append(
                (
                    try row.optionalInt64("sortOrder") ?? 0, index,
                    try invoiceRow(row, projectNumber: rowProject, options: options)
                ))
        }
        canonicalRows.sort { ($0.order, $0.index) < ($1.order, $1.index) }
        return Invoice(
            externalReference: try object.guid(),
            number: try object.optionalInt64("number").map { String($0) },
            customerNumber: String(customerNumber),
            projectNumber: projectNumbers.first,
            invoiceDate: try object.optionalDate("date"),
            dueDate: try object.optionalDate("dueDate"),
            currency: currency.uppercased(),
            ourReference: try object.optionalText("ourReference"),
            yourReference: try object.optionalText("yourReference"),
            orderNumber: try object.optionalText("orderNumber"),
            rows: canonicalRows.map(\.row)
        )
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
            projectNumber: projectNumber
        )
    }
}
