import SyncCore

/// One of the three Severa registers behind the canonical ``Product`` (R1): work types, travel expense
/// types and products. Ids carry the register: `worktype:<guid>`, `travelexpensetype:<guid>`,
/// `product:<guid>`.
enum ProductRegister: String, Sendable, CaseIterable {
    case workType = "worktype"
    case travelExpenseType = "travelexpensetype"
    case product = "product"

    /// The register holding canonical products of `kind`.
    init(kind: ProductKind) {
        switch kind {
        case .workType: self = .workType
        case .travelExpense: self = .travelExpenseType
        case .product: self = .product
        }
    }

    /// The canonical kind of the register's records.
    var kind: ProductKind {
        switch self {
        case .workType: .workType
        case .travelExpenseType: .travelExpense
        case .product: .product
        }
    }

    /// The list route.
    var path: String {
        switch self {
        case .workType: "/v1/worktypes"
        case .travelExpenseType: "/v1/travelexpensetypes"
        case .product: "/v1/products"
        }
    }

    /// Work types and travel expense types page by offset, products by token (severa-api.md §3).
    var style: ListPager.Style { self == .product ? .token : .offset }

    /// The register's name in change cursors: `worktypes`, `travelexpensetypes`, `products`.
    var cursorRoute: String { rawValue + "s" }

    /// The register's name in messages.
    var displayName: String {
        switch self {
        case .workType: "work type"
        case .travelExpenseType: "travel expense type"
        case .product: "product"
        }
    }

    /// The canonical members this register holds. Work types have no unit, price or VAT: hour prices
    /// live in Severa price lists (severa-api.md §5.4).
    var carriedFields: Set<String> {
        self == .workType ? Self.commonFields : Self.pricedFields
    }

    /// The members every register holds.
    private static let commonFields: Set<String> = ["code", "name", "kind", "isActive"]
    /// The members of products and travel expense types.
    private static let pricedFields: Set<String> = commonFields.union(["unit", "price", "vatRate"])

    /// The product id of the record `guid`.
    func id(_ guid: String) -> String { "\(rawValue):\(guid)" }

    /// Splits a product id into its register and guid.
    static func split(_ id: String) -> (register: ProductRegister, guid: String)? {
        let parts = id.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let register = ProductRegister(rawValue: String(parts[0])), !parts[1].isEmpty else {
            return nil
        }
        return (register, String(parts[1]))
    }
}
