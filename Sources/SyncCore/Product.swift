public import Foundation
public import JSONSupport

/// Where a product lives on the project-management side (Severa has three registers; Fortnox one).
public enum ProductKind: String, Sendable, Hashable, Codable, CaseIterable {
    case workType = "work_type"
    case travelExpense = "travel_expense"
    case product
}

/// A product in canonical form (R1): a Severa work type, travel expense type or product, or a Fortnox article.
public struct Product: SyncRecord {
    public static let entity = EntityKind.product

    /// The code both systems share: Severa `code`, Fortnox `ArticleNumber` (R1.1, R1.2: numeric).
    public var code: String
    /// The name: Severa `name`, Fortnox `Description` (R1.1 matches on it too).
    public var name: String
    /// The unit code, e.g. `st`, `h`; `nil` for none (R1.3).
    public var unit: String?
    /// The sales price per unit, when the side has one.
    public var price: Money?
    /// The VAT rate in percent, e.g. 25 or 25.5.
    public var vatRate: Decimal?
    /// Which register the product belongs to.
    public var kind: ProductKind
    /// Whether the product is active.
    public var isActive: Bool

    /// Creates a product.
    public init(
        code: String, name: String, unit: String? = nil, price: Money? = nil, vatRate: Decimal? = nil,
        kind: ProductKind = .product, isActive: Bool = true
    ) {
        self.code = code
        self.name = name
        self.unit = unit
        self.price = price
        self.vatRate = vatRate
        self.kind = kind
        self.isActive = isActive
    }

    public var naturalKey: String { code }

    public var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("code", code)
        writer.set("name", name)
        writer.set("unit", unit)
        writer.set("price", price)
        writer.set("vatRate", vatRate)
        writer.set("kind", kind.rawValue)
        writer.set("isActive", isActive)
        return writer.json
    }

    public init(canonicalJSON: JSONValue) throws(CanonicalFormError) {
        let reader = try CanonicalReader(canonicalJSON, entity: Self.entity)
        self.init(
            code: try reader.string("code"),
            name: try reader.string("name"),
            unit: try reader.optionalString("unit"),
            price: try reader.optionalMoney("price"),
            vatRate: try reader.optionalDecimal("vatRate"),
            kind: try reader.enumeration("kind", as: ProductKind.self),
            isActive: try reader.bool("isActive", default: true)
        )
    }
}
