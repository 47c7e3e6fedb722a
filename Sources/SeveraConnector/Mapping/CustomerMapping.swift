import JSONSupport
import SyncCore

/// Severa `CustomerModel` ↔ canonical ``Customer`` (R2), without addresses (see ``AddressMapping``).
///
/// | canonical | Severa |
/// |---|---|
/// | `number` | `number` (int64; canonical text of the integer) |
/// | `name` | `name` |
/// | `vatNumber` | `vatNumber` (Visma's own integrations use it as the business id, D8) |
/// | `email`, `website` | `email`, `website` |
/// | `currency` | `currency.code` (written as `currency{guid}` looked up in `/v1/currencies`) |
/// | `isActive` | `isActive` (absent reads as true) |
/// | `kind` | always `company`: Severa has no private customers; not carried |
/// | `organisationNumber`, `phone` | Severa's customer has neither; not carried |
///
/// Empty text reads as absent, as Fortnox's empty fields do, so "" and `null` never differ.
enum CustomerMapping {
    /// The canonical members Severa customers carry.
    static let carriedFields: Set<String> = [
        "number", "name", "vatNumber", "email", "website", "currency", "isActive",
        AddressRole.billing.canonicalKey, AddressRole.postal.canonicalKey, AddressRole.visiting.canonicalKey,
    ]

    /// The canonical members written with a customer PATCH (the address members go to addresses).
    static let customerFields: Set<String> = [
        "number", "name", "vatNumber", "email", "website", "currency", "isActive",
    ]

    /// The Severa number for a canonical customer number, or `nil` when Severa cannot hold it: only
    /// digits, no leading zero (Severa stores an int64 and would drop it, D4), greater than zero.
    static func severaNumber(_ text: String) -> Int64? {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"),
            text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return Int64(text)
    }

    /// The Severa number for writing, or an `invalidRecord` error naming the number.
    static func requiredNumber(_ customer: Customer, operation: String) throws(ConnectorError) -> Int64 {
        guard let number = severaNumber(customer.number) else {
            throw ConnectorError(
                kind: .invalidRecord, system: SeveraAPI.system, operation: operation,
                message: "customer number \"\(customer.number)\" of \"\(customer.name)\" cannot be stored in Severa: "
                    + "Severa customer numbers are whole numbers without leading zeros (int64)")
        }
        return number
    }

    /// Reads a customer model with the addresses already chosen per role.
    static func customer(_ object: WireObject, addresses: [AddressRole: Address]) throws(WireError) -> Customer {
        Customer(
            number: WireValues.text(try object.optionalInt64("number")),
            name: try object.string("name"),
            vatNumber: try object.optionalText("vatNumber"),
            kind: .company,
            addresses: addresses,
            email: try object.optionalText("email"),
            website: try object.optionalText("website"),
            currency: try object.optionalObject("currency")?.optionalText("code")?.uppercased(),
            isActive: try object.bool("isActive", default: true)
        )
    }

    /// The natural key of a customer model, when it can be read.
    static func naturalKey(_ object: WireObject) -> String? {
        (try? object.optionalInt64("number")).map { String($0) }
    }

    /// The `POST /v1/customers` body.
    static func createBody(_ customer: Customer, number: Int64, currencyGUID: String?) -> JSONValue {
        var body: [String: JSONValue] = [
            "name": .string(customer.name), "number": .number(JSONNumber(number)), "isActive": .bool(customer.isActive),
        ]
        if let vatNumber = customer.vatNumber { body["vatNumber"] = .string(vatNumber) }
        if let email = customer.email { body["email"] = .string(email) }
        if let website = customer.website { body["website"] = .string(website) }
        if let currencyGUID { body["currency"] = WireValues.reference(currencyGUID) }
        return .object(body)
    }

    /// The patch writing `fields` (canonical customer members only) of `customer`.
    static func patch(
        _ fields: Set<String>, of customer: Customer, number: Int64, currencyGUID: String?
    ) -> JSONPatch {
        var patch = JSONPatch()
        for field in fields.intersection(customerFields).sorted() {
            switch field {
            case "number": patch.replace("/number", .number(JSONNumber(number)))
            case "name": patch.replace("/name", .string(customer.name))
            case "vatNumber": patch.replace("/vatNumber", WireValues.text(customer.vatNumber))
            case "email": patch.replace("/email", WireValues.text(customer.email))
            case "website": patch.replace("/website", WireValues.text(customer.website))
            case "currency": patch.replace("/currency/guid", WireValues.text(currencyGUID))
            default: patch.replace("/isActive", .bool(customer.isActive))
            }
        }
        return patch
    }
}
