import Foundation
import HTTPSupport
import Testing

@Suite struct FortnoxTokenProviderTests {
    // MARK: authorization code

    @Test func exchangesTheAuthorizationCodeWithBasicAuthAndAFormBody() async throws {
        let fortnox = FakeFortnox()
        let store = InMemoryTokenStore()
        let provider = try fortnox.provider(store: store, redactor: SecretRedactor())
        let code = fortnox.issueCode()
        let grant = try await provider.exchangeAuthorizationCode(code)
        #expect(grant.scope == "customer invoice")
        let request = try #require(fortnox.transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://apps.fortnox.se/oauth-v1/token")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        let basic = Data("\(FakeFortnox.clientID):\(FakeFortnox.clientSecret)".utf8).base64EncodedString()
        #expect(request.headers["Authorization"] == "Basic \(basic)")
        #expect(
            formFields(request.body) == [
                "grant_type": "authorization_code", "code": code, "redirect_uri": FakeFortnox.redirectURI,
            ]
        )
        let stored = try #require(await store.tokens)
        #expect(try await provider.accessToken() == stored.accessToken)
        #expect(fortnox.transport.requests.count == 1, "a fresh token is used without a refresh")
    }

    @Test func reusedAuthorizationCodeIsUnauthorizedWithTheOperatorHint() async throws {
        let fortnox = FakeFortnox()
        let provider = try fortnox.provider(store: InMemoryTokenStore(), redactor: SecretRedactor())
        let code = fortnox.issueCode()
        _ = try await provider.exchangeAuthorizationCode(code)
        let error = await #expect(throws: APIClientError.self) { try await provider.exchangeAuthorizationCode(code) }
        #expect(error?.kind == .unauthorized)
        #expect(error?.message.contains("brygga auth fortnox") == true)
    }

    @Test func authorizationURLAsksForOfflineAccess() throws {
        let url = try FakeFortnox().configuration.authorizationURL(scopes: ["customer", "invoice"], state: "xyz")
        let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(components.path == "/oauth-v1/auth")
        #expect(query["access_type"] == "offline")
        #expect(query["response_type"] == "code")
        #expect(query["scope"] == "customer invoice")
        #expect(query["state"] == "xyz")
        #expect(query["client_id"] == FakeFortnox.clientID)
    }

    // MARK: refresh with rotation (O1)

    @Test("O1: a rotated refresh token is saved before the new access token is used")
    func rotatedRefreshTokenIsSavedBeforeTheNewAccessTokenIsUsed() async throws {
        let fortnox = FakeFortnox()
        let old = fortnox.storedTokens(accessLifetime: -1)
        let store = RecordingTokenStore(tokens: old, events: fortnox.events)
        let redactor = SecretRedactor()
        let client = fortnox.client(try fortnox.provider(store: store, redactor: redactor), redactor: redactor)
        let response = try await client.send(try FakeFortnox.customersRequest)
        #expect(response.status == 200)
        let saved = try #require(await store.saves.first)
        #expect(saved.refreshToken != old.refreshToken)
        #expect(saved.accessToken != old.accessToken)
        let savedAt = try #require(fortnox.events.index(of: "saved:\(saved.accessToken)"))
        let usedAt = try #require(fortnox.events.index(of: "used:\(saved.accessToken)"))
        #expect(savedAt < usedAt)
        #expect(!fortnox.events.all.contains("used:\(old.accessToken)"), "the expired token is not sent")
    }

    @Test("O1: a failing save aborts and the new access token is never used")
    func failingSaveAbortsAndTheNewAccessTokenIsNeverUsed() async throws {
        let fortnox = FakeFortnox()
        let store = RecordingTokenStore(tokens: fortnox.storedTokens(accessLifetime: -1), events: fortnox.events)
        await store.failSaves(with: TokenStoreError(reason: "disk full writing state.sqlite"))
        let redactor = SecretRedactor()
        let provider = try fortnox.provider(store: store, redactor: redactor)
        let client = fortnox.client(provider, redactor: redactor)
        let error = await #expect(throws: APIClientError.self) {
            try await client.send(try FakeFortnox.customersRequest)
        }
        #expect(error?.kind == .tokenStorage)
        #expect(error?.message.contains("only valid one") == true)
        #expect(error?.message.contains("disk full writing state.sqlite") == true)
        #expect(!fortnox.events.all.contains { $0.hasPrefix("used:") }, "no API request was sent")
        // Later calls fail the same way without sending the (now dead) old refresh token again.
        let again = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(again == error)
        #expect(fortnox.refreshRequests == 1)
        #expect(fortnox.server.reusedRefreshTokens.isEmpty)
    }

    @Test func twentyConcurrentCallersWithAnExpiredTokenCauseExactlyOneRefresh() async throws {
        let fortnox = FakeFortnox()
        let store = RecordingTokenStore(tokens: fortnox.storedTokens(accessLifetime: -1), events: fortnox.events)
        let redactor = SecretRedactor()
        let client = fortnox.client(try fortnox.provider(store: store, redactor: redactor), redactor: redactor)
        let request = try FakeFortnox.customersRequest
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await client.send(request).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 20))
        #expect(fortnox.refreshRequests == 1)
        #expect(await store.saves.count == 1)
        #expect(fortnox.server.reusedRefreshTokens.isEmpty)
    }

    @Test func concurrent401sForTheSameTokenCauseOneRefresh() async throws {
        let fortnox = FakeFortnox()
        // Valid for another hour locally, but unknown to the server (e.g. revoked): every call gets 401.
        var tokens = fortnox.storedTokens()
        tokens.accessToken = "revoked-access-token"
        let store = RecordingTokenStore(tokens: tokens, events: fortnox.events)
        let redactor = SecretRedactor()
        let client = fortnox.client(try fortnox.provider(store: store, redactor: redactor), redactor: redactor)
        let request = try FakeFortnox.customersRequest
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10 { group.addTask { try await client.send(request).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 10))
        #expect(fortnox.refreshRequests == 1)
        #expect(fortnox.server.reusedRefreshTokens.isEmpty)
    }

    @Test(arguments: [TokenFault.loseResponseAfterProcessing, .failAfterProcessing])
    func refreshWithUnknownOutcomeIsNeverRepeated(_ fault: TokenFault) async throws {
        let fortnox = FakeFortnox()
        fortnox.server.inject(fault)
        let store = RecordingTokenStore(tokens: fortnox.storedTokens(accessLifetime: -1), events: fortnox.events)
        let provider = try fortnox.provider(store: store, redactor: SecretRedactor())
        let first = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(first?.kind == .unauthorized)
        #expect(first?.message.contains("not sent again") == true)
        for _ in 0..<3 {
            let again = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
            #expect(again == first)
        }
        #expect(fortnox.refreshRequests == 1)
        #expect(fortnox.server.presentedRefreshTokens.count == 1)
        #expect(await store.saves.isEmpty)
    }

    @Test(arguments: [TokenFault.refuseConnection, .rateLimit(seconds: 2)])
    func refreshThatNeverReachedTheServerIsRetried(_ fault: TokenFault) async throws {
        let fortnox = FakeFortnox()
        fortnox.server.inject(fault)
        let store = RecordingTokenStore(tokens: fortnox.storedTokens(accessLifetime: -1), events: fortnox.events)
        let provider = try fortnox.provider(store: store, redactor: SecretRedactor())
        let token = try await provider.accessToken()
        #expect(await store.tokens?.accessToken == token)
        #expect(fortnox.server.presentedRefreshTokens.count == 1, "the server saw the refresh token once")
        #expect(fortnox.server.reusedRefreshTokens.isEmpty)
    }

    @Test func refreshTokenIsNeverSentTwiceAcrossManyRotations() async throws {
        let fortnox = FakeFortnox()
        let store = RecordingTokenStore(tokens: fortnox.storedTokens(accessLifetime: -1), events: fortnox.events)
        let redactor = SecretRedactor()
        let provider = try fortnox.provider(store: store, redactor: redactor)
        let client = fortnox.client(provider, redactor: redactor)
        for _ in 0..<10 {
            #expect(try await client.send(try FakeFortnox.customersRequest).status == 200)
            fortnox.clock.advance(by: 3600)
        }
        #expect(fortnox.refreshRequests == 10)
        #expect(Set(fortnox.server.presentedRefreshTokens).count == 10)
        #expect(fortnox.server.reusedRefreshTokens.isEmpty)
    }

    @Test(
        "O7: a refresh answered by something other than the token endpoint is malformedResponse saying what came back")
    func refreshAnsweredByAPageIsMalformedAndNotRepeated() async throws {
        let fortnox = FakeFortnox()
        fortnox.server.inject(.garbleTokens)
        let store = RecordingTokenStore(tokens: fortnox.storedTokens(accessLifetime: -1), events: fortnox.events)
        let provider = try fortnox.provider(store: store, redactor: SecretRedactor())
        let error = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.status == 200)
        #expect(error?.path?.contains("token") == true)
        #expect(
            error?.message.contains(
                "refresh the access token is not the Fortnox token endpoint's: an HTML page instead of JSON (HTTP 200, "
            )
                == true, "\(error?.description ?? "")")
        #expect(error?.message.contains("bytes: \"<html>") == true)
        let again = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(again == error, "the refresh token may be spent: it is not sent again")
        #expect(fortnox.refreshRequests == 1)
        #expect(await store.saves.isEmpty)
    }

    @Test func invalidGrantIsUnauthorizedWithTheOperatorHint() async throws {
        let fortnox = FakeFortnox()
        var tokens = fortnox.storedTokens(accessLifetime: -1)
        tokens.refreshToken = "refresh-token-already-used"
        let provider = try fortnox.provider(store: InMemoryTokenStore(tokens: tokens), redactor: SecretRedactor())
        let error = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(error?.kind == .unauthorized)
        #expect(error?.status == 400)
        #expect(error?.message.contains("invalid_grant: Invalid refresh token") == true, "parsed from text/html")
        #expect(error?.message.contains("Run `brygga auth fortnox` again") == true)
        _ = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(fortnox.refreshRequests == 1)
    }

    @Test func refreshesEarlyWithinTheMarginOnly() async throws {
        let fortnox = FakeFortnox()
        let fresh = fortnox.storedTokens(accessLifetime: 120)
        let provider = try fortnox.provider(store: InMemoryTokenStore(tokens: fresh), redactor: SecretRedactor())
        #expect(try await provider.accessToken() == fresh.accessToken)
        #expect(fortnox.refreshRequests == 0)
        fortnox.clock.advance(by: 61)  // 59 s left: inside the 60 s margin
        #expect(try await provider.accessToken() != fresh.accessToken)
        #expect(fortnox.refreshRequests == 1)
    }

    @Test("O1: before refreshing, the store is read again: tokens another process rotated are used as they are")
    func tokensAnotherProcessRotatedAreUsedWithoutARefresh() async throws {
        let fortnox = FakeFortnox()
        let store = RecordingTokenStore(tokens: fortnox.storedTokens(accessLifetime: 120), events: fortnox.events)
        let provider = try fortnox.provider(store: store, redactor: SecretRedactor())
        _ = try await provider.accessToken()
        let rotated = fortnox.storedTokens(accessLifetime: 3600)
        try await store.save(rotated)  // another process refreshed meanwhile
        fortnox.clock.advance(by: 61)  // this process's access token is now inside the margin

        #expect(try await provider.accessToken() == rotated.accessToken)
        #expect(fortnox.refreshRequests == 0, "the spent refresh token is not sent")
    }

    @Test("O1: when the other process's access token is about to expire too, its refresh token is the one sent")
    func refreshUsesTheRefreshTokenAnotherProcessStored() async throws {
        let fortnox = FakeFortnox()
        let store = RecordingTokenStore(tokens: fortnox.storedTokens(accessLifetime: 120), events: fortnox.events)
        let provider = try fortnox.provider(store: store, redactor: SecretRedactor())
        _ = try await provider.accessToken()
        let rotated = fortnox.storedTokens(accessLifetime: 90)
        try await store.save(rotated)
        fortnox.clock.advance(by: 61)  // both access tokens are inside the margin

        let fresh = try await provider.accessToken()
        #expect(fresh != rotated.accessToken)
        #expect(fortnox.refreshRequests == 1)
        let sent = try #require(fortnox.transport.requests.last)
        #expect(formFields(sent.body)["refresh_token"] == rotated.refreshToken)
        #expect(fortnox.server.reusedRefreshTokens.isEmpty)
    }

    @Test func withoutStoredTokensTheOperatorIsToldToAuthorize() async throws {
        let provider = try FakeFortnox().provider(store: InMemoryTokenStore(), redactor: SecretRedactor())
        let error = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(error?.kind == .unauthorized)
        #expect(error?.message.contains("brygga auth fortnox") == true)
    }

    @Test func unreadableTokenStoreIsATokenStorageError() async throws {
        let fortnox = FakeFortnox()
        let store = RecordingTokenStore(tokens: nil, events: fortnox.events)
        await store.failLoads(with: TokenStoreError(reason: "database is locked"))
        let provider = try fortnox.provider(store: store, redactor: SecretRedactor())
        let error = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(error?.kind == .tokenStorage)
        #expect(error?.message.contains("database is locked") == true)
    }

    @Test func expiredRefreshTokenIsNotSent() async throws {
        let fortnox = FakeFortnox()
        var tokens = fortnox.storedTokens(accessLifetime: -1)
        tokens.refreshTokenExpiresAt = fortnox.clock.now().addingTimeInterval(-1)
        let provider = try fortnox.provider(store: InMemoryTokenStore(tokens: tokens), redactor: SecretRedactor())
        let error = await #expect(throws: APIClientError.self) { try await provider.accessToken() }
        #expect(error?.kind == .unauthorized)
        #expect(error?.message.contains("expired") == true)
        #expect(fortnox.transport.requests.isEmpty)
    }
}
