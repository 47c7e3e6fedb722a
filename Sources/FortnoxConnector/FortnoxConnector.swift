public import Foundation
public import HTTPSupport
public import SyncCore

/// Brygga's client of the Fortnox API v3: the accounting side of the sync (``AccountingSide``).
///
/// It owns the whole HTTP stack of one Fortnox credential: the ``APIClient`` (authentication, rate
/// limit, retries), one ``RateLimiter`` for the access token, the ``FortnoxTokenProvider`` (single
/// refresh at a time, rotated refresh tokens saved before use, O1) and one ``SecretRedactor`` through
/// which every error and log line passes. All mapping between Fortnox JSON and the canonical model
/// lives in one mapping type per resource (`Mapping/`); every error is a ``ConnectorError`` naming
/// Fortnox, the method and the path.
///
/// ```swift
/// let configuration = try FortnoxConnector.Configuration(apiBaseURL: url, oauth: oauth)
/// let fortnox = FortnoxConnector(
///     configuration: configuration, tokenStore: store, transport: URLSessionTransport(), clock: SystemWallClock(),
///     log: log)
/// try await fortnox.authorize(code: codeFromRedirect)   // `brygga auth fortnox`
/// for try await page in fortnox.customers.changes(since: cursor) { … }
/// ```
public final class FortnoxConnector: AccountingSide {
    /// The scopes Brygga asks for (fortnox-api.md §2): `settings` covers units (UNVERIFIED) and
    /// `/3/settings/company`; `payment` the paid-state fallback (R6), `inbox` and `connectfile` invoice
    /// attachments (R4.3, `connectfile` UNVERIFIED).
    public static let requiredScopes = [
        "customer", "article", "price", "project", "costcenter", "invoice", "supplierinvoice", "settings", "payment",
        "inbox", "connectfile",
    ]

    public let systemName = FortnoxAPI.system
    /// The configuration the connector was built with.
    public let configuration: Configuration
    public let customers: any RecordEndpoint<Customer>
    public let products: any RecordEndpoint<Product>
    public let projects: any RecordEndpoint<Project>

    let context: FortnoxContext
    private let tokenProvider: FortnoxTokenProvider

    /// Creates a connector.
    ///
    /// - Parameters:
    ///   - configuration: Where Fortnox is and how to talk to it.
    ///   - tokenStore: Where the OAuth tokens live between runs (the token file).
    ///   - transport: Sends the requests (``URLSessionTransport``, or ``InProcessTransport`` for a sandbox).
    ///   - clock: The time source for token expiry, rate windows, backoff and cursors.
    ///   - log: Where diagnostics go; every line is free of secrets.
    ///   - random: Randomness for backoff jitter (seed it in tests).
    public init(
        configuration: Configuration, tokenStore: any TokenStore, transport: any HTTPTransport,
        clock: any WallClock = SystemWallClock(), log: any DiagnosticLog = NoDiagnosticLog(),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.configuration = configuration
        let redactor = SecretRedactor()
        let tokenProvider = FortnoxTokenProvider(
            configuration: configuration.oauth, store: tokenStore, transport: transport, clock: clock,
            redactor: redactor, log: log, retryPolicy: configuration.retryPolicy, random: random)
        let client = APIClient(
            apiName: FortnoxAPI.system, transport: transport, tokenProvider: tokenProvider,
            rateLimiter: RateLimiter(
                limit: configuration.rateLimit, clock: clock, sharedWindow: configuration.sharedRateWindow),
            retryPolicy: configuration.retryPolicy, clock: clock, redactor: redactor, log: log, random: random)
        let options = configuration.options
        let context = FortnoxContext(
            api: FortnoxAPI(client: client, origin: configuration.origin, redactor: redactor),
            clock: clock,
            cursor: LastModifiedCursor(timeZone: configuration.timeZone, overlap: options.changeOverlap),
            pageSize: options.pageSize,
            concurrency: configuration.rateLimit.maxInFlight,
            log: log)
        self.context = context
        self.tokenProvider = tokenProvider
        self.customers = MappedEndpoint(
            context: context, mapping: CustomerMapping(addressFields: options.addressFields))
        self.products = ArticleEndpoint(
            articles: MappedEndpoint(
                context: context,
                mapping: ArticleMapping(
                    articleTypes: options.articleTypes, listedKind: options.listedArticleKind,
                    priceCurrency: options.companyCurrency)),
            priceList: options.priceList)
        self.projects = MappedEndpoint(context: context, mapping: ProjectMapping())
    }

    /// Where to send the Fortnox administrator to approve Brygga (`brygga auth fortnox`).
    ///
    /// - Parameters:
    ///   - state: A random value the redirect must bring back unchanged.
    ///   - serviceAccount: Whether to ask for a service account.
    /// - Returns: The consent URL asking for ``requiredScopes`` with offline access.
    public func authorizationURL(state: String, serviceAccount: Bool = false) -> URL {
        configuration.oauth.authorizationURL(
            scopes: FortnoxConnector.requiredScopes, state: state, serviceAccount: serviceAccount)
    }

    /// Exchanges the authorization code from the consent redirect for tokens and stores them
    /// (`brygga auth fortnox`, O1).
    ///
    /// - Parameter code: The `code` of the redirect (single use, valid 10 minutes).
    /// - Returns: The granted scope and expiry, without the tokens.
    /// - Throws: ``ConnectorError``: `unauthorized` when Fortnox refuses the code or the tokens could not
    ///   be stored (the message says what to do); `unavailable` when Fortnox cannot be reached.
    @discardableResult
    public func authorize(code: String) async throws(ConnectorError) -> AuthorizationGrant {
        do {
            return try await tokenProvider.exchangeAuthorizationCode(code)
        } catch {
            throw context.api.translate(error, operation: "POST /oauth-v1/token")
        }
    }
}
