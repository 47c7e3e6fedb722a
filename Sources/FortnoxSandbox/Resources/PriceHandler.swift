import Foundation
import JSONSupport
import SandboxKit

/// `/3/prices`: one price per price list, article and from-quantity. Price list A from quantity 0 is
/// what an article shows as its `SalesPrice`; writing it also counts as a modification of the article
/// (INVENTED: so a `lastmodified` sync sees price changes; the reference is silent).
struct PriceHandler: ResourceHandler {
    /// The handler.
    static let shared = PriceHandler()

    /// The price entity.
    static let schema = EntitySchema(
        wrapper: "Price",
        fields: [
            FieldSpec("@url", .text(maxLength: nil), .readOnly),
            FieldSpec("ArticleNumber", .text(maxLength: 50), .createOnly),
            // INVENTED: the spec lists a read-only `Date`; the emulator shows null.
            FieldSpec("Date", .text(maxLength: nil), .readOnly),
            FieldSpec("FromQuantity", .decimal(scale: 2), .createOnly, absent: 0),
            FieldSpec("Percent", .decimal(scale: 2), absent: 0),
            FieldSpec("Price", .decimal(scale: 2), absent: 0),
            FieldSpec("PriceList", .text(maxLength: 100), .createOnly),
        ]
    )

    let definition = ResourceDefinition(
        resource: .prices,
        schema: PriceHandler.schema,
        listItem: ListItemSchema(
            listKey: "Prices", detail: PriceHandler.schema,
            names: ["@url", "ArticleNumber", "FromQuantity", "Price", "PriceList"]
        ),
        keyField: "ArticleNumber",
        keying: .clientSupplied,
        listOptions: ListOptions(),
        notFound: .notFound(FortnoxErrorCode.priceNotFound, "Kan inte hitta priset."),  // INVENTED code
        itemMethods: ["GET", "PUT", "DELETE"]
    )

    /// The storage key of a price.
    static func key(priceList: String, articleNumber: String, fromQuantity: Decimal) -> String {
        priceList + "\u{1F}" + articleNumber + "\u{1F}" + fromQuantity.description
    }

    /// The article number inside a storage key.
    static func articleNumber(ofKey key: String) -> String {
        let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        return parts.count == 3 ? String(parts[1]) : ""
    }

    func storageKey(of values: FieldValues) -> String {
        PriceHandler.key(
            priceList: values.text("PriceList"), articleNumber: values.text("ArticleNumber"),
            fromQuantity: values.decimal("FromQuantity")
        )
    }

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        try FortnoxStore.checkRequired(values, "PriceList")
        let article = values.text("ArticleNumber")
        guard store.exists(.articles, article) else {
            throw .badRequest(FortnoxErrorCode.articleReferenceNotFound, "Kunde inte hitta artikel \(article).")
        }
        try store.checkPriceList(values.text("PriceList"))
        if values.decimal("FromQuantity") < 0 {
            throw .invalidParameter("FromQuantity", values.text("FromQuantity"))
        }
        if store.exists(.prices, storageKey(of: values)) {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.keyAlreadyUsed,
                "Det finns redan ett pris för artikel \(article) i prislista \(values.text("PriceList"))."
            )
        }
    }

    func prepareUpdate(
        _ values: inout FieldValues, previous: FieldValues, patch: FieldValues, in store: FortnoxStore,
        context: RequestContext
    ) throws(FortnoxError) {}

    func didWrite(
        key: String, values: FieldValues, previous: FieldValues?, store: inout FortnoxStore, context: RequestContext
    ) {
        touchArticle(values, store: &store, context: context)
    }

    func didDelete(key: String, values: FieldValues, store: inout FortnoxStore, context: RequestContext) {
        touchArticle(values, store: &store, context: context)
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        values["@url"] = .string(
            context.url("prices", values.text("PriceList"), values.text("ArticleNumber"), values.text("FromQuantity"))
        )
    }

    private func touchArticle(_ values: FieldValues, store: inout FortnoxStore, context: RequestContext) {
        guard values.text("PriceList") == "A", values.decimal("FromQuantity") == 0 else { return }
        let article = values.text("ArticleNumber")
        if let articleValues = store.values(.articles, article) {
            store.store(.articles, article, articleValues, context: context)
        }
    }
}

extension FortnoxStore {
    /// The article's price in price list `priceList` from quantity 0, or `nil` when it has none.
    func salesPrice(ofArticle number: String, priceList: String = "A") -> JSONValue? {
        values(.prices, PriceHandler.key(priceList: priceList, articleNumber: number, fromQuantity: 0))?
            .resolved("Price")
    }
}

extension FortnoxStore {
    /// `GET /3/prices/sublist/{PriceList}/{ArticleNumber}`: the article's prices in one price list by
    /// ascending `FromQuantity`.
    ///
    /// - Throws: 404 2000428 for an unknown article.
    func priceSublist(priceList: String, articleNumber: String, query: ListQuery, context: RequestContext)
        throws(FortnoxError) -> FortnoxReply
    {
        guard exists(.articles, articleNumber) else {
            throw .notFound(FortnoxErrorCode.articleNotFound, "Kan inte hitta artikeln.")
        }
        let prefix = priceList + "\u{1F}" + articleNumber + "\u{1F}"
        let keys = table(.prices).records.keys.filter { $0.hasPrefix(prefix) }.sorted { lhs, rhs in
            (Decimal(string: String(lhs.dropFirst(prefix.count))) ?? 0)
                < (Decimal(string: String(rhs.dropFirst(prefix.count))) ?? 0)
        }
        return page(PriceHandler.shared, keys: keys, query: query, context: context)
    }
}
