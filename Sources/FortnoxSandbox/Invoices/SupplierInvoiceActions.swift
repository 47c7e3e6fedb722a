import Foundation
import JSONSupport
import SandboxKit

/// The actions on `/3/supplierinvoices/{GivenNumber}/<action>` (all PUT), with the same state rules as
/// customer invoices (INVENTED code 2099013 for a refused action): bookkeep an unbooked, uncancelled
/// invoice; cancel an unbooked one; credit a booked one, which creates a credit supplier invoice with
/// the rows' debit and credit swapped, linked both ways through `CreditReference`.
extension FortnoxStore {
    /// The supported actions.
    static let supplierInvoiceActions: Set<String> = ["bookkeep", "cancel", "credit"]

    /// Performs `action` on supplier invoice `key`.
    ///
    /// - Throws: 404 for an unknown invoice, 2099013 when its state forbids the action.
    mutating func supplierInvoiceAction(_ action: String, key: String, context: RequestContext)
        throws(FortnoxError) -> FortnoxReply
    {
        let handler = SupplierInvoiceHandler.shared
        guard var invoice = values(.supplierinvoices, key) else { throw handler.definition.notFound }
        let booked = invoice.flag("Booked")
        let cancelled = invoice.flag("Cancelled")
        func refused(_ message: String) -> FortnoxError {
            .badRequest(FortnoxErrorCode.invalidDocumentState, message)  // INVENTED code, see FortnoxErrorCode
        }
        switch action {
        case "bookkeep":
            if booked || cancelled { throw refused("Leverantörsfaktura \(key) är redan bokförd eller makulerad.") }
            let number = nextVoucherNumber(series: "D")
            let year =
                invoice.resolved("InvoiceDate").stringValue.flatMap(FortnoxCalendarDate.init)?.components.year
                ?? context.today.components.year
            invoice["Booked"] = true
            invoice["VoucherSeries"] = "D"
            invoice["VoucherNumber"] = .number(JSONNumber(number))
            invoice["VoucherYear"] = .number(JSONNumber(year))
            invoice["Vouchers"] = [
                [
                    "Number": .number(JSONNumber(number)), "ReferenceType": "SUPPLIERINVOICE", "Series": "D",
                    "Year": .number(JSONNumber(year)),
                ]
            ]
        case "cancel":
            if booked { throw refused("Leverantörsfaktura \(key) är bokförd och kan inte makuleras.") }
            if cancelled { throw refused("Leverantörsfaktura \(key) är redan makulerad.") }
            invoice["Cancelled"] = true
            invoice["Balance"] = "0"
        case "credit":
            if !booked { throw refused("Leverantörsfaktura \(key) är inte bokförd; makulera den i stället.") }
            if invoice.flag("Credit") || invoice.decimal("CreditReference") != 0 {
                throw refused("Leverantörsfaktura \(key) är en kreditfaktura eller redan krediterad.")
            }
            invoice = creditSupplierInvoice(invoice, key: key, context: context)
        default:
            throw .notFound(FortnoxErrorCode.routeNotFound, "Okänd åtgärd \(action).")  // INVENTED code
        }
        store(.supplierinvoices, key, invoice, context: context)
        handler.decorate(&invoice, in: self, context: context)
        return .entity(200, invoice)
    }

    private mutating func creditSupplierInvoice(_ original: FieldValues, key: String, context: RequestContext)
        -> FieldValues
    {
        let (number, position) = table(.supplierinvoices).peekNumber()
        var credit = original
        for field in ["Booked", "VoucherNumber", "VoucherSeries", "VoucherYear", "Vouchers", "FinalPayDate"] {
            credit[field] = nil
        }
        credit["GivenNumber"] = .string(number)
        credit["Credit"] = true
        credit["CreditReference"] = .number(JSONNumber(Int(key) ?? 0))
        credit["InvoiceDate"] = .string(context.today.description)
        credit["SupplierInvoiceRows"] = .array(
            (original.resolved("SupplierInvoiceRows").arrayValue ?? []).map { row in
                var members = row.objectValue ?? [:]
                (members["Debit"], members["Credit"]) = (members["Credit"] ?? 0, members["Debit"] ?? 0)
                (members["DebitCurrency"], members["CreditCurrency"]) =
                    (members["CreditCurrency"] ?? 0, members["DebitCurrency"] ?? 0)
                members["Total"] = FortnoxDecimal.json(-FortnoxDecimal.value(of: members["Total"]))
                return .object(members)
            }
        )
        for field in ["Total", "VAT"] { credit[field] = FortnoxDecimal.jsonText(-original.decimal(field)) }
        let open = original.decimal("Balance")
        let offset = min(max(open, 0), max(original.decimal("Total"), 0))
        credit["Balance"] = FortnoxDecimal.jsonText(-original.decimal("Total") + offset)
        var settled = original
        settled["Balance"] = FortnoxDecimal.jsonText(open - offset)
        if open - offset == 0 { settled["FinalPayDate"] = .string(context.today.description) }
        if credit.decimal("Balance") == 0 { credit["FinalPayDate"] = .string(context.today.description) }
        settled["CreditReference"] = .number(JSONNumber(Int(number) ?? 0))
        store(.supplierinvoices, number, credit, context: context)
        modifyTable(.supplierinvoices) { $0.commitNumber(position) }
        return settled
    }
}
