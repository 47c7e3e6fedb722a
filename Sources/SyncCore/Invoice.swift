public import JSONSupport

/// A customer invoice in canonical form (R4: Severa creates, Fortnox owns the final invoice).
///
/// Read from Severa it holds what the invoice says; the invoice flow turns it into what is sent to
/// Fortnox (dimensions mapped, fields routed, long texts split) before the accounting side writes it.
public struct Invoice: SyncRecord {
    public static let entity = EntityKind.invoice

    /// Our sync key, written to Fortnox `ExternalInvoiceReference1` so a lost create can be found (R4.4).
    public var externalReference: String
    /// The Severa invoice number, when it has one; sent as Fortnox `ExternalInvoiceReference2` (R4.6).
    public var number: String?
    /// The customer's number: Severa's *billing* customer (MONEY-FLOWS decision 1).
    public var customerNumber: String
    /// The project number, when the invoice belongs to exactly one project.
    public var projectNumber: String?
    /// The invoice date.
    public var invoiceDate: LocalDate?
    /// The due date.
    public var dueDate: LocalDate?
    /// The currency code.
    public var currency: String
    /// Our reference (the seller's contact).
    public var ourReference: String?
    /// Your reference (the buyer's contact).
    public var yourReference: String?
    /// The buyer's order number; sent as Fortnox `YourOrderNumber` (R4.6 routes it).
    public var orderNumber: String?
    /// The invoice-level cost center code after mapping (R4.5).
    public var costCenter: String?
    /// The rows.
    public var rows: [InvoiceRow]
    /// Whether the invoice is a credit note.
    public var isCreditNote: Bool
    /// For a credit note: the id (Severa guid) of the invoice it credits.
    public var creditedInvoiceID: String?
    /// The invoice's status id (Severa guid) when it was read.
    public var statusID: String?
    /// The business unit the invoice belongs to (Severa guid), mapped to a cost center (R4.5).
    public var businessUnitID: String?
    /// The invoice language, `SV` or `EN` (Fortnox knows no other).
    public var language: String?
    /// Severa's free notes (not carried unless routed, R4.6).
    public var notes: String?
    /// Severa's reference number (not carried unless routed; Fortnox makes its own OCR, R4.6).
    public var referenceNumber: String?
    /// The receiver contact's name (not carried unless routed, R4.6).
    public var receiverContactName: String?
    /// Fortnox `Remarks`, filled by a route (R4.6).
    public var remarks: String?
    /// Fortnox `Comments`, filled by a route (R4.6).
    public var comments: String?
    /// The totals the side reports, compared after the create (never sent).
    public var totals: InvoiceTotals?

    /// Creates an invoice.
    public init(
        externalReference: String, number: String? = nil, customerNumber: String, projectNumber: String? = nil,
        invoiceDate: LocalDate? = nil, dueDate: LocalDate? = nil, currency: String, ourReference: String? = nil,
        yourReference: String? = nil, orderNumber: String? = nil, costCenter: String? = nil, rows: [InvoiceRow],
        isCreditNote: Bool = false, creditedInvoiceID: String? = nil, statusID: String? = nil,
        businessUnitID: String? = nil, language: String? = nil, notes: String? = nil, referenceNumber: String? = nil,
        receiverContactName: String? = nil, remarks: String? = nil, comments: String? = nil,
        totals: InvoiceTotals? = nil
    ) {
        self.externalReference = externalReference
        self.number = number
        self.customerNumber = customerNumber
        self.projectNumber = projectNumber
        self.invoiceDate = invoiceDate
        self.dueDate = dueDate
        self.currency = currency
        self.ourReference = ourReference
        self.yourReference = yourReference
        self.orderNumber = orderNumber
        self.costCenter = costCenter
        self.rows = rows
        self.isCreditNote = isCreditNote
        self.creditedInvoiceID = creditedInvoiceID
        self.statusID = statusID
        self.businessUnitID = businessUnitID
        self.language = language
        self.notes = notes
        self.referenceNumber = referenceNumber
        self.receiverContactName = receiverContactName
        self.remarks = remarks
        self.comments = comments
        self.totals = totals
    }

    public var naturalKey: String { externalReference }

    /// How operators name the invoice: its Severa number, or its guid before it has one.
    public var displayKey: String { number ?? externalReference }

    public var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("externalReference", externalReference)
        writer.set("number", number)
        writer.set("customerNumber", customerNumber)
        writer.set("projectNumber", projectNumber)
        writer.set("invoiceDate", invoiceDate)
        writer.set("dueDate", dueDate)
        writer.set("currency", currency)
        writer.set("ourReference", ourReference)
        writer.set("yourReference", yourReference)
        writer.set("orderNumber", orderNumber)
        writer.set("costCenter", costCenter)
        writer.set("rows", json: .array(rows.map(\.canonicalJSON)))
        if isCreditNote { writer.set("isCreditNote", true) }
        writer.set("creditedInvoiceID", creditedInvoiceID)
        writer.set("statusID", statusID)
        writer.set("businessUnitID", businessUnitID)
        writer.set("language", language)
        writer.set("notes", notes)
        writer.set("referenceNumber", referenceNumber)
        writer.set("receiverContactName", receiverContactName)
        writer.set("remarks", remarks)
        writer.set("comments", comments)
        writer.set("totals", json: totals?.canonicalJSON)
        return writer.json
    }

    public init(canonicalJSON: JSONValue) throws(CanonicalFormError) {
        let reader = try CanonicalReader(canonicalJSON, entity: Self.entity)
        var rows: [InvoiceRow] = []
        for rowReader in try reader.objectArray("rows") { rows.append(try InvoiceRow(reader: rowReader)) }
        self.init(
            externalReference: try reader.string("externalReference"),
            number: try reader.optionalString("number"),
            customerNumber: try reader.string("customerNumber"),
            projectNumber: try reader.optionalString("projectNumber"),
            invoiceDate: try reader.optionalDate("invoiceDate"),
            dueDate: try reader.optionalDate("dueDate"),
            currency: try reader.string("currency"),
            ourReference: try reader.optionalString("ourReference"),
            yourReference: try reader.optionalString("yourReference"),
            orderNumber: try reader.optionalString("orderNumber"),
            costCenter: try reader.optionalString("costCenter"),
            rows: rows,
            isCreditNote: try reader.bool("isCreditNote", default: false),
            creditedInvoiceID: try reader.optionalString("creditedInvoiceID"),
            statusID: try reader.optionalString("statusID"),
            businessUnitID: try reader.optionalString("businessUnitID"),
            language: try reader.optionalString("language"),
            notes: try reader.optionalString("notes"),
            referenceNumber: try reader.optionalString("referenceNumber"),
            receiverContactName: try reader.optionalString("receiverContactName"),
            remarks: try reader.optionalString("remarks"),
            comments: try reader.optionalString("comments"),
            totals: try reader.optionalObject("totals").map { nested throws(CanonicalFormError) in
                try InvoiceTotals(reader: nested)
            }
        )
    }
}

/// An invoice's totals as a side reports them: net, VAT and the total to pay.
public struct InvoiceTotals: Sendable, Hashable {
    /// The total excluding VAT (Severa `totalExcludingTax`, Fortnox `Net`).
    public var net: Money
    /// The VAT (Severa `totalTax`, Fortnox `TotalVAT`).
    public var vat: Money
    /// The total including VAT (Severa `totalIncludingTax`, Fortnox `Total`, after `RoundOff`).
    public var total: Money
    /// Fortnox's rounding of the total to whole units (`RoundOff`), when it made one.
    public var roundOff: Money?

    /// Creates totals.
    public init(net: Money, vat: Money, total: Money, roundOff: Money? = nil) {
        self.net = net
        self.vat = vat
        self.total = total
        self.roundOff = roundOff
    }

    var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("net", net)
        writer.set("vat", vat)
        writer.set("total", total)
        writer.set("roundOff", roundOff)
        return writer.json
    }

    init(reader: CanonicalReader) throws(CanonicalFormError) {
        guard let net = try reader.optionalMoney("net"), let vat = try reader.optionalMoney("vat"),
            let total = try reader.optionalMoney("total")
        else { throw reader.error("net", reason: "totals need net, vat and total") }
        self.init(net: net, vat: vat, total: total, roundOff: try reader.optionalMoney("roundOff"))
    }
}
