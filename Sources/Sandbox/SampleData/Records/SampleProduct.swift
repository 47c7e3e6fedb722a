import JSONSupport
import SeveraSandbox

/// A sample product as both APIs see it: an entry of one of Severa's three registers (product, work
/// type, travel expense type) and the Fortnox article with the same number and name, priced on
/// price list A.
struct SampleProduct: Sendable {
    /// Which Severa register the product is in.
    enum Register: Sendable, Hashable {
        /// The product register, with its `ProductType`.
        case product(type: String)
        /// A work type (billed by the hour).
        case workType
        /// A travel expense type, with its `ExpensesClass`.
        case travelExpense(expenseClass: String)
    }

    /// The Severa code (and Fortnox article number).
    var code: String
    /// The name (Fortnox `Description`).
    var name: String
    var register: Register
    /// The unit as Severa spells it; empty for none.
    var unit: String
    /// The Fortnox unit code; `nil` for none.
    var fortnoxUnit: String?
    /// The sales price in öre (SEK).
    var priceCents: Int
    /// The cost in öre (SEK).
    var costCents: Int
    /// The VAT rate in percent.
    var vatRate: Int
    var side: SampleSide
    /// The Severa guid.
    var guid: String
    /// The article number in Fortnox when it differs from ``code`` (R1.1 defect).
    var fortnoxCode: String?
    /// The article's description in Fortnox when it differs from ``name`` (R1.1 defect).
    var fortnoxName: String?

    /// The first regular product code; the defect catalogue uses 9001–9010.
    static let firstCode = 10_001

    /// Which side regular product `index` is on: 80 % both, 10 % Severa only, 10 % Fortnox only.
    static func side(ofRegular index: Int) -> SampleSide {
        switch index % 20 {
        case 0...15: .both
        case 16, 17: .severa
        default: .fortnox
        }
    }

    /// The Severa register regular product `index` goes to (70 % products, 20 % work types, 10 % travel
    /// expense types), drawn from its own stream so it is independent of the side.
    static func registerSlot(ofRegular index: Int, seed: UInt64) -> Int {
        var random = SampleRandom(seed: seed, "product-register", String(index))
        return random.below(10)
    }

    /// Regular (valid) product `index`, the `ordinal`-th of its register.
    static func regular(index: Int, ordinal: Int, slot: Int, seed: UInt64) -> SampleProduct {
        var random = SampleRandom(seed: seed, "product", String(index))
        let code = String(firstCode + index)
        let side = side(ofRegular: index)
        let guid = random.guid()
        switch slot {
        case 0...6:
            let bases = ProductCatalog.productBases
            let base = bases[ordinal % bases.count]
            let series = ordinal / bases.count
            let models = ProductCatalog.productModels
            let name =
                series == 0
                ? base.name
                : "\(base.name) \(models[(series - 1) % models.count])"
                    + (series > models.count ? " \((series - 1) / models.count + 1)" : "")
            let price = random.int(base.prices) * 100
            return SampleProduct(
                code: code, name: name, register: .product(type: base.type), unit: spelling(of: base.unit, &random),
                fortnoxUnit: base.unit, priceCents: price, costCents: price * random.int(45...75) / 100,
                vatRate: base.vatRate, side: side, guid: guid)
        case 7, 8:
            let names = ProductCatalog.workTypeLevels.flatMap { level in
                ProductCatalog.workTypeBases.map { level.isEmpty ? $0 : "\($0) \(level)" }
            }
            let price = random.int(8...16) * 10_000 - random.pick([0, 5_000])
            return SampleProduct(
                code: code, name: ProductCatalog.uniqueName(names, ordinal: ordinal), register: .workType, unit: "h",
                fortnoxUnit: "h", priceCents: price, costCents: price * random.int(40...60) / 100, vatRate: 25,
                side: side, guid: guid)
        default:
            let bases = ProductCatalog.travelBases
            let base = bases[ordinal % bases.count]
            return SampleProduct(
                code: code, name: ProductCatalog.uniqueName(bases.map(\.name), ordinal: ordinal),
                register: .travelExpense(expenseClass: base.expenseClass), unit: base.unit, fortnoxUnit: base.unit,
                priceCents: base.priceCents, costCents: base.priceCents * 8 / 10, vatRate: base.vatRate, side: side,
                guid: guid)
        }
    }

    /// `unit`, or now and then another Severa spelling of it (`styck`, `tim`).
    private static func spelling(of unit: String, _ random: inout SampleRandom) -> String {
        guard let aliases = ProductCatalog.unitAliases[unit], random.chance(15) else { return unit }
        return random.pick(aliases)
    }

    /// The Severa resource the product is seeded as.
    var severaResource: SeveraResource {
        switch register {
        case .product: .products
        case .workType: .worktypes
        case .travelExpense: .travelexpensetypes
        }
    }

    /// The Severa input model of the product's register.
    func severaModel(_ ids: SeveraReferenceIDs) -> JSONValue {
        var model: [String: JSONValue] = ["guid": .string(guid), "name": .string(name), "code": .string(code)]
        switch register {
        case .product(let type):
            model["type"] = .string(type)
            model["unitPrice"] = Self.money(priceCents, "SEK")
            model["unitCost"] = Self.money(costCents, "SEK")
            model["vatRate"] = .number(JSONNumber(vatRate))
            model["measurementUnit"] = .string(unit)
            model["salesAccount"] = SeveraReferenceIDs.reference(ids.salesAccounts["3001"])
        case .workType:
            model["hourCost"] = Self.money(costCents, "SEK")
            model["isProductive"] = true
            model["salesAccount"] = SeveraReferenceIDs.reference(ids.salesAccounts["3041"])
        case .travelExpense(let expenseClass):
            model["expenseClass"] = .string(expenseClass)
            model["unitCost"] = Self.money(costCents, "SEK")
            model["vatRate"] = .number(JSONNumber(vatRate))
            model["measurementUnit"] = .string(unit)
            model["salesAccount"] = SeveraReferenceIDs.reference(ids.salesAccounts["3540"])
        }
        return .object(model)
    }

    /// The article number in Fortnox.
    var articleNumber: String { fortnoxCode ?? code }

    /// The Fortnox article (its price is seeded separately on price list A).
    func fortnoxArticle() -> JSONValue {
        var fields: [String: JSONValue] = [
            "ArticleNumber": .string(articleNumber), "Description": .string(fortnoxName ?? name),
            "VAT": .number(JSONNumber(vatRate)), "PurchasePrice": Self.amount(costCents),
        ]
        if let fortnoxUnit { fields["Unit"] = .string(fortnoxUnit) }
        switch register {
        case .product:
            fields["Type"] = "STOCK"
            fields["SalesAccount"] = 3001
        case .workType:
            fields["Type"] = "SERVICE"
            fields["SalesAccount"] = 3041
        case .travelExpense:
            fields["Type"] = "SERVICE"
            fields["SalesAccount"] = 3540
        }
        return .object(fields)
    }

    /// The article's price-list-A row.
    func fortnoxPrice() -> JSONValue {
        [
            "ArticleNumber": .string(articleNumber), "PriceList": "A", "FromQuantity": 0,
            "Price": Self.amount(priceCents),
        ]
    }

    /// `product 10001 (Kontorsstol)`, for error messages.
    var label: String { "product \(code.isEmpty ? "\"\"" : code) (\(name))" }

    /// `cents` as an exact JSON number (`1250`, `3.5`).
    static func amount(_ cents: Int) -> JSONValue {
        let whole = cents / 100
        let fraction = abs(cents % 100)
        let sign = cents < 0 && whole == 0 ? "-" : ""
        let literal = fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
        return .number(JSONNumber(literal: literal) ?? JSONNumber(whole))
    }

    /// A Severa money object.
    static func money(_ cents: Int, _ currency: String) -> JSONValue {
        ["amount": amount(cents), "currencyCode": .string(currency)]
    }
}
