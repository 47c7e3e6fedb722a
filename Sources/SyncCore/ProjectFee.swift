public import Foundation
public import JSONSupport

/// A project fee in canonical form (R5): a cost booked to a project, from a Fortnox supplier-invoice row.
public struct ProjectFee: SyncRecord {
    public static let entity = EntityKind.projectFee

    /// Where the fee came from, unique per supplier-invoice row, e.g. `supplierinvoice/17/row/2` (R5.4).
    public var sourceReference: String
    /// The project number it is booked to.
    public var projectNumber: String
    /// The product code; `nil` when the row had no article and the default product applies (R5.3).
    public var productCode: String?
    /// The fee's text.
    public var description: String
    /// The date of the cost.
    public var date: LocalDate?
    /// The quantity, exact.
    public var quantity: Decimal
    /// The amount per unit, excluding VAT (R5.2).
    public var unitAmount: Money

    /// Creates a fee.
    public init(
        sourceReference: String, projectNumber: String, productCode: String?, description: String,
        date: LocalDate?, quantity: Decimal, unitAmount: Money
    ) {
        self.sourceReference = sourceReference
        self.projectNumber = projectNumber
        self.productCode = productCode
        self.description = description
        self.date = date
        self.quantity = quantity
        self.unitAmount = unitAmount
    }

    public var naturalKey: String { sourceReference }

    public var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("sourceReference", sourceReference)
        writer.set("projectNumber", projectNumber)
        writer.set("productCode", productCode)
        writer.set("description", description)
        writer.set("date", date)
        writer.set("quantity", quantity)
        writer.set("unitAmount", unitAmount)
        return writer.json
    }

    public init(canonicalJSON: JSONValue) throws(CanonicalFormError) {
        let reader = try CanonicalReader(canonicalJSON, entity: Self.entity)
        guard let quantity = try reader.optionalDecimal("quantity") else {
            throw reader.error("quantity", reason: "missing")
        }
        guard let unitAmount = try reader.optionalMoney("unitAmount") else {
            throw reader.error("unitAmount", reason: "missing")
        }
        self.init(
            sourceReference: try reader.string("sourceReference"),
            projectNumber: try reader.string("projectNumber"),
            productCode: try reader.optionalString("productCode"),
            description: try reader.string("description"),
            date: try reader.optionalDate("date"),
            quantity: quantity,
            unitAmount: unitAmount
        )
    }
}
