import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// A Severa token endpoint (`/v1/token`, `/v1/refreshtoken`) and a `/v1/customers` endpoint, on the
/// sandbox's token registry with single-use refresh tokens.
struct FakeSevera {
    static let clientID = "severa-client-id"
    static let clientSecret = "severa-client-secret-Qw7"
    static let scope = "customers:read customers:write"

    let clock: ManualWallClock
    let registry: TokenRegistry
    let server = FakeServerState()
    let transport: ScriptedTransport

    init(clock: ManualWallClock = ManualWallClock(), accessLifetime: TimeInterval = 3600) {
        self.clock = clock
        let registry = TokenRegistry(
            clock: clock, accessLifetime: accessLifetime, refreshLifetime: 86_400, singleUseRefresh: true)
        self.registry = registry
        let server = server
        server.remember(secret: FakeSevera.clientSecret)
        self.transport = ScriptedTransport(clock: clock) { request in
            switch request.url.path {
            case "/rest-api/v1/token": FakeSevera.login(request, registry: registry, server: server, now: clock.now())
            case "/rest-api/v1/refreshtoken":
                FakeSevera.refresh(request, registry: registry, server: server, now: clock.now())
            default: FakeSevera.api(request, registry: registry)
            }
        }
    }

    func provider(redactor: SecretRedactor, log: any DiagnosticLog = NoDiagnosticLog()) throws -> SeveraTokenProvider {
        guard let base = URL(string: "https://api.severa.visma.com/rest-api") else { throw URLError(.badURL) }
        return try SeveraTokenProvider(
            credentials: SeveraCredentials(
                clientID: FakeSevera.clientID, clientSecret: FakeSevera.clientSecret, scope: FakeSevera.scope),
            baseURL: base,
            transport: transport,
            clock: clock,
            redactor: redactor,
            log: log,
            random: SeededGenerator(seed: 5)
        )
    }

    func requests(to path: String) -> [HTTPRequest] {
        transport.requests.filter { $0.url.path == "/rest-api/v1/\(path)" }
    }

    private static func login(
        _ request: HTTPRequest, registry: TokenRegistry, server: FakeServerState, now: Date
    ) -> ScriptedTransport.Outcome {
        let fault = server.nextFault()
        if let early = server.faultBeforeProcessing(fault) { return early }
        server.countTokenRequest()
        let body = try? JSONParser.parse(request.body)
        guard body?["client_id"]?.stringValue == clientID, body?["client_secret"]?.stringValue == clientSecret else {
            let error: JSONValue = [
                "error": [
                    "httpStatusCode": 401, "type": "AuthenticationRequired",
                    "details": [["message": "Invalid client credentials"]],
                ]
            ]
            return .success(.json(401, error))
        }
        let issued = registry.issueTokens(
            for: TokenGrant(subject: clientID, scopes: ["customers:read"]), withRefreshToken: true)
        return server.faultAfterProcessing(fault, severaTokens(issued, server: server, now: now))
    }

    private static func refresh(
        _ request: HTTPRequest, registry: TokenRegistry, server: FakeServerState, now: Date
    ) -> ScriptedTransport.Outcome {
        let fault = server.nextFault()
        if let early = server.faultBeforeProcessing(fault) { return early }
        server.countTokenRequest()
        let presented = (try? JSONParser.parse(request.body))?.stringValue ?? ""
        server.presented(refreshToken: presented)
        guard request.headers["Client_Id"] == clientID, let issued = registry.redeemRefreshToken(presented) else {
            let error: JSONValue = ["error": ["httpStatusCode": 400, "type": "InvalidParameter", "details": []]]
            return .success(.json(400, error))
        }
        return server.faultAfterProcessing(fault, severaTokens(issued, server: server, now: now))
    }

    private static func api(_ request: HTTPRequest, registry: TokenRegistry) -> ScriptedTransport.Outcome {
        let token = request.headers["Authorization"]?.replacingOccurrences(of: "Bearer ", with: "") ?? ""
        guard request.headers["Client_Id"] == clientID, case .valid = registry.checkAccessToken(token) else {
            return .success(.json(401, ["error": ["httpStatusCode": 401, "type": "AuthenticationRequired"]]))
        }
        return .success(.json(200, []))
    }

    private static func severaTokens(_ issued: GrantedTokens, server: FakeServerState, now: Date)
        -> ScriptedTransport.Outcome
    {
        server.remember(secret: issued.accessToken)
        server.remember(secret: issued.refreshToken ?? "")
        let body: JSONValue = [
            "access_token": .string(issued.accessToken),
            "access_token_type": "Bearer",
            "access_token_expires_in": .number(JSONNumber(Int64(issued.accessExpiresAt.timeIntervalSince(now)))),
            "refresh_token": .string(issued.refreshToken ?? ""),
            "refresh_token_expires_in": 86_400,
            "scope": "customers:read",
        ]
        return .success(.json(200, body))
    }
}
