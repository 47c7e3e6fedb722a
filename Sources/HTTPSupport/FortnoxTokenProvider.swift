import Foundation

/// Fortnox access tokens from the authorization-code flow, refreshed with rotating refresh tokens.
///
/// Fortnox refresh tokens are single use: every refresh returns a new one and invalidates the old,
/// and two concurrent refreshes kill the token (fortnox-api.md §2). So this provider
/// - runs **one refresh at a time**: concurrent callers await the same refresh (single flight);
/// - **saves the new tokens to the ``TokenStore`` before** the new access token is returned; when
///   saving fails it fails loudly, because the unsaved refresh token is then the only valid one (O1);
/// - refreshes inside the store's ``TokenStore/exclusively(_:)``, re-reading the tokens first: when
///   another process sharing them has refreshed meanwhile, its tokens are used, never the spent ones;
/// - **never sends a refresh token twice** in one process: after a refresh whose outcome is unknown
///   (5xx, lost response) or that was rejected, every call fails with the same error;
/// - refreshes ``refreshMargin`` before the access token expires, and after a 401 via
///   ``accessTokenRejected(_:)``.
///
/// One provider per Fortnox credential; share it with every client of that credential.
public actor FortnoxTokenProvider: AccessTokenProvider {
    /// What the operator runs to authorize Brygga again.
    public static let reauthorizeHint = "Run `brygga auth fortnox` again to authorize Brygga."

    /// How long before expiry an access token is replaced.
    public nonisolated let refreshMargin: Duration
    private let configuration: FortnoxOAuthConfiguration
    private let store: any TokenStore
    private let endpoint: TokenEndpoint
    private let clock: any WallClock
    private let redactor: SecretRedactor
    private let log: any DiagnosticLog

    private var tokens: StoredTokens?
    private var loaded = false
    private var rejectedAccessToken: String?
    private var pendingLoad: Task<Result<Void, APIClientError>, Never>?
    private var pendingRefresh: Task<Result<StoredTokens, APIClientError>, Never>?
    /// Set when no further refresh may be attempted in this process.
    private var broken: APIClientError?

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - configuration: The client registration.
    ///   - store: Where the tokens are kept between runs.
    ///   - transport: Sends token requests (not rate-limited).
    ///   - clock: Time source for expiry and backoff.
    ///   - redactor: The Fortnox redactor, shared with the API client; learns every secret here.
    ///   - log: Where diagnostics go.
    ///   - retryPolicy: Retry limits for the token endpoint.
    ///   - refreshMargin: How long before expiry to refresh.
    ///   - random: Randomness for backoff jitter.
    public init(
        configuration: FortnoxOAuthConfiguration,
        store: any TokenStore,
        transport: any HTTPTransport,
        clock: any WallClock,
        redactor: SecretRedactor,
        log: any DiagnosticLog = NoDiagnosticLog(),
        retryPolicy: RetryPolicy = .standard,
        refreshMargin: Duration = .seconds(60),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.redactor = redactor
        self.log = log
        self.refreshMargin = refreshMargin
        redactor.register(configuration.clientSecret)
        redactor.register(String(configuration.basicCredential.dropFirst("Basic ".count)))
        self.endpoint = TokenEndpoint(
            apiName: "Fortnox",
            transport: transport,
            clock: clock,
            retryPolicy: retryPolicy,
            redactor: redactor,
            log: log,
            random: random
        )
    }

    /// Exchanges the authorization code from the consent redirect for tokens and stores them.
    ///
    /// - Parameter code: The `code` the redirect brought (valid 10 minutes, single use).
    /// - Returns: The scope and expiry, without the tokens.
    /// - Throws: ``APIClientError``: `unauthorized` when Fortnox rejects the code (run the
    ///   authorization again), `tokenStorage` when the tokens could not be saved.
    public func exchangeAuthorizationCode(_ code: String) async throws(APIClientError) -> AuthorizationGrant {
        redactor.register(code)
        let request = tokenRequest([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", configuration.redirectURI),
        ])
        let issued: IssuedTokens
        do {
            issued = try await endpoint.post(
                request,
                purpose: "exchange the authorization code",
                replay: .singleUse,
                rejectionHint: FortnoxTokenProvider.reauthorizeHint
            )
        } catch {
            throw error.error
        }
        let new = try stored(issued, request, purpose: "exchange the authorization code")
        if case .failure(let error) = await saveExclusively(new) {
            throw APIClientError(
                kind: .tokenStorage,
                apiName: "Fortnox",
                message: redactor.redact(
                    "Fortnox authorized Brygga but saving the tokens failed (\(error.reason)); fix the token store and "
                        + "run `brygga auth fortnox` again"
                )
            )
        }
        tokens = new
        loaded = true
        rejectedAccessToken = nil
        broken = nil
        log.log(.info, "Fortnox authorization stored (scope \"\(new.scope)\")")
        return AuthorizationGrant(
            scope: new.scope,
            accessTokenExpiresAt: new.accessTokenExpiresAt,
            refreshTokenExpiresAt: new.refreshTokenExpiresAt
        )
    }

    public func accessToken() async throws(APIClientError) -> String {
        while true {
            if let broken { throw broken }
            if let pendingRefresh { return try await pendingRefresh.value.get().accessToken }
            if let pendingLoad {
                try await pendingLoad.value.get()
                continue
            }
            guard loaded else {
                pendingLoad = Task { await self.loadFromStore() }
                continue
            }
            guard let current = tokens else {
                throw APIClientError(
                    kind: .unauthorized,
                    apiName: "Fortnox",
                    message: "no Fortnox tokens are stored. \(FortnoxTokenProvider.reauthorizeHint)"
                )
            }
            if isUsable(current) { return current.accessToken }
            try checkRefreshTokenAlive(current)
            pendingRefresh = Task { await self.refresh(using: current) }
        }
    }

    public func accessTokenRejected(_ token: String) async {
        guard token == tokens?.accessToken else { return }
        rejectedAccessToken = token
        log.log(.info, "Fortnox rejected the access token; it will be refreshed")
    }

    private func loadFromStore() async -> Result<Void, APIClientError> {
        defer { pendingLoad = nil }
        do {
            let stored = try await store.load()
            if let stored {
                redactor.register(stored.accessToken)
                redactor.register(stored.refreshToken)
            }
            tokens = stored
            loaded = true
            return .success(())
        } catch {
            return .failure(loadFailure(error))
        }
    }

    private func loadFailure(_ error: TokenStoreError) -> APIClientError {
        APIClientError(
            kind: .tokenStorage,
            apiName: "Fortnox",
            message: redactor.redact("could not load the Fortnox tokens: \(error.reason)")
        )
    }

    /// Whether `tokens` hold an access token that is neither rejected nor about to expire.
    private func isUsable(_ tokens: StoredTokens) -> Bool {
        tokens.accessToken != rejectedAccessToken
            && tokens.accessTokenExpiresAt.timeIntervalSince(clock.now()) > refreshMargin.timeInterval
    }

    private func checkRefreshTokenAlive(_ current: StoredTokens) throws(APIClientError) {
        guard let expiry = current.refreshTokenExpiresAt, expiry <= clock.now() else { return }
        let error = APIClientError(
            kind: .unauthorized,
            apiName: "Fortnox",
            message: "the Fortnox refresh token expired at \(expiry). \(FortnoxTokenProvider.reauthorizeHint)"
        )
        broken = error
        throw error
    }

    /// One refresh, under the store's lock, so that another process sharing the tokens never sends the
    /// same single-use refresh token (fortnox-api.md §2: concurrent refreshes kill the token).
    private func refresh(using current: StoredTokens) async -> Result<StoredTokens, APIClientError> {
        defer { pendingRefresh = nil }
        do {
            return try await store.exclusively { await self.refreshHoldingLock(current) }
        } catch {
            let failure = APIClientError(
                kind: .tokenStorage,
                apiName: "Fortnox",
                message: redactor.redact("could not lock the Fortnox tokens to refresh them: \(error.reason)")
            )
            log.log(.error, failure.description)
            return .failure(failure)
        }
    }

    /// Re-reads the tokens, then (unless another process refreshed meanwhile) sends the refresh token
    /// once, saves the rotated tokens and publishes them.
    private func refreshHoldingLock(_ current: StoredTokens) async -> Result<StoredTokens, APIClientError> {
        let latest: StoredTokens
        switch await reread(current) {
        case .failure(let error): return .failure(error)
        case .success(let tokens): latest = tokens
        }
        if latest != current {
            if isUsable(latest) {
                log.log(.info, "another Brygga process refreshed the Fortnox tokens; using its access token")
                return .success(latest)
            }
            do { try checkRefreshTokenAlive(latest) } catch { return .failure(error) }
        }
        let purpose = "refresh the access token"
        let request = tokenRequest([("grant_type", "refresh_token"), ("refresh_token", latest.refreshToken)])
        let issued: IssuedTokens
        do {
            issued = try await endpoint.post(
                request,
                purpose: purpose,
                replay: .singleUse,
                rejectionHint: FortnoxTokenProvider.reauthorizeHint
            )
        } catch {
            if error.credentialMayBeSpent { broken = error.error }
            log.log(.error, error.error.description)
            return .failure(error.error)
        }
        let new: StoredTokens
        do {
            new = try stored(issued, request, purpose: purpose)
        } catch {
            broken = error
            log.log(.error, error.description)
            return .failure(error)
        }
        do {
            try await store.save(new)  // the lock is held already
        } catch {
            let failure = APIClientError(
                kind: .tokenStorage,
                apiName: "Fortnox",
                message: redactor.redact(
                    "Fortnox issued a new refresh token but saving it failed (\(error.reason)). The new refresh token is "
                        + "now the only valid one and it is not stored, so Brygga has lost access: fix the token store, "
                        + "then run `brygga auth fortnox` again"
                )
            )
            broken = failure
            log.log(.error, failure.description)
            return .failure(failure)
        }
        tokens = new
        rejectedAccessToken = nil
        log.log(.info, "Fortnox access token refreshed; the new refresh token is saved")
        return .success(new)
    }

    /// The newest stored tokens: `current` unless another process saved new ones since it was read
    /// (their refresh token differs), which then replace it here too.
    private func reread(_ current: StoredTokens) async -> Result<StoredTokens, APIClientError> {
        let latest: StoredTokens?
        do {
            latest = try await store.load()
        } catch {
            return .failure(loadFailure(error))
        }
        guard let latest, latest.refreshToken != current.refreshToken else { return .success(current) }
        redactor.register(latest.accessToken)
        redactor.register(latest.refreshToken)
        tokens = latest
        return .success(latest)
    }

    /// Saves `new` holding the store's lock: a refresh by another process then cannot interleave.
    private func saveExclusively(_ new: StoredTokens) async -> Result<Void, TokenStoreError> {
        let store = self.store
        do throws(TokenStoreError) {
            return try await store.exclusively { () async -> Result<Void, TokenStoreError> in
                do throws(TokenStoreError) {
                    try await store.save(new)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
        } catch {
            return .failure(error)
        }
    }

    /// The tokens to store from a code or refresh grant, which must include a new refresh token.
    private func stored(_ issued: IssuedTokens, _ request: HTTPRequest, purpose: String) throws(APIClientError)
        -> StoredTokens
    {
        guard let refreshToken = issued.refreshToken else {
            // Fortnox's own answer, yet the old refresh token is spent and no new one came: only a new
            // authorization helps, so this is unauthorized (77), not an unhealthy answer.
            throw APIClientError(
                kind: .unauthorized,
                apiName: "Fortnox",
                request: request,
                message: "Fortnox answered the request to \(purpose) without a refresh token, so Brygga has no "
                    + "valid one. " + FortnoxTokenProvider.reauthorizeHint,
                redactor: redactor
            )
        }
        return StoredTokens(
            accessToken: issued.accessToken,
            accessTokenExpiresAt: issued.accessTokenExpiresAt,
            refreshToken: refreshToken,
            refreshTokenExpiresAt: issued.refreshTokenExpiresAt,
            scope: issued.scope
        )
    }

    private func tokenRequest(_ form: [(name: String, value: String)]) -> HTTPRequest {
        HTTPRequest(
            method: .post,
            url: configuration.tokenURL,
            headers: [
                "Authorization": configuration.basicCredential,
                "Content-Type": FormURLEncoding.contentType,
                "Accept": "application/json",
            ],
            body: FormURLEncoding.encode(form)
        )
    }
}
