public import Foundation
public import HTTPSupport
public import SyncCore

/// Brygga's client of the Visma Severa REST API v1: the project-management side of the sync.
///
/// One connector per Severa credential: it owns the ``APIClient``, the credential's ``RateLimiter``
/// (10 requests/s by default), the ``SeveraTokenProvider`` (client-credentials login, refresh before
/// expiry) and the ``SecretRedactor`` every error and log line passes through. All JSON ↔ canonical
/// mapping lives in one type per resource (`CustomerMapping`, `AddressMapping`, `ProductMapping`,
/// `ProjectMapping`, `InvoiceMapping`, `ProjectFeeMapping`); the engine sees canonical records only.
///
/// Every error is a ``ConnectorError`` whose description reads `Severa <METHOD> <path>: <cause>`.
public final class SeveraConnector: ProjectManagementSide {
    public let systemName = SeveraAPI.system
    /// The mapping options in force.
    public let options: Options
    /// The base URL requests go to.
    public let baseURL: URL

    let context: SeveraContext
    private let customerEndpoint: CustomerEndpoint
    private let productEndpoint: ProductEndpoint
    private let projectEndpoint: ProjectEndpoint

    /// Customers (R2) with their addresses (R2.4).
    public var customers: any RecordEndpoint<Customer> { customerEndpoint }
    /// Work types, travel expense types and products (R1), ids prefixed by register.
    public var products: any RecordEndpoint<Product> { productEndpoint }
    /// Projects (R3), read-only on this side.
    public var projects: any RecordEndpoint<Project> { projectEndpoint }

    /// Creates a connector.
    ///
    /// - Parameters:
    ///   - configuration: Base URL, credentials, scopes, rate limit, retries and mapping options.
    ///   - transport: Sends the requests: ``URLSessionTransport`` for the network, an in-process
    ///     transport of an emulator in tests.
    ///   - clock: Time for token expiry, rate windows, backoff and change-feed durations.
    ///   - log: Where diagnostics go (already redacted).
    /// - Throws: ``BaseURLError`` when the base URL is neither https nor http to this machine.
    public init(
        configuration: Configuration, transport: any HTTPTransport, clock: any WallClock = SystemWallClock(),
        log: any DiagnosticLog = NoDiagnosticLog()
    ) throws(BaseURLError) {
        try BaseURLPolicy.validate(configuration.baseURL)
        let redactor = SecretRedactor(secrets: [configuration.clientSecret])
        let tokenProvider = try SeveraTokenProvider(
            credentials: SeveraCredentials(
                clientID: configuration.clientID, clientSecret: configuration.clientSecret,
                scope: configuration.scopes.joined(separator: " ")),
            baseURL: configuration.baseURL, transport: transport, clock: clock, redactor: redactor, log: log,
            retryPolicy: configuration.retryPolicy)
        let rateLimiter = RateLimiter(limit: configuration.rateLimit, clock: clock)
        let client = APIClient(
            apiName: SeveraAPI.system, transport: transport, tokenProvider: tokenProvider, rateLimiter: rateLimiter,
            retryPolicy: configuration.retryPolicy, authenticationHeaders: tokenProvider.authenticationHeaders,
            clock: clock, redactor: redactor, log: log)
        let api = SeveraAPI(client: client, baseURL: configuration.baseURL, redactor: redactor, log: log)
        let context = SeveraContext(
            api: api, references: ReferenceData(api: api), options: configuration.options, clock: clock)
        self.options = configuration.options
        self.baseURL = configuration.baseURL
        self.context = context
        self.customerEndpoint = CustomerEndpoint(context: context)
        self.productEndpoint = ProductEndpoint(context: context)
        self.projectEndpoint = ProjectEndpoint(context: context)
    }
}

/// What every endpoint of one connector shares.
struct SeveraContext: Sendable {
    /// The HTTP layer.
    let api: SeveraAPI
    /// Countries and currencies, read once.
    let references: ReferenceData
    /// The mapping options.
    let options: SeveraConnector.Options
    /// The connector's clock.
    let clock: any WallClock

    /// An `invalidRecord` error.
    func invalid(_ operation: String, _ message: String) -> ConnectorError {
        ConnectorError(kind: .invalidRecord, system: SeveraAPI.system, operation: operation, message: message)
    }

    /// A `malformedResponse` error for a record that cannot be mapped.
    func unreadable(_ operation: String, _ error: WireError, record: String) -> ConnectorError {
        api.malformed(operation, "\(record) cannot be read: \(error.description)")
    }
}
