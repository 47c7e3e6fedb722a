import Foundation
import JSONSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A plain URLSession client for talking to a listening sandbox the way any HTTP client would.
struct LoopbackClient: Sendable {
    /// What came back.
    struct Reply: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        /// The body as JSON.
        func json() throws -> JSONValue { try JSONParser.parse(body) }

        /// A header, by name in any case.
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    private let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    /// Sends one request.
    func send(
        _ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> Reply {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name] = value }
        }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// A Fortnox access token for `code`, from `POST /oauth-v1/token` with Basic client authentication.
    func fortnoxAccessToken(
        authBaseURL: String, clientID: String, clientSecret: String, code: String
    ) async throws -> String {
        let basic = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        let reply = try await send(
            "POST", authBaseURL + "/oauth-v1/token",
            headers: ["Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded"],
            body: Data("grant_type=authorization_code&code=\(code)".utf8))
        try #require(reply.status == 200, "token exchange answered \(reply.status)")
        return try #require(try reply.json()["access_token"]?.stringValue)
    }

    /// A Severa access token from `POST /v1/token` with client credentials.
    func severaAccessToken(baseURL: String, clientID: String, clientSecret: String) async throws -> String {
        let body: JSONValue = [
            "client_id": .string(clientID), "client_secret": .string(clientSecret),
            "scope": "customers:read customers:write",
        ]
        let reply = try await send(
            "POST", baseURL + "/v1/token", headers: ["Content-Type": "application/json"],
            body: JSONSerializer.data(body))
        try #require(reply.status == 200, "Severa login answered \(reply.status)")
        return try #require(try reply.json()["access_token"]?.stringValue)
    }
}
