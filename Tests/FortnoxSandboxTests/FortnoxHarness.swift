import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

/// A response from the emulator with its body parsed when it is JSON.
struct FortnoxResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    /// The body as JSON, or `null` when it is empty or not JSON.
    var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }

    /// The `ErrorInformation` code, whatever the key casing.
    var errorCode: Int? {
        json["ErrorInformation"]?.member(caseInsensitive: "code")?.numberValue?.int64.map(Int.init)
    }
}

/// An emulator on a manual clock with a token holding every scope, and helpers to call it in-process.
struct FortnoxHarness {
    static let allScopes: Set<String> = [
        "customer", "article", "price", "project", "costcenter", "invoice", "payment", "supplierinvoice", "supplier",
        "companyinformation", "settings", "inbox", "archive", "connectfile",
    ]
    static let basicAuthorization =
        "Basic " + Data("sandbox-fortnox-client:sandbox-fortnox-secret".utf8).base64EncodedString()

    let clock: ManualWallClock
    let emulator: FortnoxEmulator
    var token: String

    /// Creates an emulator (rate limit off unless given) and obtains a token through the code flow.
    init(
        rateLimit: Int? = nil, scopes: Set<String> = FortnoxHarness.allScopes, projectAccounting: Bool = true,
        start: Date = Date(timeIntervalSince1970: 1_767_225_600)
    ) throws {
        clock = ManualWallClock(start: start)
        emulator = FortnoxEmulator(
            configuration: .init(rateLimit: rateLimit, projectAccountingEnabled: projectAccounting), clock: clock
        )
        token = ""
        let tokens = try exchange(code: emulator.issueAuthorizationCode(scopes: scopes))
        token = try #require(tokens.json["access_token"]?.stringValue)
    }

    /// `POST /oauth-v1/token` with `grant_type=authorization_code`.
    func exchange(code: String) throws -> FortnoxResponse {
        tokenRequest("grant_type=authorization_code&code=\(code)")
    }

    /// `POST /oauth-v1/token` with a form body and the client's Basic credentials.
    func tokenRequest(_ form: String, authorization: String? = FortnoxHarness.basicAuthorization) -> FortnoxResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        if let authorization { headers["Authorization"] = authorization }
        return raw(ServerRequest(method: .post, target: "/oauth-v1/token", headers: headers, body: Data(form.utf8)))
    }

    /// Sends `method target` with the harness token (or `bearer`) and an optional JSON body.
    func send(
        _ method: HTTPMethod, _ target: String, _ json: JSONValue? = nil, body: Data? = nil,
        headers extra: [(String, String)] = [], bearer: String? = nil
    ) -> FortnoxResponse {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(bearer ?? token)", "Accept": "application/json"]
        let payload = body ?? json.map(JSONSerializer.data) ?? Data()
        if json != nil { headers["Content-Type"] = "application/json" }
        for (name, value) in extra { headers[name] = value }
        return raw(ServerRequest(method: method, target: target, headers: headers, body: payload))
    }

    /// Sends a request as given.
    func raw(_ request: ServerRequest) -> FortnoxResponse {
        guard case .response(let response) = emulator.handle(request).outcome else {
            Issue.record("the emulator dropped the connection")
            return FortnoxResponse(status: 0, headers: [:], body: Data())
        }
        return FortnoxResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// Creates `entity` by POST and returns the created entity (unwrapped), requiring a 201.
    @discardableResult
    func create(_ path: String, _ wrapper: String, _ entity: JSONValue) throws -> JSONValue {
        let response = send(.post, "/3/\(path)", [wrapper: entity])
        try #require(
            response.status == 201,
            "POST /3/\(path) → \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        return try #require(response.json[wrapper])
    }

    /// GETs `/3/<path>` and returns the unwrapped entity, requiring a 200.
    func get(_ path: String, _ wrapper: String) throws -> JSONValue {
        let response = send(.get, "/3/\(path)")
        try #require(response.status == 200, "GET /3/\(path) → \(response.status)")
        return try #require(response.json[wrapper])
    }

    /// Seeds the usual master data: unit `st`, article `A1` (price 100), customer `1`, project `P1`,
    /// cost center `CC1`.
    func seedMasterData() throws {
        _ = try emulator.seed(.units, ["Code": "st", "Description": "Styck"])
        _ = try emulator.seed(
            .articles, ["ArticleNumber": "A1", "Description": "Konsulttimme", "Unit": "st", "VAT": 25])
        _ = try emulator.seed(.prices, ["ArticleNumber": "A1", "PriceList": "A", "FromQuantity": 0, "Price": 100])
        _ = try emulator.seed(
            .customers,
            [
                "CustomerNumber": "1", "Name": "Acme AB", "Address1": "Storgatan 1", "ZipCode": "111 22",
                "City": "Stockholm",
                "CountryCode": "SE", "Email": "ekonomi@acme.se", "OrganisationNumber": "556677-8899",
            ]
        )
        _ = try emulator.seed(.projects, ["ProjectNumber": "P1", "Description": "Webbprojekt"])
        _ = try emulator.seed(.costcenters, ["Code": "CC1", "Description": "Konsult"])
    }
}

extension JSONValue {
    /// A JSON number from its literal text (JSONValue has no float literals, by design).
    static func literal(_ text: String) -> JSONValue {
        JSONNumber(literal: text).map(JSONValue.number) ?? .null
    }

    /// A decimal parsed from a number or numeric string, for amount assertions.
    var decimal: Decimal? {
        switch self {
        case .number(let number): number.decimal
        case .string(let text): Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        default: nil
        }
    }
}
