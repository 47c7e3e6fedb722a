import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite struct SeveraTokenProviderTests {
    @Test func logsInWithClientCredentialsAsJSON() async throws {
        let severa = FakeSevera()
        let provider = try severa.provider(redactor: SecretRedactor())
        let token = try await provider.accessToken()
        #expect(!token.isEmpty)
        let login = try #require(severa.requests(to: "token").first)
        #expect(login.method == .post)
        #expect(login.headers["Content-Type"] == "application/json")
        let body = try JSONParser.parse(login.body)
        #expect(body["client_id"]?.stringValue == FakeSevera.clientID)
        #expect(body["client_secret"]?.stringValue == FakeSevera.clientSecret)
        #expect(body["scope"]?.stringValue == FakeSevera.scope)
        #expect(provider.authenticationHeaders["Client_Id"] == FakeSevera.clientID)
        #expect(try await provider.accessToken() == token, "the token is reused while valid")
        #expect(severa.transport.requests.count == 1)
    }

    @Test func refreshesWithTheBareRefreshTokenBeforeExpiry() async throws {
        let severa = FakeSevera()
        let provider = try severa.provider(redactor: SecretRedactor())
        let first = try await provider.accessToken()
        severa.clock.advance(by: 3600 - 299)  // inside the 300 s margin
        let second = try await provider.accessToken()
        #expect(second != first)
        let refresh = try #require(severa.requests(to: "refreshtoken").first)
        #expect(refresh.headers["Client_Id"] == FakeSevera.clientID)
        #expect(refresh.headers["Content-Type"] == "application/json")
        let presented = try #require(try JSONParser.parse(refresh.body).stringValue)
        #expect(severa.server.presentedRefreshTokens == [presented])
        #expect(severa.requests(to: "token").count == 1, "no second login")
    }

    @Test(arguments: [TokenFault.loseResponseAfterProcessing, .failAfterProcessing, .unavailable])
    func failedRefreshFallsBackToANewLoginWithoutResendingTheRefreshToken(_ fault: TokenFault) async throws {
        let severa = FakeSevera()
        let provider = try severa.provider(redactor: SecretRedactor())
        let first = try await provider.accessToken()
        severa.clock.advance(by: 3600)
        severa.server.inject(fault)
        let second = try await provider.accessToken()
        #expect(second != first)
        #expect(severa.requests(to: "refreshtoken").count == 1)
        #expect(severa.requests(to: "token").count == 2)
        #expect(severa.server.reusedRefreshTokens.isEmpty)
    }

    @Test func refreshTokenIsNotSentAgainAfterRefreshAndLoginBothFailed() async throws {
        let severa = FakeSevera()
        let provider = try severa.provider(redactor: SecretRedactor())
        _ = try await provider.accessToken()
        severa.clock.advance(by: 3600)
        severa.server.inject(.loseResponseAfterProcessing, .garbleTokens)
        _ = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        _ = try await provider.accessToken()
        #expect(severa.requests(to: "refreshtoken").count == 1)
        #expect(severa.requests(to: "token").count == 3)
        #expect(severa.server.reusedRefreshTokens.isEmpty)
    }

    @Test func rejectedRefreshTokenFallsBackToLogin() async throws {
        let severa = FakeSevera()
        let provider = try severa.provider(redactor: SecretRedactor())
        _ = try await provider.accessToken()
        severa.clock.advance(by: 86_400 - 400)  // refresh token still "alive" locally; the server drops it
        try severa.registry.importState(["codes": [:], "access": [:], "refresh": [:]])
        _ = try await provider.accessToken()
        #expect(severa.requests(to: "refreshtoken").count == 1)
        #expect(severa.requests(to: "token").count == 2)
    }

    @Test func twentyConcurrentCallersCauseOneLogin() async throws {
        let severa = FakeSevera()
        let provider = try severa.provider(redactor: SecretRedactor())
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.accessToken() } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens.count == 1)
        #expect(severa.transport.requests.count == 1)
    }

    @Test func loginIsRetriedAfterServerErrorsBecauseItIsRepeatable() async throws {
        let severa = FakeSevera()
        severa.server.inject(.unavailable, .failAfterProcessing, .loseResponseAfterProcessing)
        let provider = try severa.provider(redactor: SecretRedactor())
        _ = try await provider.accessToken()
        #expect(severa.requests(to: "token").count == 4)
    }

    @Test func rejectedCredentialsAreUnauthorizedWithAHint() async throws {
        let severa = FakeSevera()
        guard let base = URL(string: "https://api.severa.visma.com/rest-api") else { throw URLError(.badURL) }
        let provider = try SeveraTokenProvider(
            credentials: SeveraCredentials(clientID: FakeSevera.clientID, clientSecret: "wrong-secret-123", scope: "x"),
            baseURL: base,
            transport: severa.transport,
            clock: severa.clock,
            redactor: SecretRedactor()
        )
        let error = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(error?.kind == .unauthorized)
        #expect(error?.message.contains("AuthenticationRequired: Invalid client credentials") == true)
        #expect(error?.message.contains("Settings → Integrations → REST API") == true)
        #expect(severa.transport.requests.count == 1, "a rejection is not retried")
    }

    @Test func apiClientSendsClientIdAndRenewsAfter401() async throws {
        let severa = FakeSevera()
        let redactor = SecretRedactor()
        let provider = try severa.provider(redactor: redactor)
        let client = APIClient(
            apiName: "Severa",
            transport: severa.transport,
            tokenProvider: provider,
            rateLimiter: RateLimiter(limit: .severa, clock: severa.clock),
            authenticationHeaders: provider.authenticationHeaders,
            clock: severa.clock,
            redactor: redactor
        )
        guard let url = URL(string: "https://api.severa.visma.com/rest-api/v1/customers") else {
            throw URLError(.badURL)
        }
        #expect(try await client.send(HTTPRequest(method: .get, url: url)).status == 200)
        try severa.registry.importState(["codes": [:], "access": [:], "refresh": [:]])  // server forgets every token
        #expect(try await client.send(HTTPRequest(method: .get, url: url)).status == 200)
        let apiCalls = severa.transport.requests.filter { $0.url.path.hasSuffix("/customers") }
        #expect(apiCalls.count == 3)
        #expect(apiCalls.allSatisfy { $0.headers["Client_Id"] == FakeSevera.clientID })
    }

    @Test func plainHTTPBaseURLToARemoteHostIsRefused() throws {
        guard let base = URL(string: "http://api.severa.visma.com/rest-api") else { throw URLError(.badURL) }
        #expect(throws: BaseURLError.self) {
            try SeveraTokenProvider(
                credentials: SeveraCredentials(clientID: "a", clientSecret: "b", scope: "c"),
                baseURL: base,
                transport: ScriptedTransport([]),
                clock: ManualWallClock(),
                redactor: SecretRedactor()
            )
        }
    }
}
