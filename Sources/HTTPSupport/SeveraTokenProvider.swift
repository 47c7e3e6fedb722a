public import Foundation
import JSONSupport

/// Severa access tokens from client credentials, renewed before they expire.
///
/// - Logs in with `POST {base}/v1/token` and `{"client_id","client_secret","scope"}`; a login can be
///   repeated safely, so it is retried like an idempotent call.
/// - Renews ``refreshMargin`` before expiry (or after a 401) with `POST {base}/v1/refreshtoken` and
///   the refresh token as a bare JSON string. A refresh token is never sent twice: if the refresh
///   fails in any way, the provider logs in again with the client credentials instead.
/// - One renewal at a time: concurrent callers await the same one.
///
/// Nothing is stored: the client credentials can always obtain a new token.
public actor SeveraTokenProvider: AccessTokenProvider {
    private struct Session {
        var accessToken: String
        var accessTokenExpiresAt: Date
        var refreshToken: String?
        var refreshTokenExpiresAt: Date?
    }

    /// What the operator should check when Severa refuses the credentials.
    public static let credentialsHint =
        "Check the Severa client id, client secret and scopes in the configuration "
        + "(Severa: Settings → Integrations → REST API)."

    /// How long before expiry an access token is replaced.
    public nonisolated let refreshMargin: Duration
    /// Headers every Severa API call must carry besides the bearer token: `Client_Id`.
    public nonisolated let authenticationHeaders: HTTPHeaders
    private let credentials: SeveraCredentials
    private let baseURL: URL
    private let endpoint: TokenEndpoint
    private let clock: any WallClock
    private let redactor: SecretRedactor
    private let log: any DiagnosticLog

    private var session: Session?
    private var rejectedAccessToken: String?
    private var pendingRenewal: Task<Result<Session, APIClientError>, Never>?

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - credentials: The client credentials.
    ///   - baseURL: The API base, e.g. `https://api.severa.visma.com/rest-api`.
    ///   - transport: Sends token requests (not rate-limited).
    ///   - clock: Time source for expiry and backoff.
    ///   - redactor: The Severa redactor, shared with the API client; learns every secret here.
    ///   - log: Where diagnostics go.
    ///   - retryPolicy: Retry limits for the token endpoint.
    ///   - refreshMargin: How long before expiry to renew (300 s, as known clients do).
    ///   - random: Randomness for backoff jitter.
    /// - Throws: ``BaseURLError`` when `baseURL` breaks ``BaseURLPolicy``.
    public init(
        credentials: SeveraCredentials,
        baseURL: URL,
        transport: any HTTPTransport,
        clock: any WallClock,
        redactor: SecretRedactor,
        log: any DiagnosticLog = NoDiagnosticLog(),
        retryPolicy: RetryPolicy = .standard,
        refreshMargin: Duration = .seconds(300),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) throws(BaseURLError) {
        try BaseURLPolicy.validate(baseURL)
        self.credentials = credentials
        self.baseURL = baseURL
        self.clock = clock
        self.log = log
        self.refreshMargin = refreshMargin
        self.authenticationHeaders = ["Client_Id": credentials.clientID]
        redactor.register(credentials.clientSecret)
        self.endpoint = TokenEndpoint(
            apiName: "Severa",
            transport: transport,
            clock: clock,
            retryPolicy: retryPolicy,
            redactor: redactor,
            log: log,
            random: random
        )
        self.redactor = redactor
    }

    public func accessToken() async throws(APIClientError) -> String {
        if let pendingRenewal { return try await pendingRenewal.value.get().accessToken }
        if let session, session.accessToken != rejectedAccessToken,
            session.accessTokenExpiresAt.timeIntervalSince(clock.now()) > refreshMargin.timeInterval
        {
            return session.accessToken
        }
        let renewal = Task { await self.renew(from: session) }
        pendingRenewal = renewal
        return try await renewal.value.get().accessToken
    }

    public func accessTokenRejected(_ token: String) async {
        guard token == session?.accessToken else { return }
        rejectedAccessToken = token
        log.log(.info, "Severa rejected the access token; it will be renewed")
    }

    /// Refreshes when a live refresh token exists, else (or when that fails) logs in.
    private func renew(from old: Session?) async -> Result<Session, APIClientError> {
        defer { pendingRenewal = nil }
        if let old, let refreshToken = old.refreshToken,
            (old.refreshTokenExpiresAt ?? .distantFuture) > clock.now().addingTimeInterval(refreshMargin.timeInterval)
        {
            // Sent at most once: whatever happens next, this refresh token is not used again.
            session?.refreshToken = nil
            switch await request(refreshRequest(refreshToken), purpose: "refresh the access token", replay: .singleUse)
            {
            case .success(let new):
                return .success(adopt(new))
            case .failure(let error):
                log.log(.warning, "\(error.description); logging in with the client credentials instead")
            }
        }
        switch await request(loginRequest(), purpose: "log in with the client credentials", replay: .repeatable) {
        case .success(let new):
            return .success(adopt(new))
        case .failure(let error):
            log.log(.error, error.description)
            return .failure(error)
        }
    }

    private func adopt(_ new: Session) -> Session {
        session = new
        rejectedAccessToken = nil
        return new
    }

    private func request(_ request: HTTPRequest, purpose: String, replay: TokenEndpoint.Replay) async -> Result<
        Session, APIClientError
    > {
        do {
            let issued = try await endpoint.post(
                request,
                purpose: purpose,
                replay: replay,
                rejectionHint: SeveraTokenProvider.credentialsHint
            )
            return .success(
                Session(
                    accessToken: issued.accessToken,
                    accessTokenExpiresAt: issued.accessTokenExpiresAt,
                    refreshToken: issued.refreshToken,
                    refreshTokenExpiresAt: issued.refreshTokenExpiresAt
                )
            )
        } catch {
            return .failure(error.error)
        }
    }

    private func loginRequest() -> HTTPRequest {
        let body: JSONValue = [
            "client_id": .string(credentials.clientID),
            "client_secret": .string(credentials.clientSecret),
            "scope": .string(credentials.scope),
        ]
        return HTTPRequest(
            method: .post,
            url: baseURL.appending(path: "v1/token"),
            headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: JSONSerializer.data(body)
        )
    }

    private func refreshRequest(_ refreshToken: String) -> HTTPRequest {
        HTTPRequest(
            method: .post,
            url: baseURL.appending(path: "v1/refreshtoken"),
            headers: [
                "Content-Type": "application/json", "Accept": "application/json", "Client_Id": credentials.clientID,
            ],
            body: JSONSerializer.data(.string(refreshToken))
        )
    }
}
