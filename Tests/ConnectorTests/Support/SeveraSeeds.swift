import Foundation
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

/// Seeding shortcuts: records go straight into the emulator (no request is recorded).
extension SeveraSandbox {
    /// Seeds a customer and returns its guid.
    @discardableResult
    func seedCustomer(
        number: Int64, name: String, vatNumber: String? = "SE556677889901", extra: [String: JSONValue] = [:]
    ) throws -> String {
        var model: [String: JSONValue] = ["number": .number(JSONNumber(number)), "name": .string(name)]
        if let vatNumber { model["vatNumber"] = .string(vatNumber) }
        model.merge(extra) { _, new in new }
        return try #require(try emulator.seed(.customers, .object(model))["guid"]?.stringValue)
    }

    /// Seeds an address of customer `customer` and returns its guid.
    @discardableResult
    func seedAddress(
        customer: String, _ line: String, postalCode: String? = "111 22", city: String? = "Stockholm",
        country: String? = "SE", billing: Bool = false, postal: Bool = false, visit: Bool = false
    ) throws -> String {
        var model: [String: JSONValue] = [
            "addressline": .string(line), "isBillingAddress": .bool(billing), "isPostalAddress": .bool(postal),
            "isVisitAddress": .bool(visit),
        ]
        if let postalCode { model["postalCode"] = .string(postalCode) }
        if let city { model["city"] = .string(city) }
        if let country { model["country"] = ["guid": .string(try #require(countries[country]))] }
        return try #require(try emulator.seedAddress(customerGuid: customer, .object(model))["guid"]?.stringValue)
    }

    /// Seeds a work type, travel expense type or product and returns its guid.
    @discardableResult
    func seedProduct(_ resource: SeveraResource, code: String, name: String, extra: [String: JSONValue] = [:]) throws
        -> String
    {
        var model: [String: JSONValue] = ["code": .string(code), "name": .string(name)]
        if resource == .travelexpensetypes {
            model["expenseClass"] = "Mileage"
            model["unitCost"] = [
                "amount": .number(JSONNumber(literal: "2.50") ?? JSONNumber(0)), "currencyCode": "SEK",
            ]
        }
        model.merge(extra) { _, new in new }
        return try #require(try emulator.seed(resource, .object(model))["guid"]?.stringValue)
    }

    /// Seeds a project of customer `customer` owned by Anna and returns its guid.
    @discardableResult
    func seedProject(number: Int64, name: String, customer: String, extra: [String: JSONValue] = [:]) throws -> String {
        var model: [String: JSONValue] = [
            "number": .number(JSONNumber(number)), "name": .string(name), "customer": ["guid": .string(customer)],
            "projectOwner": ["guid": .string(try direct.userGUID())],
        ]
        model.merge(extra) { _, new in new }
        return try #require(try emulator.seed(.projects, .object(model))["guid"]?.stringValue)
    }

    /// An exact JSON number.
    static func number(_ literal: String) -> JSONValue {
        JSONNumber(literal: literal).map(JSONValue.number) ?? .null
    }
}
