import Foundation
import JSONSupport
import SyncCore
import Testing

@testable import SeveraConnector

@Suite struct SeveraProductMappingTests {
    static let options = SeveraConnector.Options(
        unitAliases: [
            .init(severa: "tim", code: "h"), .init(severa: "timmar", code: "h"), .init(severa: "st", code: "pcs"),
        ])

    @Test func eachRegisterGivesItsKindAndWorkTypesHaveNoUnitPriceOrVAT() throws {
        let workType = try ProductMapping.product(
            try severaWire(
                #"{"guid":"w","code":"100","name":"Konsult","isActive":true,"hourCost":{"amount":500,"currencyCode":"SEK"},"measurementUnit":"tim","vatRate":25}"#
            ), register: .workType, options: Self.options)
        #expect(workType == Product(code: "100", name: "Konsult", kind: .workType))
        let travel = try ProductMapping.product(
            try severaWire(
                #"{"guid":"t","code":"200","name":"Mil","unitCost":{"amount":2.5,"currencyCode":"SEK"},"measurementUnit":"km","vatRate":6,"isActive":false}"#
            ), register: .travelExpenseType, options: Self.options)
        #expect(
            travel
                == Product(
                    code: "200", name: "Mil", unit: "km", price: Money(minorUnits: 250, currency: .sek),
                    vatRate: Decimal(6), kind: .travelExpense, isActive: false))
        let product = try ProductMapping.product(
            try severaWire(
                #"{"guid":"p","code":"300","name":"Licens","unitPrice":{"amount":100,"currencyCode":"EUR"},"measurementUnit":"St","vatRate":25.5}"#
            ), register: .product, options: Self.options)
        #expect(product.kind == .product)
        #expect(product.price == Money(minorUnits: 10_000, currency: .eur))
        #expect(product.vatRate == Decimal(string: "25.5"))
        #expect(product.unit == "pcs", "unit aliases match ignoring case")
        #expect(product.isActive, "a missing isActive reads as active")
    }

    @Test(arguments: [
        ("1234567.89", Int64(123_456_789)), ("0.1", 10), ("0.30", 30), ("1e2", 10_000), ("-12.5", -1250),
    ])
    func moneyIsExactFromTheJSONLiteral(_ literal: String, _ minorUnits: Int64) throws {
        let object = try severaWire(
            #"{"guid":"p","code":"1","name":"x","unitPrice":{"amount":\#(literal),"currencyCode":"SEK"}}"#)
        let product = try ProductMapping.product(object, register: .product, options: .init())
        #expect(product.price == Money(minorUnits: minorUnits, currency: .sek))
    }

    @Test func anAmountFinerThanItsCurrencyMakesTheRecordUnreadableNamingTheField() throws {
        let object = try severaWire(
            #"{"guid":"p","code":"1","name":"x","unitPrice":{"amount":12.345,"currencyCode":"SEK"}}"#)
        let error = #expect(throws: WireError.self) {
            try ProductMapping.product(object, register: .product, options: .init())
        }
        #expect(error?.field == "unitPrice.amount")
    }

    @Test func noAmountIsNoPrice() throws {
        let object = try severaWire(
            #"{"guid":"p","code":"1","name":"x","unitPrice":{"amount":null,"currencyCode":"SEK"}}"#)
        #expect(try ProductMapping.product(object, register: .product, options: .init()).price == nil)
    }

    @Test func unitAliasesMapBothWaysFirstMatchWinning() {
        #expect(Self.options.canonicalUnit(" Timmar ") == "h")
        #expect(Self.options.severaUnit("h") == "tim")
        #expect(Self.options.canonicalUnit("kg") == "kg")
        #expect(Self.options.severaUnit("kg") == "kg")
        #expect(Self.options.canonicalUnit("  ") == nil)
    }

    @Test func createBodiesFollowTheRegisterAndTheOptions() {
        let options = SeveraConnector.Options(
            unitAliases: [.init(severa: "tim", code: "h")], newProductType: .subcontracting,
            newTravelExpenseClass: .mileage, defaultCurrency: "NOK")
        let priced = Product(
            code: "5", name: "Five", unit: "h", price: Money(minorUnits: 1999, currency: .sek), vatRate: Decimal(25))
        let product = ProductMapping.createBody(priced, register: .product, options: options)
        #expect(product["type"] == "Subcontracting")
        #expect(product["unitPrice"] == ["amount": SeveraSandbox.number("19.99"), "currencyCode": "SEK"])
        #expect(product["measurementUnit"] == "tim")
        #expect(product["vatRate"] == 25)
        let travel = ProductMapping.createBody(
            Product(code: "6", name: "Six", kind: .travelExpense), register: .travelExpenseType, options: options)
        #expect(travel["expenseClass"] == "Mileage")
        #expect(travel["unitCost"] == ["amount": nil, "currencyCode": "NOK"])
        let workType = ProductMapping.createBody(priced, register: .workType, options: options)
        #expect(workType == ["name": "Five", "code": "5", "isActive": true])
    }

    @Test func patchRefusesFieldsTheRegisterLacksAndMovesBetweenRegisters() throws {
        let product = Product(code: "1", name: "x", price: Money(minorUnits: 100, currency: .sek), kind: .workType)
        let price = #expect(throws: ConnectorError.self) {
            try ProductMapping.patch(
                ["price"], of: product, register: .workType, options: .init(), operation: "PATCH x")
        }
        #expect(price?.kind == .invalidRecord)
        #expect(price?.message.contains("price lists") == true)
        let moved = #expect(throws: ConnectorError.self) {
            try ProductMapping.patch(
                ["kind"], of: Product(code: "1", name: "x", kind: .product), register: .workType, options: .init(),
                operation: "PATCH x")
        }
        #expect(moved?.kind == .invalidRecord)
        let patch = try ProductMapping.patch(
            ["price", "unit", "name"], of: Product(code: "1", name: "y", kind: .travelExpense),
            register: .travelExpenseType, options: .init(), operation: "PATCH x")
        #expect(
            patch.json
                == [
                    ["op": "replace", "path": "/name", "value": "y"],
                    ["op": "replace", "path": "/unitCost", "value": ["amount": nil, "currencyCode": "SEK"]],
                    ["op": "replace", "path": "/measurementUnit", "value": nil],
                ])
    }

    @Test func productIdsCarryTheirRegister() {
        #expect(ProductRegister.workType.id("g") == "worktype:g")
        #expect(ProductRegister.split("travelexpensetype:abc")?.register == .travelExpenseType)
        #expect(ProductRegister.split("product:abc")?.guid == "abc")
        #expect(ProductRegister.split("abc") == nil)
        #expect(ProductRegister.split("article:1") == nil)
    }
}
