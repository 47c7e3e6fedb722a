import Foundation
import HTTPSupport
import SandboxKit
import Testing

/// Drives every failure path of the client and both token providers, collects every error
/// description and log line, and checks that no secret (client secret, access or refresh token,
/// authorization code, Basic credential) appears in any of them.
@Suite struct RedactionTests {
    /// Collected texts and the secrets they must not contain.
    final class Sweep: @unchecked Sendable {
        // Only touched from the one test task, sequentially.
        var texts: [String] = []
        var secrets: [String] = []
        var servers: [FakeServerState] = []
        let log = CollectingLog()

        func expectFailure(_ what: String, _ body: () async throws(APIClientError) -> Void) async {
            do {
                try await body()
                Issue.record("\(what) did not fail")
            } catch {
                texts.append(error.description)
                texts.append(error.message)
            }
        }

        func checkNothingLeaked(sourceLocation: SourceLocation = #_sourceLocation) {
            let all = texts + log.messages
            let known = (secrets + servers.flatMap(\.secrets)).filter { !$0.isEmpty }
            #expect(known.count >= 20, "the sweep saw the secrets it checks", sourceLocation: sourceLocation)
            for text in all {
                for secret in known where text.contains(secret) {
                    Issue.record("secret leaked: \(text)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func noSecretAppearsInAnyErrorOrLogLineAcrossAllFailurePaths() async throws {
        let sweep = Sweep()
        try await fortnoxTokenFailures(sweep)
        try await apiFailures(sweep)
        try await severaFailures(sweep)
        #expect(sweep.texts.count >= 30)
        #expect(sweep.log.messages.count >= 10)
        sweep.checkNothingLeaked()
    }

    private func fortnoxTokenFailures(_ sweep: Sweep) async throws {
        // Each scenario gets fresh server state so every fault hits a refresh.
        func scenario(
            _ name: String,
            tokens: (FakeFortnox) -> StoredTokens?,
            faults: [TokenFault] = [],
            failSave: Bool = false
        ) async throws {
            let fortnox = FakeFortnox()
            sweep.servers.append(fortnox.server)
            for fault in faults { fortnox.server.inject(fault) }
            let store = RecordingTokenStore(tokens: tokens(fortnox), events: fortnox.events)
            if failSave { await store.failSaves(with: TokenStoreError(reason: "disk full")) }
            let redactor = SecretRedactor()
            let provider = try fortnox.provider(store: store, redactor: redactor, log: sweep.log)
            let client = fortnox.client(provider, redactor: redactor, log: sweep.log)
            let request = try FakeFortnox.customersRequest
            await sweep.expectFailure(name) { () async throws(APIClientError) in _ = try await client.send(request) }
            await sweep.expectFailure(name + " again") { () async throws(APIClientError) in
                _ = try await provider.accessToken()
            }
            if let stored = await store.tokens {
                sweep.texts += [stored.description, String(reflecting: stored), dumped(stored)]
            }
        }
        try await scenario("invalid grant") { fortnox in
            var tokens = fortnox.storedTokens(accessLifetime: -1)
            tokens.refreshToken = "refresh-token-already-used-123"
            return tokens
        }
        sweep.secrets.append("refresh-token-already-used-123")
        try await scenario("save fails", tokens: { $0.storedTokens(accessLifetime: -1) }, failSave: true)
        try await scenario(
            "lost refresh", tokens: { $0.storedTokens(accessLifetime: -1) }, faults: [.loseResponseAfterProcessing])
        try await scenario(
            "500 refresh", tokens: { $0.storedTokens(accessLifetime: -1) }, faults: [.failAfterProcessing])
        try await scenario("garbled tokens", tokens: { $0.storedTokens(accessLifetime: -1) }, faults: [.garbleTokens])
        try await scenario("no tokens", tokens: { _ in nil })

        // A wrong client secret, a reused code.
        let fortnox = FakeFortnox()
        sweep.servers.append(fortnox.server)
        guard let base = URL(string: "https://apps.fortnox.se") else { throw URLError(.badURL) }
        let wrongSecret = "wrong-fortnox-secret-77"
        sweep.secrets.append(wrongSecret)
        let wrong = FortnoxTokenProvider(
            configuration: try FortnoxOAuthConfiguration(
                clientID: FakeFortnox.clientID,
                clientSecret: wrongSecret,
                redirectURI: FakeFortnox.redirectURI,
                authorizationBaseURL: base
            ),
            store: InMemoryTokenStore(),
            transport: fortnox.transport,
            clock: fortnox.clock,
            redactor: SecretRedactor(),
            log: sweep.log
        )
        let code = fortnox.issueCode()
        await sweep.expectFailure("invalid client") { () async throws(APIClientError) in
            _ = try await wrong.exchangeAuthorizationCode(code)
        }
        let right = try fortnox.provider(store: InMemoryTokenStore(), redactor: SecretRedactor(), log: sweep.log)
        let used = fortnox.issueCode()
        _ = try await right.exchangeAuthorizationCode(used)
        await sweep.expectFailure("reused code") { () async throws(APIClientError) in
            _ = try await right.exchangeAuthorizationCode(used)
        }
    }

    /// API answers that echo the request, credentials included, back in their bodies.
    private func apiFailures(_ sweep: Sweep) async throws {
        let token = "static-access-token-abcdef0123"
        sweep.secrets.append(token)
        let clock = ManualWallClock()
        let transport = ScriptedTransport(clock: clock) { request in
            let echo =
                "echo: Authorization: \(request.headers["Authorization"] ?? "") body: "
                + String(decoding: request.body, as: UTF8.self)
            switch request.method {
            case .post: return .status(500, body: echo)
            case .patch: return .lostResponse
            default: return .status(Int(request.url.lastPathComponent) ?? 400, body: echo)
            }
        }
        let client = APIClient(
            apiName: "Fortnox",
            transport: transport,
            tokenProvider: StaticAccessTokenProvider(token: token),
            rateLimiter: RateLimiter(limit: .fortnox, clock: clock),
            retryPolicy: RetryPolicy(maxAttempts: 2, maxRateLimitRetries: 1),
            clock: clock,
            redactor: SecretRedactor(),
            log: sweep.log
        )
        let body = Data("{\"Customer\":{\"Name\":\"Acme\"},\"refresh_token\":\"leaky-refresh-999\"}".utf8)
        sweep.secrets.append("leaky-refresh-999")
        for (method, status) in [(HTTPMethod.post, "1"), (.patch, "1"), (.get, "401"), (.get, "503"), (.put, "429")] {
            guard let url = URL(string: "https://api.fortnox.se/3/customers/\(status)?access_token=\(token)") else {
                throw URLError(.badURL)
            }
            await sweep.expectFailure("\(method) \(status)") { () async throws(APIClientError) in
                _ = try await client.send(HTTPRequest(method: method, url: url, body: body))
            }
        }
    }

    private func severaFailures(_ sweep: Sweep) async throws {
        let severa = FakeSevera()
        sweep.servers.append(severa.server)
        guard let base = URL(string: "https://api.severa.visma.com/rest-api") else { throw URLError(.badURL) }
        let wrongSecret = "wrong-severa-secret-55"
        sweep.secrets.append(wrongSecret)
        let wrong = try SeveraTokenProvider(
            credentials: SeveraCredentials(clientID: FakeSevera.clientID, clientSecret: wrongSecret, scope: "x"),
            baseURL: base,
            transport: severa.transport,
            clock: severa.clock,
            redactor: SecretRedactor(),
            log: sweep.log
        )
        await sweep.expectFailure("severa invalid client") { () async throws(APIClientError) in
            _ = try await wrong.accessToken()
        }
        let provider = try severa.provider(redactor: SecretRedactor(), log: sweep.log)
        _ = try await provider.accessToken()
        severa.clock.advance(by: 3600)
        severa.server.inject(
            .loseResponseAfterProcessing, .garbleTokens, .unavailable, .unavailable, .unavailable, .unavailable)
        await sweep.expectFailure("severa refresh lost, login garbled") { () async throws(APIClientError) in
            _ = try await provider.accessToken()
        }
        await sweep.expectFailure("severa login unavailable") { () async throws(APIClientError) in
            _ = try await provider.accessToken()
        }
    }

    private func dumped(_ value: StoredTokens) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
