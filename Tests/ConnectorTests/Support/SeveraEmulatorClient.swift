import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

/// Calls the emulator directly (no transport, no recorder, no faults) to seed and check state.
struct SeveraEmulatorClient: Sendable {
    let emulator: SeveraEmulator
    let configuration: SeveraEmulator.Configuration

    init(emulator: SeveraEmulator, configuration: SeveraEmulator.Configuration) throws {
        self.emulator = emulator
        self.configuration = configuration
    }

    /// Sends `method target` with a fresh token and returns the response.
    func send(_ method: HTTPMethod, _ target: String, body: JSONValue? = nil) throws -> HTTPResponse {
        let login = try response(
            ServerRequest(
                method: .post, target: "/rest-api/v1/token", headers: ["Content-Type": "application/json"],
                body: JSONSerializer.data([
                    "client_id": .string(configuration.clientID), "client_secret": .string(configuration.clientSecret),
                ])))
        let token = try #require(try JSONParser.parse(login.body)["access_token"]?.stringValue)
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
        var data = Data()
        if let body {
            headers["Content-Type"] = "application/json"
            data = JSONSerializer.data(body)
        }
        return try response(ServerRequest(method: method, target: "/rest-api" + target, headers: headers, body: data))
    }

    /// `GET /rest-api` + `target`, decoded; the status must be 200.
    func get(_ target: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let answer = try send(.get, target)
        try #require(
            answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))", sourceLocation: sourceLocation)
        return try JSONParser.parse(answer.body)
    }

    /// A JSON Patch `replace` of `path` with `value` on `target`; the status must be 200.
    @discardableResult
    func replace(_ target: String, _ path: String, _ value: JSONValue) throws -> JSONValue {
        let answer = try send(.patch, target, body: [["op": "replace", "path": .string(path), "value": value]])
        try #require(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        return try JSONParser.parse(answer.body)
    }

    /// The guid of the first record of list `target` whose `field` equals `value`.
    func guid(_ target: String, where field: String, is value: String) throws -> String {
        let records = try #require(try get(target).arrayValue)
        let record = try #require(
            records.first { $0[field]?.stringValue == value }, "no \(field)=\(value) in \(target)")
        return try #require(record["guid"]?.stringValue)
    }

    /// The guid of country `code2`, e.g. `SE`.
    func countryGUID(_ code2: String) throws -> String {
        try guid("/v1/localization/countries", where: "code2", is: code2)
    }

    /// The guid of the sandbox user Anna Andersson.
    func userGUID() throws -> String {
        try guid("/v1/users?rowCount=100", where: "code", is: "AA")
    }

    /// The guid of invoice status `name`.
    func invoiceStatusGUID(_ name: String) throws -> String {
        try guid("/v1/invoicestatuses?rowCount=100", where: "name", is: name)
    }

    /// The number of live records of a token-paged list (`/v1/customers`).
    func count(_ path: String) throws -> Int {
        var total = 0
        var token: String?
        repeat {
            let answer = try send(.get, path + "?rowCount=100" + (token.map { "&pageToken=\($0)" } ?? ""))
            total += try #require(try JSONParser.parse(answer.body).arrayValue).count
            token = answer.headers["NextPageToken"]
        } while token != nil
        return total
    }

    private func response(_ request: ServerRequest) throws -> HTTPResponse {
        guard case .response(let response) = emulator.handle(request).outcome else {
            throw SeveraTestFailure("the emulator dropped \(request.method) \(request.path)")
        }
        return response
    }
}

/// A failure in test setup.
struct SeveraTestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
