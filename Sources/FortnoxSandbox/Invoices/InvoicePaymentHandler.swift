import Foundation
import JSONSupport
import SandboxKit

/// `/3/invoicepayments`: a payment lowers its invoice's `Balance`; when nothing remains open (or the
/// invoice is overpaid) the invoice gets `FinalPayDate` = the payment date. Deleting or changing an
/// unbooked payment adjusts the balance back; a booked payment is locked.
///
/// INVENTED (the reference marks it UNVERIFIED): a payment needs a booked, uncancelled invoice
/// (2099014 otherwise), as the SDK's test bookkeeps before paying. The amounts follow
/// ``PaymentAmounts``: `Amount` is in SEK, `AmountCurrency` in the invoice's currency, and a payment
/// without either settles the open balance. Whether a payment moves its invoice's `lastmodified` is
/// UNVERIFIED: it does unless ``FortnoxEmulator/setPaymentsTouchInvoices(_:)`` turns that off.
struct InvoicePaymentHandler: ResourceHandler {
    /// The handler.
    static let shared = InvoicePaymentHandler()

    /// The payment entity.
    static let schema = EntitySchema(
        wrapper: "InvoicePayment",
        fields: [
            FieldSpec("@url", .text(maxLength: nil), .readOnly),
            FieldSpec("Amount", .decimal(scale: 2)),
            FieldSpec("AmountCurrency", .decimal(scale: 2)),
            FieldSpec("Booked", .boolean, .readOnly, absent: false),
            FieldSpec("Currency", .text(maxLength: 3), .readOnly, absent: "SEK"),
            FieldSpec("CurrencyRate", .decimal(scale: 6), absent: 1),
            FieldSpec("CurrencyUnit", .decimal(scale: nil), absent: 1),
            FieldSpec("ExternalInvoiceReference1", .text(maxLength: nil), .readOnly, absent: ""),
            FieldSpec("ExternalInvoiceReference2", .text(maxLength: nil), .readOnly, absent: ""),
            FieldSpec("InvoiceCustomerName", .text(maxLength: nil), .readOnly, absent: ""),
            FieldSpec("InvoiceCustomerNumber", .text(maxLength: nil), .readOnly, absent: ""),
            FieldSpec("InvoiceDueDate", .date, .readOnly),
            FieldSpec("InvoiceNumber", .integer, .createOnly),
            FieldSpec("InvoiceOCR", .text(maxLength: nil), .readOnly, absent: ""),
            FieldSpec("InvoiceTotal", .text(maxLength: nil), .readOnly, absent: "0"),
            FieldSpec("ModeOfPayment", .text(maxLength: nil), absent: ""),
            FieldSpec("ModeOfPaymentAccount", .integer, absent: 1930),
            FieldSpec("Number", .text(maxLength: nil), .readOnly),
            FieldSpec("PaymentDate", .date),
            FieldSpec("Source", .text(maxLength: nil), .readOnly, absent: "manual"),
            FieldSpec("VoucherNumber", .integer, .readOnly),
            FieldSpec("VoucherSeries", .text(maxLength: nil), .readOnly),
            FieldSpec("VoucherYear", .integer, .readOnly),
            FieldSpec("WriteOffs", .nested, absent: []),
        ]
    )

    /// The members of a write-off.
    static let writeOff = EntitySchema(
        wrapper: "WriteOff",
        fields: [
            FieldSpec("AccountNumber", .integer),
            FieldSpec("Amount", .decimal(scale: 2), absent: 0),
            FieldSpec("CostCenter", .text(maxLength: 6), absent: ""),
            FieldSpec("Currency", .text(maxLength: 3), absent: "SEK"),
            FieldSpec("Description", .text(maxLength: nil), absent: ""),
            FieldSpec("Project", .text(maxLength: 20), absent: ""),
            FieldSpec("TransactionInformation", .text(maxLength: nil), absent: ""),
        ]
    )

    let definition = ResourceDefinition(
        resource: .invoicepayments,
        schema: InvoicePaymentHandler.schema,
        listItem: ListItemSchema(
            listKey: "InvoicePayments", detail: InvoicePaymentHandler.schema,
            fields: [
                ("@url", "@url", .same), ("Amount", "Amount", .same), ("Booked", "Booked", .same),
                ("Currency", "Currency", .same), ("CurrencyRate", "CurrencyRate", .same),
                ("CurrencyUnit", "CurrencyUnit", .same), ("InvoiceNumber", "InvoiceNumber", .same),
                ("Number", "Number", .same), ("PaymentDate", "PaymentDate", .same), ("Source", "Source", .same),
                ("WriteOffExist", "WriteOffs", .nonEmptyArray),
            ]
        ),
        keyField: "Number",
        keying: .serverOnly,
        listOptions: ListOptions(
            searches: ["invoicenumber": "InvoiceNumber"], sortKeys: ["paymentdate": "PaymentDate"]),
        notFound: .notFound(FortnoxErrorCode.invoicePaymentNotFound, "Kan inte hitta inbetalningen."),  // INVENTED
        itemMethods: ["GET", "PUT", "DELETE"]
    )

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        let invoice = try payableInvoice(values, in: store)
        if values.resolved("PaymentDate") == .null { values["PaymentDate"] = .string(context.today.description) }
        PaymentAmounts.complete(&values, invoice: invoice)
        try complete(&values, invoice: invoice, in: store)
    }

    func prepareUpdate(
        _ values: inout FieldValues, previous: FieldValues, patch: FieldValues, in store: FortnoxStore,
        context: RequestContext
    ) throws(FortnoxError) {
        try requireUnbooked(previous)
        let invoice = try payableInvoice(values, in: store)
        if patch.isSet("Amount"), !patch.isSet("AmountCurrency") { values["AmountCurrency"] = nil }
        if patch.isSet("AmountCurrency"), !patch.isSet("Amount") { values["Amount"] = nil }
        if values.resolved("PaymentDate") == .null { values["PaymentDate"] = previous["PaymentDate"] }
        PaymentAmounts.complete(&values, invoice: invoice)
        try complete(&values, invoice: invoice, in: store)
    }

    func didWrite(
        key: String, values: FieldValues, previous: FieldValues?, store: inout FortnoxStore, context: RequestContext
    ) {
        let change = InvoicePaymentHandler.settled(by: values) - (previous.map(InvoicePaymentHandler.settled) ?? 0)
        store.adjustBalance(
            ofInvoice: values.text("InvoiceNumber"), by: -change, paidOn: values.text("PaymentDate"),
            context: context)
    }

    func prepareDelete(key: String, values: FieldValues, in store: FortnoxStore) throws(FortnoxError) {
        try requireUnbooked(values)
    }

    func didDelete(key: String, values: FieldValues, store: inout FortnoxStore, context: RequestContext) {
        store.adjustBalance(
            ofInvoice: values.text("InvoiceNumber"), by: InvoicePaymentHandler.settled(by: values), paidOn: nil,
            context: context
        )
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        values["@url"] = .string(context.url("invoicepayments", values.text("Number")))
    }

    /// What a payment settles on its invoice, in the invoice's currency: the amount (``PaymentAmounts``)
    /// plus its write-offs.
    static func settled(by payment: FieldValues) -> Decimal {
        let writeOffs = payment.resolved("WriteOffs").arrayValue ?? []
        return PaymentAmounts.settledAmount(of: payment)
            + writeOffs.reduce(0) { $0 + FortnoxDecimal.value(of: $1["Amount"]) }
    }

    private func payableInvoice(_ values: FieldValues, in store: FortnoxStore) throws(FortnoxError) -> FieldValues {
        let number = values.text("InvoiceNumber")
        if number.isEmpty { throw .required("InvoiceNumber") }
        guard let invoice = store.values(.invoices, number) else {
            throw .badRequest(FortnoxErrorCode.invoiceNotFound, "Kan inte hitta fakturan \(number).")
        }
        if invoice.flag("Cancelled") {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.invalidDocumentState, "Faktura \(number) är makulerad och kan inte betalas."
            )
        }
        if !invoice.flag("Booked") {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.invoiceNotBooked, "Faktura \(number) måste vara bokförd innan den kan betalas."
            )
        }
        return invoice
    }

    private func complete(_ values: inout FieldValues, invoice: FieldValues, in store: FortnoxStore)
        throws(FortnoxError)
    {
        try FortnoxStore.checkAccount(values, "ModeOfPaymentAccount")
        if let writeOffs = values["WriteOffs"] {
            guard case .array(let elements) = writeOffs else { throw .wrongBody(expected: "WriteOffs") }
            var normalized: [JSONValue] = []
            for element in elements {
                guard case .object(let members) = element else { throw .wrongBody(expected: "WriteOffs") }
                let writeOff = try InvoicePaymentHandler.writeOff.input(from: members)
                try FortnoxStore.checkAccount(writeOff, "AccountNumber")
                if writeOff.resolved("AccountNumber") == .null { throw .required("WriteOffs.AccountNumber") }
                try store.checkProject(writeOff.text("Project"), field: "WriteOffs.Project")
                try store.checkCostCenter(writeOff.text("CostCenter"), field: "WriteOffs.CostCenter")
                normalized.append(InvoicePaymentHandler.writeOff.json(writeOff))
            }
            values["WriteOffs"] = .array(normalized)
        }
        values["InvoiceCustomerName"] = invoice.resolved("CustomerName")
        values["InvoiceCustomerNumber"] = invoice.resolved("CustomerNumber")
        values["InvoiceDueDate"] = invoice.resolved("DueDate")
        values["InvoiceOCR"] = invoice.resolved("OCR")
        values["InvoiceTotal"] = .string(invoice.text("Total"))
        values["ExternalInvoiceReference1"] = invoice.resolved("ExternalInvoiceReference1")
        values["ExternalInvoiceReference2"] = invoice.resolved("ExternalInvoiceReference2")
    }

    private func requireUnbooked(_ payment: FieldValues) throws(FortnoxError) {
        if payment.flag("Booked") {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.paymentLocked, "Inbetalning \(payment.text("Number")) är bokförd och kan inte ändras."
            )
        }
    }
}

extension FortnoxStore {
    /// Changes an invoice's `Balance` by `delta`; `FinalPayDate` becomes `paidOn` when the invoice is
    /// settled and is cleared when it is not. Settled means nothing open: `Balance <= 0` for an
    /// invoice (INVENTED: an overpaid invoice counts as fully paid), `Balance >= 0` for a credit
    /// invoice (negative total). The invoice's `lastmodified` moves unless ``paymentsTouchInvoices``
    /// is off.
    mutating func adjustBalance(ofInvoice number: String, by delta: Decimal, paidOn: String?, context: RequestContext) {
        guard var invoice = values(.invoices, number) else { return }
        let balance = invoice.decimal("Balance") + delta
        invoice["Balance"] = FortnoxDecimal.json(balance)
        if FortnoxStore.isSettled(invoice) {
            invoice["FinalPayDate"] =
                paidOn.map { .string($0) } ?? invoice["FinalPayDate"] ?? .string(context.today.description)
        } else {
            invoice["FinalPayDate"] = .null
        }
        store(.invoices, number, invoice, context: context, touch: paymentsTouchInvoices)
    }

    /// Whether nothing remains open on `invoice`: its balance is at or past zero in the direction of its
    /// total (an overpayment included).
    static func isSettled(_ invoice: FieldValues) -> Bool {
        let balance = invoice.decimal("Balance")
        return invoice.decimal("Total") < 0 ? balance >= 0 : balance <= 0
    }

    /// `PUT /3/invoicepayments/{Number}/bookkeep`.
    mutating func bookkeepPayment(key: String, context: RequestContext) throws(FortnoxError) -> FortnoxReply {
        let handler = InvoicePaymentHandler.shared
        guard var payment = values(.invoicepayments, key) else { throw handler.definition.notFound }
        if payment.flag("Booked") {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.invalidDocumentState, "Inbetalning \(key) är redan bokförd."
            )
        }
        payment["Booked"] = true
        payment["VoucherSeries"] = "C"
        payment["VoucherNumber"] = .number(JSONNumber(nextVoucherNumber(series: "C")))
        let year = payment.resolved("PaymentDate").stringValue.flatMap(FortnoxCalendarDate.init)?.components.year
        payment["VoucherYear"] = .number(JSONNumber(year ?? context.today.components.year))
        store(.invoicepayments, key, payment, context: context)
        handler.decorate(&payment, in: self, context: context)
        return .entity(200, payment)
    }
}
