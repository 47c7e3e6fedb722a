import JSONSupport
import SyncCore

/// Severa work types, travel expense types and products ↔ canonical ``Product`` (R1).
///
/// | canonical | work type | travel expense type | product |
/// |---|---|---|---|
/// | `code` | `code` | `code` | `code` (a missing code reads as "", which R1.2 reports) |
/// | `name` | `name` | `name` | `name` |
/// | `unit` | — | `measurementUnit` | `measurementUnit` (both through the unit aliases) |
/// | `price` | — (price lists) | `unitCost` (UNVERIFIED: the type's only price field) | `unitPrice` |
/// | `vatRate` | — | `vatRate` | `vatRate` (a plain percentage) |
/// | `isActive` | `isActive` | `isActive` | `isActive` (absent reads as true) |
/// | `kind` | `work_type` | `travel_expense` | `product` (the register decides) |
///
/// Money is exact (JSON literal → minor units); an amount in finer units than its currency has makes
/// the record unreadable rather than rounded. New products get ``SeveraConnector/Options/newProductType``,
/// new travel expense types ``SeveraConnector/Options/newTravelExpenseClass`` and, without a price, a
/// `unitCost` without amount in ``SeveraConnector/Options/defaultCurrency`` (Severa requires the member).
enum ProductMapping {
    /// Reads a record of `register`.
    static func product(
        _ object: WireObject, register: ProductRegister, options: SeveraConnector.Options
    ) throws(WireError) -> Product {
        var product = Product(
            code: try object.optionalString("code") ?? "", name: try object.string("name"), kind: register.kind,
            isActive: try object.bool("isActive", default: true))
        guard register != .workType else { return product }
        product.unit = options.canonicalUnit(try object.optionalString("measurementUnit"))
        product.price = try object.optionalMoney(register == .product ? "unitPrice" : "unitCost")
        product.vatRate = try object.optionalDecimal("vatRate")
        return product
    }

    /// The `POST` body creating `product` in `register`.
    static func createBody(
        _ product: Product, register: ProductRegister, options: SeveraConnector.Options
    ) -> JSONValue {
        var body: [String: JSONValue] = [
            "name": .string(product.name), "code": .string(product.code), "isActive": .bool(product.isActive),
        ]
        switch register {
        case .workType:
            return .object(body)
        case .travelExpenseType:
            body["expenseClass"] = .string(options.newTravelExpenseClass.rawValue)
            body["unitCost"] =
                product.price.map(WireValues.money) ?? WireValues.noMoney(currency: options.defaultCurrency)
        case .product:
            body["type"] = .string(options.newProductType.rawValue)
            if let price = product.price { body["unitPrice"] = WireValues.money(price) }
        }
        if let unit = options.severaUnit(product.unit) { body["measurementUnit"] = .string(unit) }
        if let vatRate = product.vatRate { body["vatRate"] = WireValues.decimal(vatRate) }
        return .object(body)
    }

    /// The patch writing `fields` of `product` to a record of `register`.
    ///
    /// - Throws: ``ConnectorError`` (`invalidRecord`) for a member the register does not hold, or a change
    ///   of `kind` (a record cannot move between registers).
    static func patch(
        _ fields: Set<String>, of product: Product, register: ProductRegister, options: SeveraConnector.Options,
        operation: String
    ) throws(ConnectorError) -> JSONPatch {
        var patch = JSONPatch()
        for field in fields.sorted() {
            guard register.carriedFields.contains(field) else {
                throw invalid(
                    operation,
                    "Severa \(register.displayName)s have no \(field) (product \(product.code))"
                        + (register == .workType && field == "price" ? "; hour prices live in Severa price lists" : ""))
            }
            switch field {
            case "code": patch.replace("/code", .string(product.code))
            case "name": patch.replace("/name", .string(product.name))
            case "isActive": patch.replace("/isActive", .bool(product.isActive))
            case "unit": patch.replace("/measurementUnit", WireValues.text(options.severaUnit(product.unit)))
            case "vatRate": patch.replace("/vatRate", WireValues.decimal(product.vatRate))
            case "price":
                patch.replace(
                    register == .product ? "/unitPrice" : "/unitCost",
                    product.price.map(WireValues.money) ?? WireValues.noMoney(currency: options.defaultCurrency))
            default:
                guard product.kind == register.kind else {
                    throw invalid(
                        operation,
                        "product \(product.code) is a Severa \(register.displayName) and cannot become a "
                            + "\(ProductRegister(kind: product.kind).displayName); create it in that register instead")
                }
            }
        }
        return patch
    }

    private static func invalid(_ operation: String, _ message: String) -> ConnectorError {
        ConnectorError(kind: .invalidRecord, system: SeveraAPI.system, operation: operation, message: message)
    }
}
