public import Foundation
public import HTTPSupport

extension SeveraConnector {
    /// Where the connector connects and with which credentials, limits and mapping options.
    public struct Configuration: Sendable {
        /// The Severa production API base (severa-api.md §1).
        public static let productionBaseURLText = "https://api.severa.visma.com/rest-api"

        /// The scopes every Brygga flow needs: customers and settings (products, registers) both ways,
        /// projects to read, fees to write (R5), invoices to read and move (R4, R6), invoice files to read
        /// (R4.3); `customers:delete` only to remove a customer whose create could not write all its addresses.
        public static let requiredScopes = [
            "customers:read", "customers:write", "customers:delete", "settings:read", "settings:write", "projects:read",
            "fees:read", "fees:write", "invoices:read", "invoices:write", "files:read",
        ]

        /// The API base, e.g. `https://api.severa.visma.com/rest-api`; `/v1/…` is appended.
        public var baseURL: URL
        /// The REST API client id (also sent as `Client_Id`).
        public var clientID: String
        /// The client secret; never shown in errors or logs.
        public var clientSecret: String
        /// The scopes asked for at login, sent space-separated.
        public var scopes: [String]
        /// The credential's request budget (Severa: 10 per second).
        public var rateLimit: RateLimit
        /// Retry limits and delays.
        public var retryPolicy: RetryPolicy
        /// What the mappings decide.
        public var options: Options

        /// Creates a configuration.
        public init(
            baseURL: URL, clientID: String, clientSecret: String, scopes: [String] = Configuration.requiredScopes,
            rateLimit: RateLimit = .severa, retryPolicy: RetryPolicy = .standard, options: Options = Options()
        ) {
            self.baseURL = baseURL
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.scopes = scopes
            self.rateLimit = rateLimit
            self.retryPolicy = retryPolicy
            self.options = options
        }

        /// The client id of a `SeveraEmulator` with its default configuration.
        public static let sandboxClientID = "sandbox-severa-client"
        /// The client secret of a `SeveraEmulator` with its default configuration.
        public static let sandboxClientSecret = "sandbox-severa-secret"

        /// A configuration for a `SeveraEmulator` with its default credentials.
        ///
        /// - Parameters:
        ///   - baseURL: ``sandboxBaseURL(server:)`` of a `LoopbackServer`, or any https URL ending in
        ///     `/rest-api` for the emulator's in-process transport (the host is not looked at).
        ///   - rateLimit: The client's budget; the emulator admits 10 per second unless configured otherwise.
        ///   - retryPolicy: Retry limits and delays.
        ///   - options: Mapping options.
        /// - Returns: The configuration.
        public static func sandbox(
            baseURL: URL, rateLimit: RateLimit = .severa, retryPolicy: RetryPolicy = .standard,
            options: Options = Options()
        ) -> Configuration {
            Configuration(
                baseURL: baseURL, clientID: sandboxClientID, clientSecret: sandboxClientSecret,
                rateLimit: rateLimit, retryPolicy: retryPolicy, options: options)
        }

        /// The API base of an emulator served by a `LoopbackServer` at `server` (`http://127.0.0.1:PORT`):
        /// `http://127.0.0.1:PORT/rest-api`.
        public static func sandboxBaseURL(server: URL) -> URL {
            server.appending(path: "rest-api")
        }
    }

    /// A connector talking to a sandbox emulator with its default credentials.
    ///
    /// - Parameters:
    ///   - baseURL: See ``Configuration/sandbox(baseURL:rateLimit:retryPolicy:options:)``.
    ///   - transport: `emulator.inProcessTransport()` (in-process), or a ``URLSessionTransport`` for a
    ///     `LoopbackServer`.
    ///   - clock: The connector's clock; share a `ManualWallClock` with the emulator in tests.
    ///   - log: Where diagnostics go.
    ///   - rateLimit: The client's budget.
    ///   - options: Mapping options.
    /// - Returns: The connector.
    /// - Throws: ``BaseURLError`` for a base URL that is neither https nor loopback http.
    public static func sandbox(
        baseURL: URL, transport: any HTTPTransport, clock: any WallClock = SystemWallClock(),
        log: any DiagnosticLog = NoDiagnosticLog(), rateLimit: RateLimit = .severa, options: Options = Options()
    ) throws(BaseURLError) -> SeveraConnector {
        try SeveraConnector(
            configuration: .sandbox(baseURL: baseURL, rateLimit: rateLimit, options: options), transport: transport,
            clock: clock, log: log)
    }
}
