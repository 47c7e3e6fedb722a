/// A Fortnox article type (fortnox-api.md §7.2).
public enum FortnoxArticleType: String, Sendable, Hashable, CaseIterable {
    case stock = "STOCK"
    case service = "SERVICE"
}

/// A Severa product type (severa-api.md §5.3): UI "own work", products, subcontracting.
public enum SeveraProductType: String, Sendable, Hashable, CaseIterable {
    case fixedFees = "FixedFees"
    case materials = "Materials"
    case subcontracting = "Subcontracting"
}

/// Where a new Fortnox article goes in Severa, which has three product registers (R1, R1.5).
public struct NewArticleRule: Sendable, Hashable {
    /// The Severa register the article becomes a record of.
    public var register: ProductKind
    /// The Severa product `type` when ``register`` is ``ProductKind/product``.
    public var severaProductType: SeveraProductType

    /// Creates a rule.
    public init(register: ProductKind, severaProductType: SeveraProductType) {
        self.register = register
        self.severaProductType = severaProductType
    }
}

/// How Severa's three product registers meet Fortnox's one article register (R1).
public struct ProductKindMapping: Sendable, Hashable {
    /// Where a Fortnox article that has no Severa counterpart is created.
    public var newFortnoxArticle: NewArticleRule
    /// The Fortnox article `Type` given to a new article from each Severa register.
    public var fortnoxArticleTypes: [ProductKind: FortnoxArticleType]

    /// Creates a mapping.
    public init(newFortnoxArticle: NewArticleRule, fortnoxArticleTypes: [ProductKind: FortnoxArticleType]) {
        self.newFortnoxArticle = newFortnoxArticle
        self.fortnoxArticleTypes = fortnoxArticleTypes
    }

    /// The Fortnox article type for a product from `kind`'s register.
    ///
    /// Every register has a type in a validated ``MappingSet``; `SERVICE` is the fallback for a
    /// hand-built mapping that lacks one.
    public func articleType(for kind: ProductKind) -> FortnoxArticleType {
        fortnoxArticleTypes[kind] ?? .service
    }
}
