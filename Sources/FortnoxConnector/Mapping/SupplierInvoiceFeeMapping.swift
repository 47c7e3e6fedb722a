import Foundation
import SyncCore

/// Supplier-invoice rows booked to a project (`fortnox_SupplierInvoice`, fortnox-api.md §7.8) →
/// ``ProjectFee`` (R5).
///
/// - **Which invoices.** Cancelled invoices give no fees. With
///   ``FortnoxConnector/Options/feesRequireBookedSupplierInvoices`` (the default) only booked invoices
///   do: their rows can no longer change, so a row transferred once (R5.4) stays right. A credit
///   supplier invoice (`Credit`) gives fees with negative amounts (its debits and credits are swapped),
///   which reverse the costs of the invoice it credits. A cancellation or credit after a fee was
///   transferred does not remove the fee; the credit's negative fees offset it.
/// - **Which rows.** Rows with a project (the row's `Project`, else the invoice's) that are costs: the
///   accounts-payable row (`TOT`), VAT rows (`VAT`, and the reverse-charge pairs `CND`/`CNC`,
///   `PRD`/`PRC`, `SRD`/`SRC`) and the rounding row (`ROV`) are left out, as are rows of amount 0.
/// - **Amounts (R5.2).** A cost row's `Debit − Credit` is its amount without VAT (VAT is booked on
///   its own rows) in the company currency. With a `Quantity` that divides it exactly into the
///   currency's units, the fee is `Quantity` × (amount / `Quantity`); otherwise 1 × amount, so the
///   fee's total is always the booked amount exactly.
/// - **Keys.** `sourceReference` = `fortnox:supplierinvoice/<GivenNumber>/row/<n>`, `n` the row's
///   1-based position among all the invoice's rows (stable once booked); `productCode` from
///   `ArticleNumber` (none → the default product applies, R5.3); the date is `InvoiceDate`; the text
///   is `ItemDescription`, else `TransactionInformation`, else "Supplier invoice … from …".
struct SupplierInvoiceFeeMapping: Sendable {
    /// Row codes that are not costs.
    static let nonCostCodes: Set<String> = ["TOT", "VAT", "ROV", "CND", "CNC", "PRD", "PRC", "SRD", "SRC"]

    /// The company currency of `Debit`/`Credit`.
    let currency: CurrencyCode
    /// Whether only booked invoices give fees.
    let requireBooked: Bool

    /// The source reference of row `position` (1-based) of supplier invoice `givenNumber`.
    static func sourceReference(givenNumber: String, position: Int) -> String {
        "fortnox:supplierinvoice/\(givenNumber)/row/\(position)"
    }

    /// The fees of one full supplier invoice, with unreadable rows reported as such.
    func items(of entity: WireEntity, givenNumber: String) -> [PageItem<ProjectFee>] {
        let invoiceID = "supplierinvoice/\(givenNumber)"
        let header: Header
        do {
            header = try Header(entity)
        } catch {
            return [
                .unreadable(
                    UnreadableRecord(
                        id: invoiceID, naturalKey: nil, reason: "supplier invoice \(givenNumber): \(error)"))
            ]
        }
        if header.cancelled || (requireBooked && !header.booked) { return [] }
        let rows: [WireEntity]
        do {
            rows = try entity.objects("SupplierInvoiceRows")
        } catch {
            return [
                .unreadable(
                    UnreadableRecord(
                        id: invoiceID, naturalKey: nil, reason: "supplier invoice \(givenNumber): \(error)"))
            ]
        }
        var items: [PageItem<ProjectFee>] = []
        for (index, row) in rows.enumerated() {
            let reference = SupplierInvoiceFeeMapping.sourceReference(givenNumber: givenNumber, position: index + 1)
            do {
                if let fee = try fee(from: row, header: header, reference: reference) {
                    items.append(.record(RemoteRecord(id: reference, record: fee)))
                }
            } catch {
                items.append(
                    .unreadable(
                        UnreadableRecord(id: reference, naturalKey: reference, reason: "\(reference): \(error)")))
            }
        }
        return items
    }

    private func fee(from row: WireEntity, header: Header, reference: String) throws(WireFieldError) -> ProjectFee? {
        if let code = try row.text("Code")?.uppercased(), SupplierInvoiceFeeMapping.nonCostCodes.contains(code) {
            return nil
        }
        guard let project = try row.text("Project") ?? header.project else { return nil }
        let amount = (try row.decimal("Debit") ?? 0) - (try row.decimal("Credit") ?? 0)
        guard amount != 0 else { return nil }
        let total: Money
        do {
            total = try Money(decimal: amount, currency: currency)
        } catch {
            throw row.problem("Debit", "the amount \(amount) is not exact in \(currency): \(error.reason)")
        }
        var quantity = try row.decimal("Quantity") ?? 0
        var unitAmount = total
        if quantity != 0, let perUnit = try? Money(decimal: amount / quantity, currency: currency),
            perUnit.decimal * quantity == amount
        {
            unitAmount = perUnit
        } else {
            quantity = 1
        }
        let itemText = try row.text("ItemDescription")
        let transactionText = try row.text("TransactionInformation")
        let description =
            itemText ?? transactionText ?? "Supplier invoice \(header.invoiceNumber) from \(header.supplier)"
        return ProjectFee(
            sourceReference: reference, projectNumber: project, productCode: try row.text("ArticleNumber"),
            description: description, date: header.date, quantity: quantity, unitAmount: unitAmount)
    }

    /// What the rows need from the invoice.
    private struct Header {
        let cancelled: Bool
        let booked: Bool
        let project: String?
        let date: LocalDate?
        let invoiceNumber: String
        let supplier: String

        init(_ entity: WireEntity) throws(WireFieldError) {
            cancelled = try entity.bool("Cancelled", default: false)
            booked = try entity.bool("Booked", default: false)
            project = try entity.text("Project")
            date = try entity.date("InvoiceDate")
            let givenNumber = try entity.requiredText("GivenNumber")
            invoiceNumber = try entity.text("InvoiceNumber") ?? givenNumber
            let supplierNumber = try entity.text("SupplierNumber")
            supplier = try entity.text("SupplierName") ?? supplierNumber ?? "an unnamed supplier"
        }
    }
}
