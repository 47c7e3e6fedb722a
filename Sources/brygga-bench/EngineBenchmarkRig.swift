import BryggaCLI
import FortnoxConnector
import Foundation
import HTTPSupport
import Sandbox
import SeveraConnector
import SyncCore
import SyncStore

/// Both emulators with rate limits off, seeded on the Severa side only, the two connectors reaching
/// them through request counters, and the engine on a fresh SQLite state store in a temporary
/// directory.
///
/// Where the emulators run is ``EngineBenchmark/SandboxMode``: in this process (reached through
/// `InProcessTransport`), or in a child `brygga sandbox serve` reached over loopback HTTP through one
/// `URLSessionTransport` per API, as production reaches Fortnox and Severa.
struct EngineBenchmarkRig {
    /// Where the connectors find the two APIs and how they sign in.
    private struct Endpoints {
        var fortnoxBaseURL: URL
        var severaBaseURL: URL
        var credentials: SandboxCredentials
        var fortnoxTransport: any HTTPTransport
        var severaTransport: any HTTPTransport
        var fortnoxAuthorizationCode: String
    }

    let clock: SeedingClock
    /// The in-process emulators (`nil` with a child process).
    let sandbox: SandboxEnvironment?
    /// The child serving the emulators (`nil` in-process).
    let child: SandboxServeChild?
    /// What was seeded (known in-process only; the child prints its own summary).
    let summary: SampleDataSummary?
    let seedingSeconds: Double
    let fortnoxTraffic: EngineBenchmarkTraffic
    let severaTraffic: EngineBenchmarkTraffic
    let engine: SyncEngine
    let directory: URL
    private let network: BryggaRuntime.Transports?

    /// The client-side budget: no limit to speak of. A 1 ms window keeps the limiter's list of recent
    /// admissions short (it is made for 25 per 5 s); `inFlight` is how many requests one connector has
    /// out at once (also the Fortnox listing's detail-read concurrency).
    static func unlimited(inFlight: Int) -> RateLimit {
        RateLimit(maxRequests: 1_000_000, window: .milliseconds(1), maxInFlight: inFlight)
    }

    init(settings: EngineBenchmark.Settings) throws(BenchmarkError) {
        directory = FileManager.default.temporaryDirectory.appending(path: "brygga-bench-engine-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .failed("cannot create the temporary directory \(directory.path): \(error)")
        }
        let endpoints: Endpoints
        switch settings.sandbox {
        case .inProcess:
            // Records are stamped a minute apart over past weeks (at most 90 days back), then the clock runs.
            clock = SeedingClock.backdated()
            let sandbox = SandboxEnvironment(configuration: .init(rateLimits: false, clock: clock))
            let generator = SampleDataGenerator(
                seed: settings.seed,
                size: SampleDataSize(
                    customers: settings.customers, products: settings.products, projects: 0, invoices: 0,
                    supplierInvoices: 0))
            let started = ContinuousClock.now
            do {
                summary = try sandbox.populateSeveraOnly(with: generator, clock: clock)
            } catch {
                throw .failed(error.description)
            }
            seedingSeconds = (ContinuousClock.now - started).timeInterval
            guard let fortnoxBase = URL(string: "https://api.fortnox.se"),
                let severaBase = URL(string: SeveraConnector.Configuration.productionBaseURLText)
            else { throw .failed("bad URL") }
            endpoints = Endpoints(
                fortnoxBaseURL: fortnoxBase, severaBaseURL: severaBase, credentials: sandbox.configuration.credentials,
                fortnoxTransport: sandbox.fortnoxTransport(), severaTransport: sandbox.severaTransport(),
                fortnoxAuthorizationCode: sandbox.issueFortnoxAuthorizationCode(
                    scopes: Set(FortnoxConnector.requiredScopes)))
            self.sandbox = sandbox
            child = nil
            network = nil
        case .process(let brygga):
            // The child stamps its records over past weeks on its own clock; this one runs with the real
            // time and moves ahead between runs as the in-process one does.
            clock = SeedingClock(standingAt: Date())
            clock.startRunning()
            let child = try SandboxServeChild(
                brygga: brygga,
                options: [
                    "--severa-only", "--no-rate-limits", "--customers", String(settings.customers), "--products",
                    String(settings.products), "--seed", String(settings.seed),
                ], directory: directory)
            let ready = child.ready
            guard let fortnoxBase = URL(string: ready.fortnoxBaseURL), let severaBase = URL(string: ready.severaBaseURL)
            else {
                child.stop()
                throw .failed("the sandbox announced unusable base URLs")
            }
            let network = BryggaRuntime.Transports.network()
            endpoints = Endpoints(
                fortnoxBaseURL: fortnoxBase, severaBaseURL: severaBase, credentials: ready.credentials,
                fortnoxTransport: network.fortnox, severaTransport: network.severa,
                fortnoxAuthorizationCode: ready.fortnoxAuthorizationCode)
            seedingSeconds = child.startSeconds
            summary = nil
            sandbox = nil
            self.child = child
            self.network = network
        }

        do throws(BenchmarkError) {
            (fortnoxTraffic, severaTraffic, engine) = try Self.engine(
                endpoints, settings: settings, clock: clock, directory: directory)
        } catch {
            child?.stop()
            network?.release()
            throw error
        }
    }

    /// The counters, the connectors and the engine over a fresh state store in `directory`.
    private static func engine(
        _ endpoints: Endpoints, settings: EngineBenchmark.Settings, clock: SeedingClock, directory: URL
    ) throws(BenchmarkError) -> (EngineBenchmarkTraffic, EngineBenchmarkTraffic, SyncEngine) {
        let fortnoxTraffic = EngineBenchmarkTraffic(.fortnox, wrapping: endpoints.fortnoxTransport)
        let severaTraffic = EngineBenchmarkTraffic(.severa, wrapping: endpoints.severaTransport)
        let limit = Self.unlimited(inFlight: settings.inFlight)
        let fortnox = try Self.fortnoxConnector(endpoints, transport: fortnoxTraffic, clock: clock, limit: limit)
        let severa = try Self.severaConnector(endpoints, transport: severaTraffic, clock: clock, limit: limit)

        let store: SQLiteStateStore
        do {
            store = try SQLiteStateStore(path: directory.appending(path: "state.sqlite").path)
        } catch {
            throw .failed("cannot create the state store in \(directory.path): \(error)")
        }
        let engine = SyncEngine(
            pm: severa, accounting: fortnox, store: store,
            configuration: EngineConfiguration(
                writeConcurrency: settings.writeConcurrency, batchSize: settings.batchSize),
            clock: SyncClock(now: { [clock] in clock.now() }))
        return (fortnoxTraffic, severaTraffic, engine)
    }

    /// Stops the child process, if any, releases the URL sessions and removes the temporary directory
    /// with the state store.
    func tearDown() {
        child?.stop()
        network?.release()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func fortnoxConnector(
        _ endpoints: Endpoints, transport: any HTTPTransport, clock: any WallClock, limit: RateLimit
    ) throws(BenchmarkError) -> FortnoxConnector {
        let credentials = endpoints.credentials
        let connector: FortnoxConnector
        do {
            let oauth = try FortnoxOAuthConfiguration(
                clientID: credentials.fortnoxClientID, clientSecret: credentials.fortnoxClientSecret,
                redirectURI: "https://brygga.example/callback", authorizationBaseURL: endpoints.fortnoxBaseURL)
            connector = FortnoxConnector(
                configuration: try FortnoxConnector.Configuration(
                    apiBaseURL: endpoints.fortnoxBaseURL, oauth: oauth, rateLimit: limit),
                tokenStore: InMemoryTokenStore(), transport: transport, clock: clock)
        } catch {
            throw .failed("\(error)")
        }
        let code = endpoints.fortnoxAuthorizationCode
        _ = try ConnectorsBenchmark.wait { try await connector.authorize(code: code) }
        return connector
    }

    private static func severaConnector(
        _ endpoints: Endpoints, transport: any HTTPTransport, clock: any WallClock, limit: RateLimit
    ) throws(BenchmarkError) -> SeveraConnector {
        let credentials = endpoints.credentials
        // The shipped mappings, as production uses them: their unit aliases cover the sample's spellings.
        let options = SeveraConnector.Options(mappings: .defaults)
        do {
            return try SeveraConnector(
                configuration: SeveraConnector.Configuration(
                    baseURL: endpoints.severaBaseURL, clientID: credentials.severaClientID,
                    clientSecret: credentials.severaClientSecret, rateLimit: limit, options: options),
                transport: transport, clock: clock)
        } catch {
            throw .failed("\(error)")
        }
    }
}
