import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Fortnox connector: articles and prices (R1)")
struct FortnoxArticleTests {
    static func sek(_ text: String) throws -> Money { try Money(decimalText: text, currency: .sek) }

    static func consulting() throws -> Product {
        Product(
            code: "101", name: "Konsulttimme", unit: "h", price: try sek("950.50"), vatRate: 25, kind: .workType,
            isActive: true)
    }

    @Test(
        "R1: an article with price and unit round-trips; the price goes through price list A",
        arguments: FortnoxWire.allCases)
    func anArticleWithPriceAndUnitRoundTrips(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire)
        try bed.seed(.units, ["Code": "h", "Description": "Timme"])
        let product = try Self.consulting()
        let created = try await bed.connector.products.create(product)

        let article = try #require(bed.recorder.exchanges(.post, path: "/3/articles").first?.json["Article"])
        #expect(article["ArticleNumber"] == "101")
        #expect(article["Type"] == "SERVICE")
        #expect(article["Unit"] == "h")
        #expect(article["SalesPrice"] == nil)
        let price = try #require(bed.recorder.exchanges(.post, path: "/3/prices").first?.json["Price"])
        #expect(
            price == ["ArticleNumber": "101", "PriceList": "A", "FromQuantity": 0, "Price": .fortnoxNumber("950.50")])

        var expected = product
        expected.kind = .product  // articles have no kind: not carried, read as the configured kind
        #expect(created.id == "101")
        #expect(created.record == expected)
        #expect(try await bed.connector.products.find(naturalKey: "101")?.record == expected)
        let listed = try await FortnoxTestbed.collect(bed.connector.products.changes(since: nil))
        #expect(listed.records.map(\.record) == [expected])
        #expect(!bed.connector.products.carriedFields.contains("kind"))
        bed.finish()
    }

    @Test(
        "R1: the article Type follows the product kind",
        arguments: [
            (ProductKind.workType, "SERVICE"), (.travelExpense, "SERVICE"), (.product, "STOCK"),
        ])
    func theArticleTypeFollowsTheKind(kind: ProductKind, type: String) async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        _ = try await bed.connector.products.create(Product(code: "5", name: "Sak", kind: kind))
        #expect(bed.recorder.exchanges(.post, path: "/3/articles").first?.json["Article"]?["Type"] == .string(type))
        #expect(bed.recorder.exchanges(.post, path: "/3/prices").isEmpty, "no price, no price row")
        bed.finish()
    }

    @Test("A price change is a PUT on the price list row only; a first price is created; a removed price deleted")
    func priceChangesGoThroughThePriceList() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try bed.seed(.units, ["Code": "h", "Description": "Timme"])
        var product = try Self.consulting()
        _ = try await bed.connector.products.create(product)

        product.price = try Self.sek("1000")
        let repriced = try await bed.connector.products.update(id: "101", fields: ["price"], to: product)
        #expect(repriced.record.price == product.price)
        #expect(
            bed.recorder.exchanges(.put, path: "/3/prices/A/101/0").first?.json == [
                "Price": ["Price": .fortnoxNumber("1000.00")]
            ])
        #expect(bed.recorder.exchanges(.put, prefix: "/3/articles").isEmpty)

        product.price = nil
        product.name = "Konsulttimme senior"
        let cleared = try await bed.connector.products.update(id: "101", fields: ["price", "name"], to: product)
        #expect(cleared.record.price == nil)
        #expect(cleared.record.name == "Konsulttimme senior")
        #expect(bed.recorder.exchanges(.delete, path: "/3/prices/A/101/0").count == 1)
        #expect(try await bed.connector.products.find(naturalKey: "101")?.record.price == nil)

        product.price = try Self.sek("12.5")
        let priced = try await bed.connector.products.update(id: "101", fields: ["price"], to: product)
        #expect(priced.record.price == product.price)
        #expect(bed.recorder.exchanges(.post, path: "/3/prices").count == 2, "the first price after none is a POST")
        bed.finish()
    }

    @Test("A price in another currency than the price list's, or a too long name, is refused before sending")
    func valuesFortnoxCannotHoldAreRefused() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        let euro = Product(code: "7", name: "Sak", price: Money(minorUnits: 100, currency: .eur))
        let currencyError = await #expect(throws: ConnectorError.self) { try await bed.connector.products.create(euro) }
        #expect(currencyError?.kind == .invalidRecord)
        #expect(currencyError?.message.contains("EUR") == true)
        let long = Product(code: "8", name: String(repeating: "n", count: 201))
        let lengthError = await #expect(throws: ConnectorError.self) { try await bed.connector.products.create(long) }
        #expect(lengthError?.kind == .invalidRecord)
        #expect(lengthError?.message.contains("Description") == true)
        #expect(lengthError?.message.contains("200 characters") == true)
        #expect(bed.recorder.exchanges(.post).filter { $0.path.hasPrefix("/3/") }.isEmpty)
        bed.finish(errors: [currencyError, lengthError].compactMap { $0 })
    }

    @Test("Numbers sent as strings and booleans as text are read exactly")
    func stringAmountsAreReadExactly() async throws {
        let scripted = try FortnoxScriptedConnector()
        scripted.handler.answer(
            "GET /3/articles/7",
            json: [
                "Article": [
                    "ArticleNumber": 7, "Description": "Kabel", "SalesPrice": "199.50", "VAT": "12", "Active": "false",
                    "Unit": "",
                ]
            ])
        let product = try #require(try await scripted.connector.products.find(naturalKey: "7")).record
        #expect(
            product
                == Product(
                    code: "7", name: "Kabel", unit: nil, price: try Self.sek("199.5"), vatRate: 12, isActive: false))
    }

    @Test("A price with more decimals than the currency has is an error naming SalesPrice, never rounded")
    func aPriceThatIsNotExactIsAnError() async throws {
        let scripted = try FortnoxScriptedConnector()
        let article: JSONValue = [
            "Article": ["ArticleNumber": "7", "Description": "Kabel", "SalesPrice": .fortnoxNumber("1.125")]
        ]
        scripted.handler.answer("GET /3/articles/7", json: article)
        scripted.handler.answer(
            "GET /3/articles",
            json: FortnoxScriptedHandler.list("Articles", [["ArticleNumber": "7", "Description": "Kabel"]]))
        let error = await #expect(throws: ConnectorError.self) {
            try await scripted.connector.products.find(naturalKey: "7")
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.message.contains("SalesPrice") == true)
        #expect(error?.operation == "GET /3/articles/7")

        let listed = try await FortnoxTestbed.collect(scripted.connector.products.changes(since: nil))
        #expect(listed.records.isEmpty)
        let unreadable = try #require(listed.unreadable.first)
        #expect(unreadable.naturalKey == "7")
        #expect(unreadable.reason.contains("SalesPrice"))
        scripted.finish(errors: error.map { [$0] } ?? [])
    }
}
