import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import Testing

/// Talks to a served sandbox through Brygga's URLSession transport, with the ready file's credentials.
struct SandboxAPIClient: Sendable {
    let ready: ReadyDocument
    let transport = URLSessionTransport()

    /// Sends a request to `url` (absolute).
    func send(
        _ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:], body: Data = Data()
    ) async throws -> HTTPResponse {
        try await transport.send(
            HTTPRequest(method: method, url: try #require(URL(string: url)), headers: headers, body: body))
    }

    /// A Fortnox access token bought with the ready file's authorization code.
    func fortnoxToken() async throws -> String {
        let basic = Data("\(ready.credentials.fortnoxClientID):\(ready.credentials.fortnoxClientSecret)".utf8)
        let reply = try await send(
            .post, ready.fortnoxBaseURL + "/oauth-v1/token",
            headers: [
                "Authorization": "Basic \(basic.base64EncodedString())",
                "Content-Type": "application/x-www-form-urlencoded",
            ],
            body: Data("grant_type=authorization_code&code=\(ready.fortnoxAuthorizationCode)".utf8))
        try #require(reply.status == 200, "Fortnox token exchange answered \(reply.status)")
        return try #require(try JSONParser.parse(reply.body)["access_token"]?.stringValue)
    }

    /// A Severa access token from client credentials.
    func severaToken() async throws -> String {
        let body: JSONValue = [
            "client_id": .string(ready.credentials.severaClientID),
            "client_secret": .string(ready.credentials.severaClientSecret), "scope": "customers:read",
        ]
        let reply = try await send(
            .post, ready.severaBaseURL + "/v1/token", headers: ["Content-Type": "application/json"],
            body: JSONSerializer.data(body))
        try #require(reply.status == 200, "Severa login answered \(reply.status)")
        return try #require(try JSONParser.parse(reply.body)["access_token"]?.stringValue)
    }

    /// Every Severa customer, page by page following `NextPageToken`; also returns the number of pages.
    func allSeveraCustomers(token: String, rowCount: Int) async throws -> (customers: [JSONValue], pages: Int) {
        var customers: [JSONValue] = []
        var pages = 0
        var pageToken: String?
        repeat {
            var url = ready.severaBaseURL + "/v1/customers?rowCount=\(rowCount)"
            if let pageToken {
                url += "&pageToken=" + (pageToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            let reply = try await send(.get, url, headers: ["Authorization": "Bearer \(token)"])
            try #require(reply.status == 200, "customer page \(pages + 1) answered \(reply.status)")
            customers += try #require(try JSONParser.parse(reply.body).arrayValue)
            pageToken = reply.headers["NextPageToken"]
            pages += 1
        } while pageToken != nil && pages < 1000
        return (customers, pages)
    }
}
