import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SyncCore
import Testing

@Suite("Fortnox connector: authorization and token rotation (O1)")
struct FortnoxAuthorizationTests {
    @Test(
        "O1: after expiry 20 concurrent callers cause one refresh, and the rotated token is stored",
        arguments: FortnoxWire.allCases)
    func oneRefreshForConcurrentCallers(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire, emulatorRateLimit: nil)
        try bed.seed(.customers, ["CustomerNumber": "1", "Name": "Acme AB"])
        let initial = try #require(await bed.tokenStore.tokens)
        bed.clock.advance(by: 3601)

        let connector = bed.connector
        let names = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<20 {
                group.addTask { try await connector.customers.find(naturalKey: "1")?.record.name }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(names == Array(repeating: "Acme AB", count: 20))
        let tokenRequests = bed.recorder.exchanges(.post, path: "/oauth-v1/token")
        #expect(tokenRequests.count == 2, "the code exchange and exactly one refresh")
        let refreshForm = String(decoding: tokenRequests.last?.body ?? Data(), as: UTF8.self)
        #expect(refreshForm.contains("grant_type=refresh_token"))

        let rotated = try #require(await bed.tokenStore.tokens)
        #expect(rotated.refreshToken != initial.refreshToken)
        #expect(rotated.accessToken != initial.accessToken)
        #expect(bed.recorder.issuedTokens.contains(rotated.refreshToken))

        // Fortnox refresh tokens are single use: the old one is dead now.
        let reuse = bed.emulator.handle(
            ServerRequest(
                method: .post, target: "/oauth-v1/token",
                headers: [
                    "Authorization": "Basic "
                        + Data("\(FortnoxTestbed.clientID):\(FortnoxTestbed.clientSecret)".utf8).base64EncodedString(),
                    "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: Data("grant_type=refresh_token&refresh_token=\(initial.refreshToken)".utf8)))
        guard case .response(let response) = reuse.outcome else {
            Issue.record("the emulator dropped the token request")
            return
        }
        #expect(response.status == 400)
        #expect(try JSONParser.parse(response.body)["error"] == "invalid_grant")
        bed.finish()
    }

    @Test("O1: a refused authorization code is unauthorized, and the code never shows")
    func aRefusedCodeIsUnauthorized() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        let code = "code-never-issued-4f1d2c"
        let error = await #expect(throws: ConnectorError.self) { try await bed.connector.authorize(code: code) }
        #expect(error?.kind == .unauthorized)
        #expect(error?.operation == "POST /oauth-v1/token")
        #expect(error?.description.contains("brygga auth fortnox") == true)
        #expect(error?.description.contains(code) == false)
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("O1: without stored tokens every call is unauthorized with the operator's next step")
    func withoutTokensCallsAreUnauthorized() async throws {
        let base = try #require(URL(string: "https://api.fortnox.se"))
        let oauth = try FortnoxOAuthConfiguration(
            clientID: FortnoxTestbed.clientID, clientSecret: FortnoxTestbed.clientSecret,
            redirectURI: "https://brygga.example/callback", authorizationBaseURL: base)
        let handler = FortnoxScriptedHandler()
        let connector = FortnoxConnector(
            configuration: try FortnoxConnector.Configuration(apiBaseURL: base, oauth: oauth),
            tokenStore: InMemoryTokenStore(), transport: handler.inProcessTransport(), clock: ManualWallClock())
        let error = await #expect(throws: ConnectorError.self) { try await connector.customers.find(naturalKey: "1") }
        #expect(error?.kind == .unauthorized)
        #expect(error?.description.hasPrefix("Fortnox GET /3/customers/1:") == true)
        #expect(error?.description.contains("brygga auth fortnox") == true)
    }

    @Test("O1: the consent URL asks for every scope Brygga uses, with offline access")
    func theConsentURLAsksForEveryScope() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        let url = bed.connector.authorizationURL(state: "st-42")
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let scope = items.first { $0.name == "scope" }?.value ?? ""
        #expect(Set(scope.split(separator: " ").map(String.init)) == Set(FortnoxConnector.requiredScopes))
        #expect(items.contains(URLQueryItem(name: "access_type", value: "offline")))
        #expect(items.contains(URLQueryItem(name: "state", value: "st-42")))
        bed.finish()
    }

    @Test("O1: a 401 {\"message\":\"unauthorized\"} whose refresh is refused is unauthorized; no token shows")
    func aRejectedTokenWithARefusedRefreshIsUnauthorized() async throws {
        let scripted = try FortnoxScriptedConnector()
        scripted.handler.answer("GET /3/customers/1", status: 401, json: ["message": "unauthorized"])
        scripted.handler.answer(
            "POST /oauth-v1/token",
            with: HTTPResponse(
                status: 400, headers: ["Content-Type": "text/html; charset=UTF-8"],
                body: Data(#"{"error":"invalid_grant","error_description":"Invalid refresh token"}"#.utf8)))
        let error = await #expect(throws: ConnectorError.self) {
            try await scripted.connector.customers.find(naturalKey: "1")
        }
        #expect(error?.kind == .unauthorized)
        #expect(error?.description.hasPrefix("Fortnox GET /3/customers/1:") == true)
        #expect(error?.description.contains("brygga auth fortnox") == true)
        let again = await #expect(throws: ConnectorError.self) {
            try await scripted.connector.customers.find(naturalKey: "1")
        }
        #expect(again?.kind == .unauthorized, "a refused refresh token is never sent again")
        scripted.finish(errors: [error, again].compactMap { $0 })
    }
}
