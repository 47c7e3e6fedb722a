import Foundation
import JSONSupport
import SandboxKit

/// Invoices (`invoices:*`). The API creates them from projects (`POST /v1/invoices`); seeds create them
/// directly. Totals are kept from the rows; a read-only status freezes the content.
enum InvoiceDefinitions {
    /// INVENTED: the first invoice number the emulated organisation hands out.
    static let firstInvoiceNumber: Int64 = 10_001

    /// `InvoiceOutputModel`. INVENTED: `projects` is a snapshot (`guid`, `name`, `number`) taken when the
    /// invoice is made; every other reference is rendered from the current record.
    ///
    /// INVENTED (the reference does not say which side names which): a credit note (`isCreditNote`,
    /// seeds only) names the invoice it credits in `reimburseInvoice`, and that original then names
    /// its credit note in `creditNoteInvoice`; both render `RelatedInvoiceSubModel` `{guid, number}`
    /// live. `invoiceNumberBusinessUnitGuid` is the first project's business unit (see
    /// ``InvoiceRules``).
    static let invoices = ResourceDefinition(
        kind: .invoices,
        schema: RecordSchema(
            [
                .guidField, FieldSpec(name: "number", kind: .int32, access: .seedOnly),
                .text("referenceNumber", access: .seedOnly),
                .reference(
                    "status", to: .invoiceStatuses,
                    SubModel.copying("name", "isSent", "isWaitingPayment", "isPaid")),
                .reference("customer", to: .customers, SeveraDefinitions.customerModel, access: .seedOnly),
                .stored("projects", access: .seedOnly), FieldSpec(name: "date", kind: .date, nullable: false),
                FieldSpec(name: "dueDate", kind: .date, nullable: false), .date("paymentDate"), .date("entryDate"),
                .integer("paymentTerm", absent: 0), .number("overdueInterest", absent: 0), .text("ourReference"),
                .text("yourReference"), .reference("currency", to: .currencies, SeveraDefinitions.currencyModel),
                .number("currencyRate", absent: 1),
            ] + totalsFields + [
                .text("receiverCustomerName"), .text("receiverContactGuid"), .text("receiverContactName"),
                .text("receiverContactEmail"), FieldSpec(name: "receiverAddress", kind: .structured),
                .text("receiverVatNumber"), .text("receiverKvkNumber"), .text("senderName"),
                .text("senderContactName"), .text("senderContactGuid"),
                FieldSpec(name: "senderAddress", kind: .structured), .text("senderVatNumber"),
                .text("senderKvkNumber"), .flag("isCreditNote", access: .seedOnly),
                .reference("reimburseInvoice", to: .invoices, relatedInvoiceModel, access: .seedOnly),
                .reference("creditNoteInvoice", to: .invoices, relatedInvoiceModel, access: .readOnly),
                .text("invoiceNumberBusinessUnitGuid", access: .seedOnly),
                .text("orderNumber"), .foreign("invoiceTemplate", "invoice template"),
                .foreign("culture", "formatting culture"),
                .reference("billingCustomer", to: .customers, SeveraDefinitions.customerModel, access: .seedOnly),
                .text("notes"), .stored("freeText1"), .stored("freeText2"),
                .reference("language", to: .languages, SeveraDefinitions.languageModel),
                .computed("canBeDeleted") { record, store in .bool(!isReadOnly(record, store)) },
                .number("workHourValueAddedTax", access: .readOnly),
            ] + FieldSpec.auditFields),
        numberField: "number",
        finish: InvoiceRules.finish,
        afterWrite: InvoiceRules.linkCreditNote,
        checkDelete: { record, store throws(SeveraAPIError) in
            // INVENTED: an invoice in a read-only status cannot be deleted.
            if isReadOnly(record, store) {
                throw .invalidOperation("The invoice is in a read-only status and cannot be deleted.")
            }
            // INVENTED: an invoice with a credit note cannot be deleted (the credit note would name nothing).
            if store.reference(.invoices, record, "creditNoteInvoice") != nil {
                throw .invalidOperation("The invoice has a credit note and cannot be deleted.")
            }
        },
        afterDelete: { store, record, now in
            InvoiceRules.unlinkCreditNote(&store, deleted: record)
            for position in store[.invoiceRows].childPositions(of: record.guid) {
                store[.invoiceRows].delete(at: Int(position))
            }
            for position in store[.invoiceFiles].childPositions(of: record.guid) {
                store[.invoiceFiles].delete(at: Int(position))
            }
            InvoiceRules.releaseFees(&store, now: now) { fee, store in
                store.reference(.projectFees, fee, "invoice") == record.guid
            }
        }
    )

    /// `RelatedInvoiceSubModel`: `{guid, number}` of a credit note or the invoice it credits.
    static let relatedInvoiceModel = SubModel.copying("number")

    /// The money totals Severa reports on an invoice, and the hours quantity.
    static let totalsFields: [FieldSpec] =
        [
            "totalIncludingTax", "totalExcludingTax", "totalTax", "workHoursTotalExcludingTax",
            "projectFeesTotalExcludingTax", "projectTravelExpensesTotalExcludingTax", "flatRatesTotalExcludingTax",
        ].map { FieldSpec.stored($0) } + [.number("workHoursQuantity", absent: 0, access: .readOnly)]

    /// Whether the invoice's status is read-only (*Not editable*).
    static func isReadOnly(_ invoice: StoredRecord, _ store: SeveraStore) -> Bool {
        guard let status = store.reference(.invoices, invoice, "status").flatMap({ store.record(.invoiceStatuses, $0) })
        else { return false }
        return SeveraDefinitions.flag(.invoiceStatuses, status, "isReadOnly")
    }

    /// The `InvoiceRowType` values.
    static let rowTypes = ["FlatRate", "Hours", "ProjectFees", "TravelExpenses"]

    /// `InvoiceRowOutputModel`. Rows cannot be POSTed through the API; seeds create them.
    static let invoiceRows = ResourceDefinition(
        kind: .invoiceRows,
        schema: RecordSchema(
            [
                .guidField, FieldSpec(name: "invoiceGuid", kind: .ownerGuid, access: .readOnly),
                .choice("rowType", rowTypes, required: true, absent: "ProjectFees", access: .createOnly),
                .text("description"), .number("quantity", absent: 0), .money("unitPrice"), .text("measurementUnit"),
                .number("vatRate"), .integer("sortOrder", absent: 0),
                FieldSpec(name: "salesAccount", kind: .structured),
                FieldSpec(name: "recurringSalesAccount", kind: .structured),
                FieldSpec(name: "costCenter", kind: .structured), FieldSpec(name: "vatAccount", kind: .structured),
                FieldSpec(name: "salesReceivableAccount", kind: .structured),
                .choice("category", ["Hours", "ProjectFees", "Travels"], absent: "ProjectFees", access: .readOnly),
                .text("flatRateGuid", access: .readOnly), .flag("hasInvoiceComment"),
                FieldSpec(name: "code", kind: .strings),
            ] + FieldSpec.auditFields),
        ownerField: ("invoiceGuid", .invoices),
        finish: InvoiceRules.finishRow,
        afterWrite: { store, position, _ in
            let row = store[.invoiceRows].records[position]
            if let invoice = row.owner { InvoiceRules.recomputeTotals(&store, invoice: invoice, now: row.updatedAt) }
        },
        checkDelete: { record, store throws(SeveraAPIError) in
            if let invoice = record.owner.flatMap({ store.record(.invoices, $0) }), isReadOnly(invoice, store) {
                throw .invalidOperation("The invoice is in a read-only status; its rows cannot be deleted.")
            }
        },
        afterDelete: { store, record, now in
            InvoiceRules.releaseFees(&store, now: now) { fee, store in
                store.string(.projectFees, fee, "invoiceRowGuid") == SeveraGUID.string(record.guid)
            }
            if let invoice = record.owner { InvoiceRules.recomputeTotals(&store, invoice: invoice, now: now) }
        }
    )

    /// `FileModel`; the contents live in ``SeveraStore/fileContents``.
    static let files = ResourceDefinition(
        kind: .files,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true),
                .computed("size") { record, store in .number(JSONNumber(store.fileContents[record.guid]?.count ?? 0)) },
                .text("description"), .text("contentType"), .choice("category", fileCategories, absent: "Misc"),
                .optionalFlag("isInternal"),
            ] + FieldSpec.auditFields)
    )

    /// The `FileCategory` values.
    static let fileCategories = [
        "Misc", "Application", "Projects", "Proposal", "ProjectFees", "Invoice", "Users", "ProjectTravelExpense",
        "Customer",
    ]

    /// `InvoiceFileModel`: an attachment of an invoice, pointing at its ``files`` record.
    static let invoiceFiles = ResourceDefinition(
        kind: .invoiceFiles,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true),
                .computed("size") { record, store in
                    let file = store.string(.invoiceFiles, record, "fileGuid").flatMap(SeveraGUID.parse)
                    return .number(JSONNumber(file.flatMap { store.fileContents[$0]?.count } ?? 0))
                },
                .text("description"), .text("contentType"), .choice("category", fileCategories, absent: "Invoice"),
                .optionalFlag("isInternal"), .text("fileGuid", access: .readOnly),
                FieldSpec(name: "invoiceGuid", kind: .ownerGuid, access: .readOnly), .integer("sortOrder"),
            ] + FieldSpec.auditFields),
        ownerField: ("invoiceGuid", .invoices)
    )
}
