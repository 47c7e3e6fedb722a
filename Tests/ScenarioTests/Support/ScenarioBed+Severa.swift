import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

/// A Severa address to seed: street, place and which roles it plays.
struct SeveraAddress {
    var line: String
    var postalCode = "111 22"
    var city = "Stockholm"
    var country = "SE"
    var billing = false
    var postal = false
    var visit = false
}

/// Severa as its users see it: seeding, editing and reading records directly in the emulator
/// (no connector, no recording, no faults).
extension ScenarioBed {
    /// Seeds a Severa customer with its addresses and returns its guid.
    @discardableResult
    func seedSeveraCustomer(
        _ number: Int64, _ name: String, vat: String? = "SE556677889901",
        addresses: [SeveraAddress] = [SeveraAddress(line: "Storgatan 1", billing: true)]
    ) throws -> String {
        var model: [String: JSONValue] = ["number": .number(JSONNumber(number)), "name": .string(name)]
        if let vat { model["vatNumber"] = .string(vat) }
        let guid = try #require(try sandbox.severa.seed(.customers, .object(model))["guid"]?.stringValue)
        for address in addresses { try seedSeveraAddress(customer: guid, address) }
        return guid
    }

    /// Seeds an address of customer `customer` and returns its guid.
    @discardableResult
    func seedSeveraAddress(customer: String, _ address: SeveraAddress) throws -> String {
        let country = try #require(severaReferences.countries[address.country])
        let model: JSONValue = [
            "addressline": .string(address.line), "postalCode": .string(address.postalCode),
            "city": .string(address.city), "country": ["guid": .string(country)],
            "isBillingAddress": .bool(address.billing), "isPostalAddress": .bool(address.postal),
            "isVisitAddress": .bool(address.visit),
        ]
        return try #require(try sandbox.severa.seedAddress(customerGuid: customer, model)["guid"]?.stringValue)
    }

    /// Seeds a work type (`.worktypes`), travel expense type or product and returns its guid.
    @discardableResult
    func seedSeveraProduct(
        _ register: SeveraResource = .products, code: String, name: String, unit: String? = nil,
        price: String? = nil
    ) throws -> String {
        var model: [String: JSONValue] = ["code": .string(code), "name": .string(name)]
        if let unit { model["measurementUnit"] = .string(unit) }
        if let price { model["unitPrice"] = ["amount": try Self.number(price), "currencyCode": "SEK"] }
        return try #require(try sandbox.severa.seed(register, .object(model))["guid"]?.stringValue)
    }

    /// Seeds a project of customer `customer` (a guid) and returns its guid.
    @discardableResult
    func seedSeveraProject(_ number: Int64, _ name: String, customer: String) throws -> String {
        let model: JSONValue = [
            "number": .number(JSONNumber(number)), "name": .string(name), "customer": ["guid": .string(customer)],
            "projectOwner": ["guid": .string(severaReferences.projectOwner)],
        ]
        return try #require(try sandbox.severa.seed(.projects, model)["guid"]?.stringValue)
    }

    /// Replaces the members `changes` (JSON Patch paths without the leading `/`) of Severa record
    /// `path` (e.g. `customers/GUID`), as a Severa user would.
    @discardableResult
    func editSevera(_ path: String, _ changes: [String: JSONValue]) throws -> JSONValue {
        let operations = changes.keys.sorted().map { key -> JSONValue in
            ["op": "replace", "path": .string("/" + key), "value": changes[key] ?? .null]
        }
        return try severaUser(.patch, "/v1/" + path, body: .array(operations))
    }

    /// Severa customer `number` as the connector reads it (through the recorded transport), or `nil`.
    func severaCustomer(_ number: String) async throws -> RemoteRecord<Customer>? {
        try await severa.customers.find(naturalKey: number)
    }

    /// Severa product `code` (any register) as the connector reads it, or `nil`.
    func severaProduct(_ code: String) async throws -> RemoteRecord<Product>? {
        try await severa.products.find(naturalKey: code)
    }

    /// How many live records of Severa table `table` (e.g. `customers`, `addresses`) exist.
    func severaCount(_ table: String) -> Int {
        sandbox.severa.exportState()["organisation"]?["tables"]?[table]?.arrayValue?.count ?? 0
    }

    /// Sends `method /rest-api target` to the Severa emulator with a fresh token and returns the JSON of
    /// the 2xx answer.
    ///
    /// - Throws: ``ScenarioError`` for any other answer.
    @discardableResult
    func severaUser(_ method: HTTPMethod, _ target: String, body: JSONValue? = nil) throws -> JSONValue {
        let credentials = sandbox.configuration.credentials
        let login = try severaExchange(
            .post, "/v1/token",
            body: [
                "client_id": .string(credentials.severaClientID),
                "client_secret": .string(credentials.severaClientSecret),
            ], token: nil)
        let token = try #require(login["access_token"]?.stringValue)
        return try severaExchange(method, target, body: body, token: token)
    }

    private func severaExchange(_ method: HTTPMethod, _ target: String, body: JSONValue?, token: String?) throws
        -> JSONValue
    {
        var headers: HTTPHeaders = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = ServerRequest(
            method: method, target: "/rest-api" + target, headers: headers,
            body: body.map(JSONSerializer.data) ?? Data())
        guard case .response(let response) = sandbox.severa.handle(request).outcome, response.isSuccess else {
            throw ScenarioError("Severa \(method) \(target) was refused")
        }
        return response.body.isEmpty ? .null : try JSONParser.parse(response.body)
    }

    /// An exact JSON number written as `literal`.
    static func number(_ literal: String) throws -> JSONValue {
        .number(try #require(JSONNumber(literal: literal)))
    }
}
