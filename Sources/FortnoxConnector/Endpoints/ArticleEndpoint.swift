import HTTPSupport
import JSONSupport
import SyncCore

/// Articles ↔ products, with the sales price kept in a price list.
///
/// An article's `SalesPrice` is read-only (fortnox-api.md §7.2): it shows the price of price list
/// ``FortnoxConnector/Options/priceList`` (normally `A`) from quantity 0. So the price is read from
/// `SalesPrice` and written through `/3/prices`:
/// - create: `POST /3/articles` without a price, then `POST /3/prices` when the product has one;
/// - update: `PUT /3/articles/{n}` with the other changed fields (if any), then
///   `PUT /3/prices/{list}/{n}/0`, falling back to `POST /3/prices` when the article had no price, or
///   `DELETE /3/prices/{list}/{n}/0` when the price was removed.
/// The record returned carries the price Fortnox stored. If the article was written but its price
/// could not be, the error says so; the next run sees the difference and writes the price again.
struct ArticleEndpoint: RecordEndpoint {
    typealias Record = Product

    /// The article fields.
    let articles: MappedEndpoint<ArticleMapping>
    /// The price list prices are written to.
    let priceList: String

    private var context: FortnoxContext { articles.context }
    private var currency: CurrencyCode { articles.mapping.priceCurrency }

    var carriedFields: Set<String> { articles.carriedFields }

    func changes(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<Product>, any Error> {
        articles.changes(since: cursor)
    }

    func find(naturalKey: String) async throws(ConnectorError) -> RemoteRecord<Product>? {
        try await articles.find(naturalKey: naturalKey)
    }

    func create(_ product: Product) async throws(ConnectorError) -> RemoteRecord<Product> {
        try checkCurrency(product, call: FortnoxCall(.post, ["articles"]))
        var created = try await articles.create(product)
        if let price = product.price {
            created.record.price = try await writePrice(price, article: created.id, exists: false, action: "created")
        }
        return created
    }

    func update(id: String, fields: Set<String>, to product: Product) async throws(ConnectorError)
        -> RemoteRecord<Product>
    {
        let writesPrice = fields.contains("price")
        if writesPrice { try checkCurrency(product, call: FortnoxCall(.put, ["prices", priceList, id, "0"])) }
        var updated = try await articles.update(id: id, fields: fields.subtracting(["price"]), to: product)
        guard writesPrice else { return updated }
        if let price = product.price {
            updated.record.price = try await writePrice(price, article: id, exists: true, action: "updated")
        } else {
            try await removePrice(article: id)
            updated.record.price = nil
        }
        return updated
    }

    /// Writes `price` for `article` and returns the price Fortnox stored.
    private func writePrice(_ price: Money, article: String, exists: Bool, action: String)
        async throws(ConnectorError) -> Money
    {
        let amount = price.wireNumber
        do {
            if exists {
                let call = FortnoxCall(.put, ["prices", priceList, article, "0"])
                do {
                    let stored = try await context.api.entity(
                        call, wrapper: "Price", body: ["Price": ["Price": amount]])
                    return try storedPrice(stored, call: call)
                } catch  where error.kind == .notFound {
                    // The article had no price in this list yet: create it below.
                }
            }
            let call = FortnoxCall(.post, ["prices"])
            let body: JSONValue = [
                "Price": [
                    "ArticleNumber": .string(article), "PriceList": .string(priceList), "FromQuantity": 0,
                    "Price": amount,
                ]
            ]
            return try storedPrice(try await context.api.entity(call, wrapper: "Price", body: body), call: call)
        } catch {
            throw ConnectorError(
                kind: error.kind, system: error.system, operation: error.operation,
                message: "article \(article) was \(action), but its price in price list \(priceList) could not be "
                    + "set: \(error.message)", remoteCode: error.remoteCode)
        }
    }

    private func removePrice(article: String) async throws(ConnectorError) {
        do {
            try await context.api.noContent(FortnoxCall(.delete, ["prices", priceList, article, "0"]))
        } catch  where error.kind == .notFound {
            // Already without a price.
        }
    }

    private func storedPrice(_ entity: WireEntity, call: FortnoxCall) throws(ConnectorError) -> Money {
        do {
            guard let price = try entity.money("Price", currency: currency) else {
                throw entity.problem("Price", "missing")
            }
            return price
        } catch {
            throw context.api.failure(.malformedResponse, call, "the price in the answer cannot be read: \(error)")
        }
    }

    /// Refuses a price in another currency than the price list's.
    private func checkCurrency(_ product: Product, call: FortnoxCall) throws(ConnectorError) {
        guard let price = product.price, price.currency != currency else { return }
        throw context.api.failure(
            .invalidRecord, call,
            "product \(product.code) has its price in \(price.currency), but Fortnox price list \(priceList) is in "
                + "\(currency); convert the price or set the price list's currency")
    }
}
