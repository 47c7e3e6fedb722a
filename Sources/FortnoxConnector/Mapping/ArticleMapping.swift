import Foundation
import JSONSupport
import SyncCore

/// Fortnox article (`fortnox_Article`, fortnox-api.md §7.2) ↔ ``Product``.
///
/// | canonical | Fortnox |
/// |---|---|
/// | `code` | `ArticleNumber` (≤ 50; cannot change after creation) |
/// | `name` | `Description` (≤ 200) |
/// | `unit` | `Unit` (a unit code, ≤ 20) |
/// | `price` | read from the read-only `SalesPrice`; written through `/3/prices` (see ``ArticleEndpoint``) |
/// | `vatRate` | `VAT` (a percentage, exact; an unknown rate is not written) |
/// | `isActive` | `Active` |
/// | `kind` | not carried: Fortnox articles have no register. A new article gets `Type` from
///   ``FortnoxConnector/Options/articleTypes`` for its kind; a read article gets
///   ``FortnoxConnector/Options/listedArticleKind`` |
struct ArticleMapping: FortnoxMapping {
    /// The article `Type` per product kind, for new articles.
    let articleTypes: [ProductKind: FortnoxArticleType]
    /// The kind given to articles read from Fortnox.
    let listedKind: ProductKind
    /// The currency of the price list prices are written to.
    let priceCurrency: CurrencyCode

    var resource: ListResource { .articles }

    var carriedFields: Set<String> { ["code", "name", "unit", "price", "vatRate", "isActive"] }

    func record(from entity: WireEntity) throws(WireFieldError) -> Product {
        Product(
            code: try entity.requiredText("ArticleNumber"),
            name: try entity.requiredText("Description"),
            unit: try entity.text("Unit"),
            price: try entity.money("SalesPrice", currency: priceCurrency),
            vatRate: try entity.decimal("VAT"),
            kind: listedKind,
            isActive: try entity.bool("Active", default: true)
        )
    }

    /// The article without its price (written separately).
    func body(for product: Product, fields: Set<String>?) throws(WireFieldError) -> WireBody {
        var body = WireBody(limits: FieldLimits.article)
        let clear = fields != nil
        if fields == nil {
            try body.text("ArticleNumber", product.code, clear: false)
            body.set("Type", .string((articleTypes[product.kind] ?? .service).rawValue))
        }
        if writes("name", of: fields) { try body.text("Description", product.name, clear: clear) }
        if writes("unit", of: fields) { try body.text("Unit", product.unit, clear: clear) }
        if writes("vatRate", of: fields) {
            // An unknown rate is not written: Fortnox has no "no VAT rate", and 0 % would be a value.
            if let rate = product.vatRate { body.set("VAT", .number(JSONNumber(rate))) }
        }
        if writes("isActive", of: fields) { body.set("Active", .bool(product.isActive)) }
        return body
    }
}
