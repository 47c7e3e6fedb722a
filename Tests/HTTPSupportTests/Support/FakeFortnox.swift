import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// A Fortnox authorization server and a `/3/customers` endpoint, on the sandbox's token registry
/// with **single-use refresh tokens**: a reused refresh token gets `invalid_grant` served as text/html.
struct FakeFortnox {
    static let clientID = "fortnox-client-id"
    static let clientSecret = "fortnox-client-secret-Zx9"
    static let redirectURI = "http://127.0.0.1:8765/callback"
    static let grant = TokenGrant(subject: clientID, scopes: ["customer", "invoice"])

    let clock: ManualWallClock
    let registry: TokenRegistry
    let server = FakeServerState()
    let events: EventLog
    let transport: ScriptedTransport

    init(clock: ManualWallClock = ManualWallClock(), events: EventLog = EventLog()) {
        self.clock = clock
        self.events = events
        let registry = TokenRegistry(
            clock: clock, accessLifetime: 3600, refreshLifetime: 45 * 86_400, singleUseRefresh: true)
        self.registry = registry
        let server = server
        server.remember(secret: FakeFortnox.clientSecret)
        server.remember(secret: Data("\(FakeFortnox.clientID):\(FakeFortnox.clientSecret)".utf8).base64EncodedString())
        self.transport = ScriptedTransport(clock: clock) { request in
            if request.url.path.hasSuffix("/oauth-v1/token") {
                return FakeFortnox.token(request, registry: registry, server: server)
            }
            return FakeFortnox.api(request, registry: registry, events: events)
        }
    }

    var configuration: FortnoxOAuthConfiguration {
        get throws {
            guard let base = URL(string: "https://apps.fortnox.se") else { throw URLError(.badURL) }
            return try FortnoxOAuthConfiguration(
                clientID: FakeFortnox.clientID,
                clientSecret: FakeFortnox.clientSecret,
                redirectURI: FakeFortnox.redirectURI,
                authorizationBaseURL: base
            )
        }
    }

    /// A code the consent page would hand out.
    func issueCode() -> String {
        let code = registry.issueAuthorizationCode(for: FakeFortnox.grant)
        server.remember(secret: code)
        return code
    }

    /// Tokens as if an earlier run had stored them, the access token expiring after `accessLifetime`.
    func storedTokens(accessLifetime: TimeInterval = 3600) -> StoredTokens {
        let issued = registry.issueTokens(for: FakeFortnox.grant, withRefreshToken: true)
        server.remember(secret: issued.accessToken)
        server.remember(secret: issued.refreshToken ?? "")
        return StoredTokens(
            accessToken: issued.accessToken,
            accessTokenExpiresAt: clock.now().addingTimeInterval(accessLifetime),
            refreshToken: issued.refreshToken ?? "",
            scope: "customer invoice"
        )
    }

    /// A provider over this server.
    func provider(store: any TokenStore, redactor: SecretRedactor, log: any DiagnosticLog = NoDiagnosticLog())
        throws -> FortnoxTokenProvider
    {
        FortnoxTokenProvider(
            configuration: try configuration,
            store: store,
            transport: transport,
            clock: clock,
            redactor: redactor,
            log: log,
            random: SeededGenerator(seed: 3)
        )
    }

    /// An API client over this server.
    func client(
        _ provider: any AccessTokenProvider, redactor: SecretRedactor, log: any DiagnosticLog = NoDiagnosticLog()
    )
        -> APIClient
    {
        APIClient(
            apiName: "Fortnox",
            transport: transport,
            tokenProvider: provider,
            rateLimiter: RateLimiter(limit: .fortnox, clock: clock),
            clock: clock,
            redactor: redactor,
            log: log,
            random: SeededGenerator(seed: 4)
        )
    }

    static var customersRequest: HTTPRequest {
        get throws {
            guard let url = URL(string: "https://api.fortnox.se/3/customers") else { throw URLError(.badURL) }
            return HTTPRequest(method: .get, url: url, headers: ["Accept": "application/json"])
        }
    }

    /// Token requests that carried a refresh_token grant.
    var refreshRequests: Int {
        transport.requests.filter { formFields($0.body)["grant_type"] == "refresh_token" }.count
    }

    private static func api(_ request: HTTPRequest, registry: TokenRegistry, events: EventLog)
        -> ScriptedTransport.Outcome
    {
        let token = request.headers["Authorization"]?.replacingOccurrences(of: "Bearer ", with: "") ?? ""
        events.record("used:\(token)")
        guard case .valid = registry.checkAccessToken(token) else {
            return .success(.json(401, ["message": "unauthorized"]))
        }
        return .success(.json(200, ["Customers": []]))
    }

    private static func token(_ request: HTTPRequest, registry: TokenRegistry, server: FakeServerState)
        -> ScriptedTransport.Outcome
    {
        let fault = server.nextFault()
        if let early = server.faultBeforeProcessing(fault) { return early }
        server.countTokenRequest()
        let expected = "Basic " + Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        guard request.headers["Authorization"] == expected else {
            return .success(.json(401, ["error": "invalid_client", "error_description": "Invalid client credentials"]))
        }
        let form = formFields(request.body)
        let issued: GrantedTokens?
        switch form["grant_type"] {
        case "authorization_code":
            let grant = form["redirect_uri"] == redirectURI ? registry.redeemAuthorizationCode(form["code"] ?? "") : nil
            issued = grant.map { registry.issueTokens(for: $0, withRefreshToken: true) }
        case "refresh_token":
            let presented = form["refresh_token"] ?? ""
            server.presented(refreshToken: presented)
            issued = registry.redeemRefreshToken(presented)
        default:
            issued = nil
        }
        guard let issued else {
            let body = "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}"
            return .status(400, headers: ["Content-Type": "text/html"], body: body)
        }
        server.remember(secret: issued.accessToken)
        server.remember(secret: issued.refreshToken ?? "")
        return server.faultAfterProcessing(fault, tokenResponse(issued))
    }
}
