public import Foundation
public import HTTPSupport
import JSONSupport
public import SandboxKit
import Synchronization

/// An in-memory Visma Severa REST API v1 that behaves like the reference describes: the routes under
/// `/rest-api/v1/`, client-credential tokens with scopes, 10 requests per second per token, token and
/// offset paging, `changedSince`, JSON Patch `replace`, `ExceptionModel` errors and 404s without body.
///
/// Every test, demo and benchmark of Brygga talks to this instead of the real Severa, so it refuses
/// what Severa refuses. Where the reference is silent the code says `INVENTED:` or `UNVERIFIED:`.
///
/// The state lives behind one `Mutex`; requests are handled one at a time, synchronously.
public final class SeveraEmulator: SandboxRequestHandler {
    /// How the emulated organisation is set up.
    public struct Configuration: Sendable {
        /// The client id the token endpoint accepts (and the `Client_Id` header must carry).
        public var clientID: String
        /// The client secret the token endpoint accepts.
        public var clientSecret: String
        /// The scopes the credentials were created with (default: every read/write/delete scope).
        public var grantedScopes: Set<String>
        /// Requests admitted per ``rateWindow`` per access token; `nil` turns the limit off.
        public var rateLimit: Int?
        /// The rate-limit window in seconds.
        public var rateWindow: TimeInterval
        /// Seconds an access token lives. UNVERIFIED: Severa's real lifetime; default 3600.
        public var accessTokenLifetime: TimeInterval
        /// Seconds a refresh token lives. UNVERIFIED: Severa's real lifetime; default 86 400.
        public var refreshTokenLifetime: TimeInterval
        /// Whether a refresh token works once only. UNVERIFIED: the emulator defaults to single use, the
        /// stricter choice: a client must keep the refresh token each refresh returns.
        public var singleUseRefreshTokens: Bool
        /// Whether API calls without a `Client_Id` header are refused. UNVERIFIED whether Severa enforces
        /// it; default `false`. A `Client_Id` that names another client is always refused.
        public var requireClientIdHeader: Bool
        /// Whether page tokens start out shifting (see ``SeveraEmulator/setShiftingPageTokens(_:)``);
        /// default `false`.
        public var shiftingPageTokens: Bool

        /// Creates a configuration; every value has a default.
        public init(
            clientID: String = "sandbox-severa-client", clientSecret: String = "sandbox-severa-secret",
            grantedScopes: Set<String> = SeveraEmulator.allScopes, rateLimit: Int? = 10, rateWindow: TimeInterval = 1,
            accessTokenLifetime: TimeInterval = 3600, refreshTokenLifetime: TimeInterval = 86_400,
            singleUseRefreshTokens: Bool = true, requireClientIdHeader: Bool = false, shiftingPageTokens: Bool = false
        ) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.grantedScopes = grantedScopes
            self.rateLimit = rateLimit
            self.rateWindow = rateWindow
            self.accessTokenLifetime = accessTokenLifetime
            self.refreshTokenLifetime = refreshTokenLifetime
            self.singleUseRefreshTokens = singleUseRefreshTokens
            self.requireClientIdHeader = requireClientIdHeader
            self.shiftingPageTokens = shiftingPageTokens
        }
    }

    /// Every scope of the reference: `{area}:{read|write|delete}` for the eleven areas plus
    /// `organization:read|write`.
    public static let allScopes: Set<String> = {
        let areas = [
            "activities", "customers", "fees", "files", "hours", "invoices", "projects", "resourceallocations",
            "settings", "travels", "users",
        ]
        return Set(areas.flatMap { area in ["read", "write", "delete"].map { "\(area):\($0)" } })
            .union(["organization:read", "organization:write"])
    }()

    /// The configuration in force.
    public let configuration: Configuration
    let clock: any WallClock
    let tokens: TokenRegistry
    let limiter: SlidingWindowLimiter
    let state: Mutex<SeveraStore>
    let shiftingPageTokens: Atomic<Bool>

    /// Creates an emulator holding the reference data of a Swedish organisation (currencies, countries,
    /// languages, VAT rates, invoice and project statuses, business units, cost centers, sales
    /// accounts and two users) and nothing else.
    ///
    /// - Parameters:
    ///   - configuration: Credentials, scopes, rate limit and token lifetimes.
    ///   - clock: The time source for tokens, the rate limit and audit stamps.
    public init(configuration: Configuration = .init(), clock: any WallClock) {
        self.configuration = configuration
        self.clock = clock
        self.tokens = TokenRegistry(
            clock: clock, accessLifetime: configuration.accessTokenLifetime,
            refreshLifetime: configuration.refreshTokenLifetime,
            singleUseRefresh: configuration.singleUseRefreshTokens)
        self.limiter = SlidingWindowLimiter(
            limit: configuration.rateLimit, window: configuration.rateWindow, clock: clock)
        self.state = Mutex(SeveraReferenceData.store(now: SeveraTime.milliseconds(clock.now())))
        self.shiftingPageTokens = Atomic(configuration.shiftingPageTokens)
    }

    /// Switches how token paging resumes. Off (the default), a page token names a table position, so
    /// records that leave a filtered listing between pages shift nothing. On, a page token says "skip the
    /// first N matching rows", so when earlier records leave the filter (an invoice moved out of the
    /// listed status) later ones are skipped: a client that changes records while it pages misses some,
    /// one that lists the whole queue first does not. INVENTED: Severa's behaviour is UNVERIFIED; this
    /// is the hostile case for tests.
    public func setShiftingPageTokens(_ on: Bool) {
        shiftingPageTokens.store(on, ordering: .relaxed)
    }

    /// Handles one request addressed to `https://api.severa.visma.com/rest-api/…`.
    public func handle(_ request: ServerRequest) -> HandlerResult {
        .respond(response(for: request))
    }

    /// The current time in milliseconds since 1970.
    var now: Int64 { SeveraTime.milliseconds(clock.now()) }

    private func response(for request: ServerRequest) -> HTTPResponse {
        let segments = request.pathSegments
        guard segments.count >= 2, segments[0].lowercased() == "rest-api" else { return .empty(404) }
        switch segments[1].lowercased() {
        case "heartbeat": return heartbeat(request, segments[2...])
        case "v1": break
        default: return .empty(404)
        }
        let rest = segments[2...]
        if rest.count == 1, let authResponse = authenticationRoute(request, name: rest[rest.startIndex].lowercased()) {
            return authResponse
        }
        let lowered = rest.map { $0.lowercased() }
        let candidates = SeveraRouter.routes(startingWith: lowered.first ?? "")
        let matching = candidates.compactMap { route in route.match(rest).map { (route, $0) } }
        guard !matching.isEmpty else { return .empty(404) }
        guard let (route, parameters) = matching.first(where: { $0.0.method == request.method }) else {
            // INVENTED: a known path with another method answers 405 without body.
            return .empty(405)
        }
        let now = self.now
        do throws(SeveraAPIError) {
            try authorize(request, access: route.access)
            let context = RouteContext(
                request: request, parameters: parameters, now: now,
                shiftingPageTokens: shiftingPageTokens.load(ordering: .relaxed))
            return state.withLock { store in
                do throws(SeveraAPIError) {
                    return try route.handler(context, &store)
                } catch {
                    return error.response
                }
            }
        } catch {
            return error.response
        }
    }

    private func heartbeat(_ request: ServerRequest, _ rest: ArraySlice<String>) -> HTTPResponse {
        guard rest.count == 1 else { return .empty(404) }
        guard request.method == .get else { return .empty(405) }
        // INVENTED: the text of the heartbeat answers other than "Server is alive.".
        switch rest[rest.startIndex].lowercased() {
        case "server": return .text(200, "Server is alive.")
        case "database": return .text(200, "Database is alive.")
        case "authorized":
            do throws(SeveraAPIError) {
                try authorize(request, access: .authenticated)
                return .empty(204)
            } catch {
                return error.response
            }
        default: return .empty(404)
        }
    }
}
