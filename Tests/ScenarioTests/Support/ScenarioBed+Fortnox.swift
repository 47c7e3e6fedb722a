import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit
import SyncCore
import Testing

/// Fortnox as its users see it: seeding, editing and reading records directly in the emulator
/// (no connector, no recording, no faults).
extension ScenarioBed {
    /// Seeds `entity` into `resource` as a POST would, and returns it as stored.
    @discardableResult
    func seedFortnox(_ resource: FortnoxResource, _ entity: JSONValue) throws -> JSONValue {
        try sandbox.fortnox.seed(resource, entity)
    }

    /// Seeds a Fortnox customer with an invoice address (`COMPANY` unless `private`).
    @discardableResult
    func seedFortnoxCustomer(
        _ number: String, _ name: String, vat: String? = "SE556677889901", isPrivate: Bool = false,
        extra: [String: JSONValue] = [:]
    ) throws -> JSONValue {
        var fields: [String: JSONValue] = [
            "CustomerNumber": .string(number), "Name": .string(name), "Type": isPrivate ? "PRIVATE" : "COMPANY",
            "Address1": "Kungsgatan 2", "ZipCode": "411 19", "City": "Göteborg", "CountryCode": "SE",
        ]
        if let vat { fields["VATNumber"] = .string(vat) }
        fields.merge(extra) { _, new in new }
        return try seedFortnox(.customers, .object(fields))
    }

    /// Seeds a Fortnox article, with its price in price list A when `price` is given.
    @discardableResult
    func seedFortnoxArticle(_ number: String, _ name: String, unit: String? = nil, price: String? = nil) throws
        -> JSONValue
    {
        var fields: [String: JSONValue] = ["ArticleNumber": .string(number), "Description": .string(name)]
        if let unit { fields["Unit"] = .string(unit) }
        let article = try seedFortnox(.articles, .object(fields))
        if let price {
            try seedFortnox(
                .prices,
                [
                    "ArticleNumber": .string(number), "PriceList": "A", "FromQuantity": 0,
                    "Price": try Self.number(price),
                ])
        }
        return article
    }

    /// `GET /3/<resource>/<key>` as a Fortnox user: the record's fields, or `nil` when there is none.
    func fortnoxRecord(_ resource: FortnoxResource, _ key: String) async throws -> JSONValue? {
        let wrapper: String
        switch resource {
        case .customers: wrapper = "Customer"
        case .articles: wrapper = "Article"
        case .projects: wrapper = "Project"
        default: throw ScenarioError("no wrapper known for \(resource)")
        }
        let encoded = key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? key
        let answer = try await fortnoxUser(.get, "/3/\(resource.rawValue)/\(encoded)")
        return answer?[wrapper]
    }

    /// Changes record `key` of `resource` with a PUT of `fields`, as a Fortnox user would.
    func editFortnox(_ resource: FortnoxResource, _ key: String, _ fields: [String: JSONValue]) async throws {
        let wrapper = resource == .customers ? "Customer" : resource == .articles ? "Article" : "Project"
        let encoded = key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? key
        let answer = try await fortnoxUser(
            .put, "/3/\(resource.rawValue)/\(encoded)", json: .object([wrapper: .object(fields)]))
        if answer == nil { throw ScenarioError("Fortnox \(resource) \(key) does not exist") }
    }

    /// Sets the price of article `number` in price list A, as a Fortnox user would.
    func editFortnoxPrice(_ number: String, _ price: String) async throws {
        let answer = try await fortnoxUser(
            .put, "/3/prices/A/\(number)/0", json: ["Price": ["Price": try Self.number(price)]])
        if answer == nil { throw ScenarioError("Fortnox article \(number) has no price") }
    }

    /// How many records of `resource` Fortnox holds.
    func fortnoxCount(_ resource: FortnoxResource) -> Int {
        sandbox.fortnox.exportState()["tables"]?[resource.rawValue]?["records"]?.arrayValue?.count ?? 0
    }

    /// Sends `method target` to the Fortnox emulator with a fresh access token of its own, unrecorded;
    /// returns the JSON of a 2xx answer, `nil` for a 404.
    ///
    /// - Throws: ``ScenarioError`` for any other answer.
    @discardableResult
    func fortnoxUser(_ method: HTTPMethod, _ target: String, json: JSONValue? = nil) async throws -> JSONValue? {
        let token = try fortnoxUserToken()
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        if json != nil { headers["Content-Type"] = "application/json" }
        let request = ServerRequest(
            method: method, target: target, headers: headers, body: json.map(JSONSerializer.data) ?? Data())
        guard case .response(let response) = sandbox.fortnox.handle(request).outcome else {
            throw ScenarioError("Fortnox dropped \(method) \(target)")
        }
        if response.status == 404 { return nil }
        guard response.isSuccess else {
            throw ScenarioError(
                "Fortnox \(method) \(target) → \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return try JSONParser.parse(response.body)
    }

    /// An access token from a fresh authorization code, as another Fortnox user's session would have.
    private func fortnoxUserToken() throws -> String {
        guard let token = sandbox.issueFortnoxAccessToken() else {
            throw ScenarioError("Fortnox refused the scenario user's authorization code")
        }
        return token
    }
}
