import Foundation
import HTTPSupport
import Testing

@Suite struct APIClientAuthTests {
    @Test func unauthorizedOnceRefreshesTheTokenAndRetriesWithTheNewOne() async throws {
        let fixture = ClientFixture([.status(401), .ok])
        let response = try await fixture.client.send(try fixture.request(.post))
        #expect(response.status == 200)
        let sent = fixture.transport.requests.map { $0.headers["Authorization"] }
        #expect(sent == ["Bearer token-1", "Bearer token-2"])
        #expect(await fixture.tokens.rejected == ["token-1"])
    }

    @Test func unauthorizedTwiceIsUnauthorized() async throws {
        let fixture = ClientFixture([.status(401), .status(401), .ok])
        let error = await #expect(throws: APIClientError.self) {
            try await fixture.client.send(try fixture.request(.get))
        }
        #expect(error?.kind == .unauthorized)
        #expect(error?.status == 401)
        #expect(fixture.transport.requests.count == 2)
        #expect(await fixture.tokens.rejected == ["token-1"], "the provider is asked for a fresh token once")
    }

    @Test func tokenProviderFailureStopsTheRequestBeforeSending() async throws {
        struct FailingProvider: AccessTokenProvider {
            func accessToken() async throws(APIClientError) -> String {
                throw APIClientError(kind: .unauthorized, apiName: "Fortnox", message: "run `brygga auth fortnox`")
            }
            func accessTokenRejected(_ token: String) async {}
        }
        let clock = ManualWallClock()
        let transport = ScriptedTransport([.ok], clock: clock)
        let client = APIClient(
            apiName: "Fortnox",
            transport: transport,
            tokenProvider: FailingProvider(),
            rateLimiter: RateLimiter(limit: .fortnox, clock: clock),
            clock: clock,
            redactor: SecretRedactor()
        )
        let url = try #require(URL(string: "https://api.fortnox.se/3/customers"))
        let error = await #expect(throws: APIClientError.self) {
            try await client.send(HTTPRequest(method: .get, url: url))
        }
        #expect(error?.kind == .unauthorized)
        #expect(transport.requests.isEmpty)
    }
}
