import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

/// An emulator on a manual clock plus a logged-in client, for driving the API through `handle(_:)`.
struct SeveraTestHarness {
    let clock: ManualWallClock
    let emulator: SeveraEmulator
    let accessToken: String
    let refreshToken: String

    /// An emulator with the rate limit off (unless `configuration` says otherwise) and a fresh token.
    init(configuration: SeveraEmulator.Configuration = .init(rateLimit: nil)) throws {
        clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_767_225_600))
        emulator = SeveraEmulator(configuration: configuration, clock: clock)
        let login = Self.send(
            emulator, .post, "/rest-api/v1/token",
            body: [
                "client_Id": .string(configuration.clientID), "client_Secret": .string(configuration.clientSecret),
            ])
        let model = try Self.json(login)
        accessToken = try #require(model["access_token"]?.stringValue)
        refreshToken = try #require(model["refresh_token"]?.stringValue)
    }

    /// Sends a request without credentials.
    static func send(
        _ emulator: SeveraEmulator, _ method: HTTPMethod, _ target: String, body: JSONValue? = nil,
        headers: HTTPHeaders = [:]
    ) -> HTTPResponse {
        var headers = headers
        var data = Data()
        if let body {
            data = JSONSerializer.data(body)
            if headers["Content-Type"] == nil { headers["Content-Type"] = "application/json" }
        }
        let result = emulator.handle(ServerRequest(method: method, target: target, headers: headers, body: data))
        guard case .response(let response) = result.outcome else { return HTTPResponse(status: 0) }
        return response
    }

    /// Sends an authenticated request to `/rest-api/v1/` + `path`.
    func call(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil, token: String? = nil,
        headers: HTTPHeaders = [:]
    ) -> HTTPResponse {
        var headers = headers
        headers["Authorization"] = "Bearer \(token ?? accessToken)"
        return Self.send(emulator, method, "/rest-api/v1/" + path, body: body, headers: headers)
    }

    /// GET and decode.
    func get(_ path: String) throws -> JSONValue {
        try Self.json(call(.get, path))
    }

    /// POST a model that must be created (201) and return the created model.
    @discardableResult
    func create(_ path: String, _ body: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> JSONValue
    {
        let response = call(.post, path, body: body)
        #expect(
            response.status == 201, "\(String(decoding: response.body, as: UTF8.self))", sourceLocation: sourceLocation)
        return try Self.json(response)
    }

    /// The body as JSON.
    static func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONParser.parse(response.body)
    }

    /// An exact decimal JSON number, e.g. `number("100.50")`.
    static func number(_ literal: String) -> JSONValue {
        JSONNumber(literal: literal).map(JSONValue.number) ?? .null
    }

    /// The guid of a seeded record.
    static func guid(_ model: JSONValue) throws -> String {
        try #require(model["guid"]?.stringValue)
    }

    /// Seeds a customer with `count` addresses and returns its guid.
    @discardableResult
    func seedCustomer(_ name: String, number: Int? = nil, addresses: Int = 0) throws -> String {
        var model: JSONValue = ["name": .string(name)]
        if let number, case .object(var members) = model {
            members["number"] = .number(JSONNumber(number))
            model = .object(members)
        }
        let guid = try Self.guid(emulator.seed(.customers, model))
        for index in 0..<addresses {
            try emulator.seedAddress(
                customerGuid: guid, ["addressline": .string("Street \(index)"), "isBillingAddress": true])
        }
        return guid
    }

    /// The guid of the seeded project manager (Anna Andersson).
    func projectManager() throws -> String {
        let users = try get("users?rowCount=100").arrayValue ?? []
        let anna = try #require(users.first { $0["firstName"]?.stringValue == "Anna" })
        return try Self.guid(anna)
    }

    /// The guid of the invoice status called `name`.
    func invoiceStatus(_ name: String) throws -> String {
        let statuses = try get("invoicestatuses").arrayValue ?? []
        return try Self.guid(try #require(statuses.first { $0["name"]?.stringValue == name }))
    }

    /// Checks that `response` is an `ExceptionModel` with `status`, `type` and (if given) location name.
    static func expectError(
        _ response: HTTPResponse, status: Int, type: String, name: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == status, sourceLocation: sourceLocation)
        guard let model = try? json(response), let error = model["error"] else {
            Issue.record(
                "no ExceptionModel body: \(String(decoding: response.body, as: UTF8.self))",
                sourceLocation: sourceLocation)
            return
        }
        #expect(error["httpStatusCode"] == .number(JSONNumber(status)), sourceLocation: sourceLocation)
        #expect(error["type"]?.stringValue == type, sourceLocation: sourceLocation)
        #expect(error["stack"] == .null, sourceLocation: sourceLocation)
        let detail = error["details"]?.arrayValue?.first
        #expect(detail?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(detail?["url"] == .null, sourceLocation: sourceLocation)
        if let name {
            #expect(detail?["location"]?["name"]?.stringValue == name, sourceLocation: sourceLocation)
        }
    }
}
