import Foundation
import JSONSupport
import SandboxKit

/// `/3/supplierinvoices`: the supplier must exist; `GivenNumber` is always assigned by the server;
/// rows are completed with `VAT` and `TOT` and must balance (see ``SupplierInvoiceRowBuilder``). Only an
/// invoice that is neither booked nor cancelled can be updated; there is no DELETE.
struct SupplierInvoiceHandler: ResourceHandler {
    /// The handler.
    static let shared = SupplierInvoiceHandler()

    let definition = ResourceDefinition(
        resource: .supplierinvoices,
        schema: SupplierInvoiceSchema.entity,
        listItem: SupplierInvoiceSchema.listItem,
        keyField: "GivenNumber",
        keying: .serverOnly,
        listOptions: ListOptions(
            filters: [
                "cancelled", "fullypaid", "unpaid", "unpaidoverdue", "unbooked", "pendingpayment", "authorizepending",
            ],
            searches: [
                "suppliernumber": "SupplierNumber", "ocr": "OCR", "invoicenumber": "InvoiceNumber",
                // INVENTED detail: project and cost center match the header or any row.
                "project": "Project|SupplierInvoiceRows.Project",
                "costcenter": "CostCenter|SupplierInvoiceRows.CostCenter",
            ],
            sortKeys: ["givennumber": "GivenNumber", "invoicedate": "InvoiceDate", "suppliernumber": "SupplierNumber"],
            dateRanges: ["fromdate": ("InvoiceDate", true), "todate": ("InvoiceDate", false)]
        ),
        // INVENTED code, see FortnoxErrorCode
        notFound: .notFound(FortnoxErrorCode.supplierInvoiceNotFound, "Kan inte hitta leverantörsfakturan."),
        itemMethods: ["GET", "PUT"]
    )

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        let supplier = try self.supplier(values, in: store)
        values["SupplierName"] = supplier.resolved("Name")
        if values.resolved("InvoiceDate") == .null { values["InvoiceDate"] = .string(context.today.description) }
        if values.resolved("DueDate") == .null,
            let date = values.resolved("InvoiceDate").stringValue.flatMap(FortnoxCalendarDate.init)
        {
            values["DueDate"] = .string(date.adding(days: Int(supplier.text("TermsOfPayment")) ?? 30).description)
        }
        try validateHeader(values, in: store)
        try buildRows(
            &values, sent: values.resolved("SupplierInvoiceRows").arrayValue, given: values, supplier: supplier,
            in: store
        )
    }

    func prepareUpdate(
        _ values: inout FieldValues, previous: FieldValues, patch: FieldValues, in store: FortnoxStore,
        context: RequestContext
    ) throws(FortnoxError) {
        if previous.flag("Booked") || previous.flag("Cancelled") {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.documentLocked,
                "Leverantörsfaktura \(previous.text("GivenNumber")) är bokförd eller makulerad och kan inte ändras."
            )
        }
        let supplier = try self.supplier(values, in: store)
        values["SupplierName"] = supplier.resolved("Name")
        try validateHeader(values, in: store)
        if let sent = patch["SupplierInvoiceRows"] {
            try buildRows(&values, sent: sent.arrayValue, given: patch, supplier: supplier, in: store)
        } else if patch.isSet("Total") || patch.isSet("VAT") {
            // The generated rows follow the header: drop TOT (and VAT when the VAT changed) and rebuild.
            let kept = (previous.resolved("SupplierInvoiceRows").arrayValue ?? []).filter { row in
                let code = row["Code"]?.stringValue
                return code != "TOT" && !(patch.isSet("VAT") && code == "VAT")
            }
            try buildRows(&values, sent: kept, given: patch, supplier: supplier, in: store)
        }
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        values["@url"] = .string(context.url("supplierinvoices", values.text("GivenNumber")))
    }

    func matches(filter: String, _ values: FieldValues, context: RequestContext) -> Bool {
        let cancelled = values.flag("Cancelled")
        let booked = values.flag("Booked")
        let open = values.decimal("Balance") != 0
        switch filter {
        case "cancelled": return cancelled
        case "fullypaid": return !cancelled && !open
        case "unpaid": return !cancelled && booked && open
        case "unpaidoverdue":
            let due = values.resolved("DueDate").stringValue.flatMap(FortnoxCalendarDate.init)
            return !cancelled && booked && open && due.map { $0 < context.today } ?? false
        case "unbooked": return !cancelled && !booked
        case "pendingpayment": return values.flag("PaymentPending")
        default: return false  // authorizepending: the emulator has no approval flow
        }
    }

    private func supplier(_ values: FieldValues, in store: FortnoxStore) throws(FortnoxError) -> FieldValues {
        let number = values.text("SupplierNumber")
        if number.isEmpty { throw .required("SupplierNumber") }
        guard let supplier = store.values(.suppliers, number) else {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.supplierReferenceNotFound, "Kan inte hitta leverantören \(number) (SupplierNumber)."
            )
        }
        return supplier
    }

    private func validateHeader(_ values: FieldValues, in store: FortnoxStore) throws(FortnoxError) {
        let project = values.text("Project")
        if !project.isEmpty { try store.requireProjectAccounting(field: "Project") }
        try store.checkProject(project)
        try store.checkCostCenter(values.text("CostCenter"))
        try FortnoxStore.checkCurrency(values.text("Currency"))
    }

    private func buildRows(
        _ values: inout FieldValues, sent: [JSONValue]?, given: FieldValues, supplier: FieldValues,
        in store: FortnoxStore
    ) throws(FortnoxError) {
        guard let sent else { throw .wrongBody(expected: "SupplierInvoiceRows") }
        let costAccount = Int64(supplier.text("PreDefinedAccount")) ?? SupplierInvoiceSchema.defaultCostAccount
        let result = try SupplierInvoiceRowBuilder(store: store).build(
            sent: sent,
            headerTotal: given["Total"].flatMap(FortnoxDecimal.parse),
            headerVAT: given["VAT"].flatMap(FortnoxDecimal.parse),
            costAccount: costAccount
        )
        values["SupplierInvoiceRows"] = .array(result.rows)
        values["Total"] = FortnoxDecimal.jsonText(result.total)
        values["VAT"] = FortnoxDecimal.jsonText(result.vat)
        values["Balance"] = FortnoxDecimal.jsonText(result.total)
    }
}
