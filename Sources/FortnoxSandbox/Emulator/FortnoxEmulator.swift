public import Foundation
public import HTTPSupport
import JSONSupport
public import SandboxKit
import Synchronization

/// An in-memory emulator of the Fortnox API v3 as `fortnox-api.md` describes it: OAuth with single-use
/// refresh tokens, Bearer auth with scopes, the 25-per-5-seconds rate limit, the wrapper and list
/// envelopes, validation with Fortnox's error codes, and the resources Brygga uses.
///
/// Behaviour the reference leaves open is decided in code and marked `INVENTED`; every invented error
/// code is listed in `FortnoxErrorCode.swift`. Notable decisions:
/// - Read-only fields sent in a write (including an article's `SalesPrice`) are ignored; unknown field
///   names are rejected with 2001399.
/// - `limit` above 500 is rejected with 2000588 rather than capped.
/// - `lastmodified` is Swedish local time and inclusive (`>=`); every write stamps its record.
///
/// Records are stored compactly (only non-default fields, see ``CompactRecord``) so 100 000 customers
/// fit in tens of megabytes; the full wire entity with its nulls is rebuilt on output.
public final class FortnoxEmulator: SandboxRequestHandler {
    /// How the emulated company and its authorization server behave.
    public struct Configuration: Sendable {
        /// The registered OAuth client id.
        public var clientID: String
        /// The registered client secret.
        public var clientSecret: String
        /// Requests admitted per window per access token; `nil` turns the limit off.
        public var rateLimit: Int?
        /// The rate window in seconds.
        public var rateWindow: TimeInterval
        /// Seconds an access token lives.
        public var accessTokenLifetime: TimeInterval
        /// Seconds a refresh token lives.
        public var refreshTokenLifetime: TimeInterval
        /// Whether project accounting starts switched on.
        public var projectAccountingEnabled: Bool
        /// The company's time zone: `lastmodified` and dates such as "today" are local time in it.
        public var timeZone: TimeZone
        /// The registered redirect URI; `nil` accepts any.
        public var redirectURI: String?
        /// The tenant id (`DatabaseNumber`) a client-credentials request must name in `TenantId`.
        public var tenantID: String
        /// The origin written into `@url` values.
        public var publicBaseURL: String
        /// Whether a payment moves its invoice's `lastmodified` (see
        /// ``FortnoxEmulator/setPaymentsTouchInvoices(_:)``); default `true`.
        public var paymentsTouchInvoices: Bool

        /// Creates a configuration; every value has Fortnox's default.
        public init(
            clientID: String = "sandbox-fortnox-client",
            clientSecret: String = "sandbox-fortnox-secret",
            rateLimit: Int? = 25,
            rateWindow: TimeInterval = 5,
            accessTokenLifetime: TimeInterval = 3600,
            refreshTokenLifetime: TimeInterval = 45 * 86_400,
            projectAccountingEnabled: Bool = true,
            timeZone: TimeZone = TimeZone(identifier: "Europe/Stockholm") ?? TimeZone(secondsFromGMT: 3600) ?? .current,
            redirectURI: String? = nil,
            tenantID: String = "1234567",
            publicBaseURL: String = "https://api.fortnox.se",
            paymentsTouchInvoices: Bool = true
        ) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.rateLimit = rateLimit
            self.rateWindow = rateWindow
            self.accessTokenLifetime = accessTokenLifetime
            self.refreshTokenLifetime = refreshTokenLifetime
            self.projectAccountingEnabled = projectAccountingEnabled
            self.timeZone = timeZone
            self.redirectURI = redirectURI
            self.tenantID = tenantID
            self.publicBaseURL = publicBaseURL
            self.paymentsTouchInvoices = paymentsTouchInvoices
        }
    }

    /// The configuration.
    public let configuration: Configuration
    let clock: any WallClock
    let tokens: TokenRegistry
    let limiter: SlidingWindowLimiter
    let state: Mutex<FortnoxStore>
    let localTime: FortnoxLocalTime

    /// Creates an empty company.
    ///
    /// - Parameters:
    ///   - configuration: Credentials, limits and settings.
    ///   - clock: The time source for token expiry, the rate window and modification stamps.
    public init(configuration: Configuration = .init(), clock: any WallClock) {
        self.configuration = configuration
        self.clock = clock
        self.tokens = TokenRegistry(
            clock: clock, accessLifetime: configuration.accessTokenLifetime,
            refreshLifetime: configuration.refreshTokenLifetime, codeLifetime: 600, singleUseRefresh: true
        )
        self.limiter = SlidingWindowLimiter(
            limit: configuration.rateLimit, window: configuration.rateWindow, clock: clock)
        var store = FortnoxStore(projectAccountingEnabled: configuration.projectAccountingEnabled)
        store.paymentsTouchInvoices = configuration.paymentsTouchInvoices
        self.state = Mutex(store)
        self.localTime = FortnoxLocalTime(timeZone: configuration.timeZone)
    }

    /// Answers one request (`/oauth-v1/…`, `/3/…` or `/api/fileattachments/…`).
    public func handle(_ request: ServerRequest) -> HandlerResult {
        .respond(reply(to: request).response)
    }

    /// Simulates the administrator's consent: an authorization code for `scopes`, valid 10 minutes and
    /// once, to exchange at `POST /oauth-v1/token`.
    public func issueAuthorizationCode(scopes: Set<String>) -> String {
        tokens.issueAuthorizationCode(for: TokenGrant(subject: configuration.clientID, scopes: scopes))
    }

    /// Switches project accounting on or off (supplier-invoice rows booked to projects need it on).
    public func setProjectAccounting(enabled: Bool) {
        state.withLock { $0.projectAccountingEnabled = enabled }
    }

    /// Switches whether a payment (its create, change or delete) moves its invoice's `lastmodified`.
    /// On by default; off, an invoice paid in full shows its new `Balance` and `FinalPayDate` but is not
    /// listed by `?lastmodified=` for it (the payment itself still is), which is how a client's
    /// payments-feed fallback is tested. Whether Fortnox stamps the invoice is UNVERIFIED.
    public func setPaymentsTouchInvoices(_ on: Bool) {
        state.withLock { $0.paymentsTouchInvoices = on }
    }

    /// The context of a request handled now.
    func requestContext() -> RequestContext {
        RequestContext(now: clock.now(), time: localTime, baseURL: configuration.publicBaseURL)
    }

    /// The reply to any request, with a `Date` header from the emulator's clock (as Fortnox's web
    /// server sends one), so clients can take their cursors from the server's time.
    func reply(to request: ServerRequest) -> FortnoxReply {
        var reply: FortnoxReply
        switch request.pathSegments.first {
        case "oauth-v1": reply = oauthReply(to: request)
        case "3", "api": reply = apiReply(to: request)
        default:
            reply = .error(.notFound(FortnoxErrorCode.routeNotFound, "Kan inte hitta resursen \(request.path)."))
        }
        reply.headers.append((name: "Date", value: HTTPDate.format(clock.now())))
        return reply
    }
}
