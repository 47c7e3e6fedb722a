public import Foundation
public import JSONSupport

/// One row of a customer invoice (R4.2).
public struct InvoiceRow: Sendable, Hashable {
    /// The product code (Fortnox `ArticleNumber`), when the row names a product.
    public var productCode: String?
    /// The row text.
    public var description: String
    /// The quantity, exact.
    public var quantity: Decimal
    /// The unit, e.g. `h`.
    public var unit: String?
    /// The price per unit, excluding VAT.
    public var unitPrice: Money
    /// The VAT rate in percent.
    public var vatRate: Decimal
    /// The cost center code of the row (R4.5), after mapping; `nil` leaves the dimension empty.
    public var costCenter: String?
    /// The project number of the row.
    public var projectNumber: String?

    /// Creates a row.
    public init(
        productCode: String?, description: String, quantity: Decimal, unit: String? = nil, unitPrice: Money,
        vatRate: Decimal, costCenter: String? = nil, projectNumber: String? = nil
    ) {
        self.productCode = productCode
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.vatRate = vatRate
        self.costCenter = costCenter
        self.projectNumber = projectNumber
    }

    var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("productCode", productCode)
        writer.set("description", description)
        writer.set("quantity", quantity)
        writer.set("unit", unit)
        writer.set("unitPrice", unitPrice)
        writer.set("vatRate", vatRate)
        writer.set("costCenter", costCenter)
        writer.set("projectNumber", projectNumber)
        return writer.json
    }

    init(reader: CanonicalReader) throws(CanonicalFormError) {
        guard let quantity = try reader.optionalDecimal("quantity") else {
            throw reader.error("quantity", reason: "missing")
        }
        guard let unitPrice = try reader.optionalMoney("unitPrice") else {
            throw reader.error("unitPrice", reason: "missing")
        }
        guard let vatRate = try reader.optionalDecimal("vatRate") else {
            throw reader.error("vatRate", reason: "missing")
        }
        self.init(
            productCode: try reader.optionalString("productCode"),
            description: try reader.string("description"),
            quantity: quantity,
            unit: try reader.optionalString("unit"),
            unitPrice: unitPrice,
            vatRate: vatRate,
            costCenter: try reader.optionalString("costCenter"),
            projectNumber: try reader.optionalString("projectNumber")
        )
    }
}

/// A customer invoice in canonical form (R4: Severa creates, Fortnox owns the final invoice).
public struct Invoice: SyncRecord {
    public static let entity = EntityKind.invoice

    /// Our sync key, written to Fortnox `ExternalInvoiceReference1` so a lost create can be found (R4.4).
    public var externalReference: String
    /// The Severa invoice number, when it has one.
    public var number: String?
    /// The customer's number.
    public var customerNumber: String
    /// The project number, when the invoice belongs to one project.
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
    /// The buyer's order number (R4.6 routes it to a reference field).
    public var orderNumber: String?
    /// The invoice-level cost center code after mapping (R4.5).
    public var costCenter: String?
    /// The rows.
    public var rows: [InvoiceRow]

    /// Creates an invoice.
    public init(
        externalReference: String, number: String? = nil, customerNumber: String, projectNumber: String? = nil,
        invoiceDate: LocalDate? = nil, dueDate: LocalDate? = nil, currency: String, ourReference: String? = nil,
        yourReference: String? = nil, orderNumber: String? = nil, costCenter: String? = nil, rows: [InvoiceRow]
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
    }

    public var naturalKey: String { externalReference }

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
            rows: rows
        )
    }
}
