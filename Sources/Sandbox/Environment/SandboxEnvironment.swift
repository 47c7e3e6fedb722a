public import FortnoxSandbox
import Foundation
public import HTTPSupport
import JSONSupport
public import SandboxKit
public import SeveraSandbox

/// Both emulators set up as a sandbox: the credentials, rate limits, project accounting and clock of
/// the ``Configuration``, each emulator wrapped in fault injection and the request log
/// (`RequestLogger(FaultInjector(emulator))`), reachable in-process (``fortnoxTransport()``,
/// ``severaTransport()``) and, for a ``listening(_:fortnoxPort:severaPort:)`` environment, over HTTP on
/// 127.0.0.1.
///
/// ```swift
/// let sandbox = try SandboxEnvironment.listening(.init(rateLimits: false))
/// let summary = try sandbox.populate(with: SampleDataGenerator(seed: 7, size: .demo))
/// let ready = try sandbox.readyDocument(processID: getpid())   // URLs, credentials, a fresh code
/// …
/// sandbox.stop()
/// ```
public final class SandboxEnvironment: Sendable {
    /// How the sandbox behaves.
    public struct Configuration: Sendable {
        /// Whether the APIs' rate limits apply (Fortnox 25 per 5 s, Severa 10 per s, per token).
        public var rateLimits: Bool
        /// Whether Fortnox's project accounting is on (supplier-invoice rows booked to projects need it).
        public var projectAccounting: Bool
        /// The time source of tokens, rate windows, modification stamps and the request log.
        public var clock: any WallClock
        /// Faults to inject into both APIs' traffic; paths tell the APIs apart (`/3/…` and
        /// `/oauth-v1/…` Fortnox, `/rest-api/…` Severa). Each API counts its own requests for `@N`.
        public var faultPlan: FaultPlan?
        /// Where to log every request of both APIs, one JSON line each.
        public var requestLog: RequestLogSink?
        /// The credentials the emulators accept.
        public var credentials: SandboxCredentials
        /// Wraps each emulator (`"fortnox"` or `"severa"`) in a handler of the caller's, inside faults
        /// and the request log: how a test holds a request after it took effect, as a process that dies
        /// before reading the answer would see it.
        public var interceptor:
            (@Sendable (_ api: String, _ emulator: any SandboxRequestHandler) -> any SandboxRequestHandler)?

        /// Creates a configuration.
        public init(
            rateLimits: Bool = true, projectAccounting: Bool = true, clock: any WallClock = SystemWallClock(),
            faultPlan: FaultPlan? = nil, requestLog: RequestLogSink? = nil,
            credentials: SandboxCredentials = SandboxCredentials()
        ) {
            self.rateLimits = rateLimits
            self.projectAccounting = projectAccounting
            self.clock = clock
            self.faultPlan = faultPlan
            self.requestLog = requestLog
            self.credentials = credentials
        }
    }

    /// The configuration.
    public let configuration: Configuration
    /// The Fortnox emulator itself (for seeding and inspection; requests go through ``fortnoxHandler``).
    public let fortnox: FortnoxEmulator
    /// The Severa emulator itself.
    public let severa: SeveraEmulator
    /// What answers Fortnox requests: the emulator behind fault injection and the request log.
    public let fortnoxHandler: any SandboxRequestHandler
    /// What answers Severa requests.
    public let severaHandler: any SandboxRequestHandler
    /// The servers, when the environment is listening.
    public let servers: SandboxServers?
    /// The answers the plan's `hold` faults hold, for both APIs; ``HeldAnswers/releaseAll()`` lets them go.
    public let heldAnswers: HeldAnswers
    private let faultSlots: [FaultSlot]

    /// Creates an in-process sandbox (no sockets); Fortnox `@url`s name `https://api.fortnox.se`.
    public convenience init(configuration: Configuration = Configuration()) {
        self.init(configuration, fortnoxPublicBaseURL: "https://api.fortnox.se", servers: nil)
    }

    private init(_ configuration: Configuration, fortnoxPublicBaseURL: String, servers: SandboxServers?) {
        self.configuration = configuration
        self.servers = servers
        let heldAnswers = HeldAnswers()
        self.heldAnswers = heldAnswers
        let credentials = configuration.credentials
        fortnox = FortnoxEmulator(
            configuration: FortnoxEmulator.Configuration(
                clientID: credentials.fortnoxClientID, clientSecret: credentials.fortnoxClientSecret,
                rateLimit: configuration.rateLimits ? 25 : nil,
                projectAccountingEnabled: configuration.projectAccounting, tenantID: credentials.fortnoxTenantID,
                publicBaseURL: fortnoxPublicBaseURL),
            clock: configuration.clock)
        severa = SeveraEmulator(
            configuration: SeveraEmulator.Configuration(
                clientID: credentials.severaClientID, clientSecret: credentials.severaClientSecret,
                rateLimit: configuration.rateLimits ? 10 : nil),
            clock: configuration.clock)
        let fortnoxFaults = FaultSlot(
            configuration.interceptor?("fortnox", fortnox) ?? fortnox, plan: configuration.faultPlan,
            rateLimitBody: ["message": "Too Many Requests"], heldAnswers: heldAnswers)
        // INVENTED: an injected Severa 429 carries its quota message as a JSON string (Severa answers text).
        let severaFaults = FaultSlot(
            configuration.interceptor?("severa", severa) ?? severa, plan: configuration.faultPlan,
            rateLimitBody: .string("API calls quota exceeded! maximum admitted 10 per 1s."), heldAnswers: heldAnswers)
        faultSlots = [fortnoxFaults, severaFaults]
        fortnoxHandler = Self.logged(fortnoxFaults, api: "fortnox", configuration)
        severaHandler = Self.logged(severaFaults, api: "severa", configuration)
    }

    /// Starts a Fortnox and a Severa server on 127.0.0.1 and makes the sandbox behind them, so
    /// Fortnox's `@url`s name its server.
    ///
    /// - Parameters:
    ///   - configuration: How the sandbox behaves.
    ///   - fortnoxPort: The Fortnox port; 0 lets the kernel pick a free one.
    ///   - severaPort: The Severa port; 0 lets the kernel pick a free one.
    /// - Returns: The listening environment; call ``stop()`` when done.
    /// - Throws: ``ServerError`` when a port cannot be bound (nothing keeps running then).
    public static func listening(
        _ configuration: Configuration = Configuration(), fortnoxPort: UInt16 = 0, severaPort: UInt16 = 0
    ) throws(ServerError) -> SandboxEnvironment {
        let fortnoxSlot = HandlerSlot()
        let severaSlot = HandlerSlot()
        let fortnoxServer = LoopbackServer(
            name: "fortnox", handler: fortnoxSlot, configuration: LoopbackServer.Configuration(port: fortnoxPort))
        let severaServer = LoopbackServer(
            name: "severa", handler: severaSlot, configuration: LoopbackServer.Configuration(port: severaPort))
        let fortnoxBound = try fortnoxServer.start()
        let severaBound: UInt16
        do {
            severaBound = try severaServer.start()
        } catch {
            fortnoxServer.stop()
            throw error
        }
        let servers = SandboxServers(
            fortnox: fortnoxServer, fortnoxPort: fortnoxBound, severa: severaServer, severaPort: severaBound)
        let environment = SandboxEnvironment(
            configuration, fortnoxPublicBaseURL: servers.fortnoxBaseURL, servers: servers)
        fortnoxSlot.install(environment.fortnoxHandler)
        severaSlot.install(environment.severaHandler)
        return environment
    }

    private static func logged(_ handler: FaultSlot, api: String, _ configuration: Configuration)
        -> any SandboxRequestHandler
    {
        guard let sink = configuration.requestLog else { return handler }
        return RequestLogger(wrapping: handler, api: api, sink: sink, clock: configuration.clock)
    }

    /// Replaces the fault plan of both APIs from the next request on (``Configuration/faultPlan`` is
    /// the first); `nil` removes every fault. The new plan's `@N` triggers count the requests after
    /// this call: a test sets up the systems without faults, then injects them for the run it is about.
    public func injectFaults(_ plan: FaultPlan?) {
        for slot in faultSlots { slot.replace(plan) }
    }

    /// A transport that sends Fortnox requests straight to ``fortnoxHandler`` (faults and log included).
    public func fortnoxTransport() -> InProcessTransport {
        fortnoxHandler.inProcessTransport()
    }

    /// A transport that sends Severa requests straight to ``severaHandler``.
    public func severaTransport() -> InProcessTransport {
        severaHandler.inProcessTransport()
    }

    /// The administrator's consent, simulated: a Fortnox authorization code (valid 10 minutes, once)
    /// for `scopes`, to exchange at `POST /oauth-v1/token`.
    public func issueFortnoxAuthorizationCode(scopes: Set<String> = SandboxCredentials.fortnoxScopes) -> String {
        fortnox.issueAuthorizationCode(scopes: scopes)
    }

    /// A Fortnox access token for `scopes` as another user's session would have one: a fresh
    /// authorization code exchanged at the emulator's `POST /oauth-v1/token` (no faults, no rate
    /// limit); `nil` when the emulator refuses the exchange.
    public func issueFortnoxAccessToken(scopes: Set<String> = SandboxCredentials.fortnoxScopes) -> String? {
        let credentials = configuration.credentials
        let basic = Data("\(credentials.fortnoxClientID):\(credentials.fortnoxClientSecret)".utf8).base64EncodedString()
        let request = ServerRequest(
            method: .post, target: "/oauth-v1/token",
            headers: ["Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded"],
            body: Data("grant_type=authorization_code&code=\(issueFortnoxAuthorizationCode(scopes: scopes))".utf8))
        guard case .response(let response) = fortnox.handle(request).outcome, response.isSuccess else { return nil }
        return (try? JSONParser.parse(response.body))?["access_token"]?.stringValue
    }

    /// Seeds sample data into both emulators. Project accounting is on while the data is seeded (the
    /// supplier invoices are booked to projects) and set as configured afterwards, as if the company
    /// had switched it off later.
    ///
    /// - Returns: What was seeded where, and where the defect records are.
    /// - Throws: ``SampleDataError`` when an emulator refuses a record.
    public func populate(with generator: SampleDataGenerator) throws(SampleDataError) -> SampleDataSummary {
        fortnox.setProjectAccounting(enabled: true)
        defer { fortnox.setProjectAccounting(enabled: configuration.projectAccounting) }
        return try generator.populate(fortnox: fortnox, severa: severa)
    }

    /// The ready file's contents for this listening sandbox, with a fresh Fortnox authorization code.
    ///
    /// - Parameter processID: The pid to write (the serving process).
    /// - Returns: The document, or `nil` when the sandbox is not listening.
    public func readyDocument(processID: Int32) -> ReadyDocument? {
        guard let servers else { return nil }
        return ReadyDocument(
            processID: processID, fortnoxBaseURL: servers.fortnoxBaseURL, severaBaseURL: servers.severaBaseURL,
            credentials: configuration.credentials, fortnoxScopes: SandboxCredentials.fortnoxScopes.sorted(),
            fortnoxAuthorizationCode: issueFortnoxAuthorizationCode())
    }

    /// Stops the servers, if listening; idempotent. The emulators keep their state.
    public func stop() {
        servers?.stop()
    }
}
