public import Foundation
import JSONSupport

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
    /// The sales account of the row (Severa `salesAccount.number`); sent for rows without a product
    /// only, so Fortnox books them where Severa would (R4.2).
    public var salesAccount: String?

    /// Creates a row.
    public init(
        productCode: String?, description: String, quantity: Decimal, unit: String? = nil, unitPrice: Money,
        vatRate: Decimal, costCenter: String? = nil, projectNumber: String? = nil, salesAccount: String? = nil
    ) {
        self.productCode = productCode
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.vatRate = vatRate
        self.costCenter = costCenter
        self.projectNumber = projectNumber
        self.salesAccount = salesAccount
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
        writer.set("salesAccount", salesAccount)
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
            projectNumber: try reader.optionalString("projectNumber"),
            salesAccount: try reader.optionalString("salesAccount")
        )
    }
}
