public import FortnoxConnector
public import HTTPSupport
public import SeveraConnector
public import SyncCore
public import SyncStore

/// Everything one `brygga` command needs to synchronise, built from the configuration: the state
/// database, a transport per API, both connectors, the token store and the engine.
///
/// There is one way to build it, ``init(configuration:severaSecret:fortnoxSecret:transports:clock:log:console:runLock:)``;
/// the production factory ``live(configuration:secrets:clock:log:)`` passes a `URLSessionTransport`
/// per API, the sandbox factory (`sandboxed(_:configuration:clock:log:)`) passes the sandbox's
/// in-process transports. Nothing else differs.
///
/// ```swift
/// let runtime = try BryggaRuntime.live(configuration: configuration, secrets: secrets)
/// defer { runtime.shutdown() }
/// let result = await runtime.engine.run(dryRun: false)
/// ```
public final class BryggaRuntime: Sendable {
    /// The transports the connectors send through, and how to release them.
    public struct Transports: Sendable {
        /// Carries Severa requests.
        public var severa: any HTTPTransport
        /// Carries Fortnox requests (API and OAuth).
        public var fortnox: any HTTPTransport
        /// Releases the transports (invalidates URL sessions); called by ``BryggaRuntime/shutdown()``.
        public var release: @Sendable () -> Void

        /// Creates transports.
        public init(
            severa: any HTTPTransport, fortnox: any HTTPTransport, release: @escaping @Sendable () -> Void = {}
        ) {
            self.severa = severa
            self.fortnox = fortnox
            self.release = release
        }

        /// One `URLSessionTransport` per API, as production uses.
        public static func network() -> Transports {
            let severa = URLSessionTransport()
            let fortnox = URLSessionTransport()
            return Transports(severa: severa, fortnox: fortnox) {
                severa.invalidate()
                fortnox.invalidate()
            }
        }
    }

    /// The configuration the runtime was built from.
    public let configuration: BryggaConfiguration
    /// The state database (links, cursors, journal, retry queue, transfer log, runs).
    public let store: SQLiteStateStore
    /// The Fortnox tokens, in their owner-only token file (`tokenFile`).
    public let tokenStore: TokenFileStore
    /// Visma Severa, the project-management side.
    public let severa: SeveraConnector
    /// Fortnox, the accounting side.
    public let fortnox: FortnoxConnector
    /// The engine's settings: masters and enabled flows from the configuration.
    public let engineConfiguration: EngineConfiguration
    /// The sync engine over the two connectors and the store.
    public let engine: SyncEngine
    /// The requests sent to each API through ``Transports`` so far.
    public let requestCounts: RequestCounts
    private let transports: Transports

    /// Builds the runtime: opens (creating or migrating) the state database, moving tokens an earlier
    /// Brygga kept in it to the token file, then the connectors and the engine.
    ///
    /// - Parameters:
    ///   - configuration: The loaded configuration.
    ///   - severaSecret: The Severa client secret.
    ///   - fortnoxSecret: The Fortnox client secret.
    ///   - transports: What the connectors send through.
    ///   - clock: Time for tokens, rate windows, backoff and the engine's stamps.
    ///   - log: Where the connectors' diagnostics go (already redacted).
    ///   - console: Where opening the state database reports what the operator must know (the token move).
    ///   - runLock: The run lock when the caller holds it (see `StateStoreOpening.open`).
    /// - Throws: `StateStoreError` when the state database cannot be opened (exit 74), `TokenStoreError`
    ///   when an earlier Brygga's tokens cannot be moved (74), `BaseURLError` for a base URL that is
    ///   neither https nor loopback http (exit 78).
    public init(
        configuration: BryggaConfiguration, severaSecret: ClientSecret, fortnoxSecret: ClientSecret,
        transports: Transports, clock: any WallClock = SystemWallClock(), log: any DiagnosticLog = NoDiagnosticLog(),
        console: any Console = StandardConsole(), runLock: RunLock? = nil
    ) throws {
        let severaSettings = configuration.severa
        var severaOptions = SeveraConnector.Options(mappings: configuration.mappings)
        severaOptions.defaultFeeProductCode = configuration.projectFees.defaultProduct
        let severaConfiguration = SeveraConnector.Configuration(
            baseURL: severaSettings.baseURL, clientID: severaSettings.clientID,
            clientSecret: severaSecret.exposedValue, scopes: severaSettings.scopes,
            rateLimit: severaSettings.httpRateLimit, options: severaOptions)
        let requestCounts = RequestCounts()
        let severa = try SeveraConnector(
            configuration: severaConfiguration, transport: requestCounts.counting(transports.severa, as: .severa),
            clock: clock, log: log)
        let store = try StateStoreOpening.open(configuration, console: console, runLock: runLock)
        let tokenStore = TokenFileStore(path: configuration.tokenFilePath, log: log)
        let fortnox = try Self.fortnoxConnector(
            configuration: configuration, secret: fortnoxSecret, tokenStore: tokenStore,
            transport: requestCounts.counting(transports.fortnox, as: .fortnox), clock: clock, log: log)
        let engineConfiguration = EngineConfiguration(
            productMaster: configuration.masters.products, customerMaster: configuration.masters.customers,
            enabledFlows: Set(configuration.enabledEntities), invoices: configuration.invoices)
        self.configuration = configuration
        self.store = store
        self.tokenStore = tokenStore
        self.severa = severa
        self.fortnox = fortnox
        self.engineConfiguration = engineConfiguration
        self.engine = SyncEngine(
            pm: severa, accounting: fortnox, store: store, configuration: engineConfiguration,
            clock: SyncClock { clock.now() })
        self.transports = transports
        self.requestCounts = requestCounts
    }

    /// The production runtime: the client secrets from `secrets` and a `URLSessionTransport` per API.
    ///
    /// - Throws: `ConfigurationError` when a client secret is missing (exit 78), and what
    ///   ``init(configuration:severaSecret:fortnoxSecret:transports:clock:log:console:runLock:)`` throws.
    public static func live(
        configuration: BryggaConfiguration, secrets: ClientSecrets, clock: any WallClock = SystemWallClock(),
        log: any DiagnosticLog = NoDiagnosticLog(), console: any Console = StandardConsole(), runLock: RunLock? = nil
    ) throws -> BryggaRuntime {
        let severaSecret = try secrets.severa()
        let fortnoxSecret = try secrets.fortnox()
        let transports = Transports.network()
        do {
            return try BryggaRuntime(
                configuration: configuration, severaSecret: severaSecret, fortnoxSecret: fortnoxSecret,
                transports: transports, clock: clock, log: log, console: console, runLock: runLock)
        } catch {
            transports.release()
            throw error
        }
    }

    /// The Fortnox connector of `configuration`, as the runtime builds it (also used alone by
    /// `brygga auth fortnox`, which needs no Severa secret).
    ///
    /// - Parameters:
    ///   - configuration: The loaded configuration.
    ///   - secret: The Fortnox client secret.
    ///   - tokenStore: Where the tokens live.
    ///   - transport: What the connector sends through.
    ///   - clock: Time for tokens, rate windows and backoff.
    ///   - log: Where diagnostics go.
    /// - Returns: The connector.
    /// - Throws: `BaseURLError` for a base URL that is neither https nor loopback http,
    ///   `RateWindowFileError` when the rate window file beside the state database cannot be opened.
    public static func fortnoxConnector(
        configuration: BryggaConfiguration, secret: ClientSecret, tokenStore: any TokenStore,
        transport: any HTTPTransport, clock: any WallClock = SystemWallClock(),
        log: any DiagnosticLog = NoDiagnosticLog()
    ) throws -> FortnoxConnector {
        let settings = configuration.fortnox
        var fortnoxConfiguration = try FortnoxConnector.Configuration(
            apiBaseURL: settings.apiBaseURL, oauth: settings.oauthConfiguration(secret: secret),
            rateLimit: settings.httpRateLimit, timeZone: settings.timeZone,
            options: FortnoxConnector.Options(mappings: configuration.mappings))
        fortnoxConfiguration.sharedRateWindow = try RateWindowFile(path: configuration.rateWindowFilePath)
        return FortnoxConnector(
            configuration: fortnoxConfiguration, tokenStore: tokenStore, transport: transport, clock: clock, log: log)
    }

    /// Releases the transports; call once the command is done with the runtime.
    public func shutdown() {
        transports.release()
    }
}
