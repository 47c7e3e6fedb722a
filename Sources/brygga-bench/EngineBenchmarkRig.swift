import FortnoxConnector
import Foundation
import HTTPSupport
import Sandbox
import SeveraConnector
import SyncCore
import SyncStore

/// Both emulators in-process with rate limits off, seeded on the Severa side only, the two connectors
/// reaching them through request counters, and the engine on a fresh SQLite state store in a temporary
/// directory.
struct EngineBenchmarkRig {
    let clock: EngineBenchmarkClock
    let sandbox: SandboxEnvironment
    let summary: SampleDataSummary
    let seedingSeconds: Double
    let fortnoxTraffic: EngineBenchmarkTraffic
    let severaTraffic: EngineBenchmarkTraffic
    let engine: SyncEngine
    let directory: URL

    /// The client-side budget: no limit to speak of. A 1 ms window keeps the limiter's list of recent
    /// admissions short (it is made for 25 per 5 s); `inFlight` is how many requests one connector has
    /// out at once (also the Fortnox listing's detail-read concurrency).
    static func unlimited(inFlight: Int) -> RateLimit {
        RateLimit(maxRequests: 1_000_000, window: .milliseconds(1), maxInFlight: inFlight)
    }

    init(settings: EngineBenchmark.Settings) throws(BenchmarkError) {
        // Records are stamped a minute apart over past weeks (at most 90 days back), then the clock runs.
        let count = settings.customers + settings.products
        let step = min(60, 90 * 86_400 / Double(max(count, 1)))
        clock = EngineBenchmarkClock(standingAt: Date().addingTimeInterval(-100 * 86_400))
        sandbox = SandboxEnvironment(configuration: .init(rateLimits: false, clock: clock))
        let generator = SampleDataGenerator(
            seed: settings.seed,
            size: SampleDataSize(
                customers: settings.customers, products: settings.products, projects: 0, invoices: 0,
                supplierInvoices: 0))
        let started = ContinuousClock.now
        do {
            let clock = self.clock
            summary = try generator.populateSeveraOnly(fortnox: sandbox.fortnox, severa: sandbox.severa) {
                clock.advance(by: step)
            }
        } catch {
            throw .failed(error.description)
        }
        seedingSeconds = (ContinuousClock.now - started).timeInterval
        clock.startRunning()

        fortnoxTraffic = EngineBenchmarkTraffic(.fortnox, wrapping: sandbox.fortnoxTransport())
        severaTraffic = EngineBenchmarkTraffic(.severa, wrapping: sandbox.severaTransport())
        let limit = Self.unlimited(inFlight: settings.inFlight)
        let fortnox = try Self.fortnoxConnector(sandbox, transport: fortnoxTraffic, clock: clock, limit: limit)
        let severa = try Self.severaConnector(sandbox, transport: severaTraffic, clock: clock, limit: limit)

        directory = FileManager.default.temporaryDirectory.appending(path: "brygga-bench-engine-\(UUID().uuidString)")
        let store: SQLiteStateStore
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStateStore(path: directory.appending(path: "state.sqlite").path)
        } catch {
            throw .failed("cannot create the state store in \(directory.path): \(error)")
        }
        engine = SyncEngine(
            pm: severa, accounting: fortnox, store: store,
            configuration: EngineConfiguration(
                writeConcurrency: settings.writeConcurrency, batchSize: settings.batchSize),
            clock: SyncClock(now: { [clock] in clock.now() }))
    }

    /// Removes the temporary directory with the state store.
    func removeStore() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func fortnoxConnector(
        _ sandbox: SandboxEnvironment, transport: any HTTPTransport, clock: any WallClock, limit: RateLimit
    ) throws(BenchmarkError) -> FortnoxConnector {
        let credentials = sandbox.configuration.credentials
        let connector: FortnoxConnector
        do {
            guard let base = URL(string: "https://api.fortnox.se") else { throw BenchmarkError.failed("bad URL") }
            let oauth = try FortnoxOAuthConfiguration(
                clientID: credentials.fortnoxClientID, clientSecret: credentials.fortnoxClientSecret,
                redirectURI: "https://brygga.example/callback", authorizationBaseURL: base)
            connector = FortnoxConnector(
                configuration: try FortnoxConnector.Configuration(apiBaseURL: base, oauth: oauth, rateLimit: limit),
                tokenStore: InMemoryTokenStore(), transport: transport, clock: clock)
        } catch {
            throw .failed("\(error)")
        }
        let code = sandbox.issueFortnoxAuthorizationCode(scopes: Set(FortnoxConnector.requiredScopes))
        _ = try ConnectorsBenchmark.wait { try await connector.authorize(code: code) }
        return connector
    }

    private static func severaConnector(
        _ sandbox: SandboxEnvironment, transport: any HTTPTransport, clock: any WallClock, limit: RateLimit
    ) throws(BenchmarkError) -> SeveraConnector {
        let credentials = sandbox.configuration.credentials
        guard let base = URL(string: SeveraConnector.Configuration.productionBaseURLText) else {
            throw .failed("bad URL")
        }
        let options = SeveraConnector.Options(
            unitAliases: SampleDataGenerator.unitSpellings.map {
                SeveraConnector.Options.UnitAlias(severa: $0.severa, code: $0.code)
            })
        do {
            return try SeveraConnector(
                configuration: SeveraConnector.Configuration(
                    baseURL: base, clientID: credentials.severaClientID, clientSecret: credentials.severaClientSecret,
                    rateLimit: limit, options: options),
                transport: transport, clock: clock)
        } catch {
            throw .failed("\(error)")
        }
    }
}
