import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import SyncStore
import Testing

/// The whole stack of one scenario: both sandboxes (in-process, rate limits off, one virtual clock),
/// the real Severa and Fortnox connectors, a real SQLite state store in a fresh temporary directory,
/// and the real ``SyncEngine``.
///
/// Requests from the connectors pass `RecordingTransport` → fault injection → emulator, so a scenario
/// can count writes and lose answers. The `severaUser` / `fortnoxUser` helpers act as people editing
/// the systems: they reach the emulators directly, unrecorded and without faults.
final class ScenarioBed {
    /// The clock of emulators, connectors and engine; runs advance it (see ``run(_:)``).
    let clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_767_225_600))
    let sandbox: SandboxEnvironment
    let severa: SeveraConnector
    let fortnox: FortnoxConnector
    /// What the Severa connector sent.
    let severaTraffic: RecordingTransport
    /// What the Fortnox connector sent.
    let fortnoxTraffic: RecordingTransport
    /// The state database file.
    let storePath: String
    /// The store engines made by ``engine(store:)`` use unless told otherwise.
    private(set) var store: any SyncStateStore
    /// Masters and flows of the engines this bed makes.
    var configuration: EngineConfiguration
    /// Severa reference guids: countries by ISO code, the project owner.
    let severaReferences: SeveraReferenceIDs
    private let directory: URL

    /// Builds a bed.
    ///
    /// - Parameters:
    ///   - faults: A fault spec for both APIs (`/3/…` Fortnox, `/rest-api/…` Severa).
    ///   - projectAccounting: Whether Fortnox has project accounting on.
    ///   - configuration: The engine's configuration.
    ///   - units: Unit codes created in Fortnox (R1.3).
    ///   - rateLimits: Whether the sandboxes enforce the APIs' rate limits and the connectors keep to
    ///     Fortnox's and Severa's real budgets (in virtual time).
    ///   - defaultFeeProduct: The Severa product code of fees whose row has no article (R5.3).
    ///   - feesRequireBooked: Whether only booked supplier invoices give fees (R5.4).
    /// - Throws: When a part cannot be set up.
    init(
        faults: String? = nil, projectAccounting: Bool = true, configuration: EngineConfiguration = .init(),
        units: [String] = ["st", "h"], rateLimits: Bool = false, defaultFeeProduct: String? = nil,
        feesRequireBooked: Bool = true
    ) async throws {
        sandbox = SandboxEnvironment(
            configuration: .init(
                rateLimits: rateLimits, projectAccounting: projectAccounting, clock: clock,
                faultPlan: try faults.map { try FaultPlan.parse($0) }))
        self.configuration = configuration
        let unlimited = RateLimit(maxRequests: 1_000_000, window: .seconds(1), maxInFlight: 4)
        let severaLimit = rateLimits ? RateLimit.severa : unlimited
        let fortnoxLimit = rateLimits ? RateLimit.fortnox : unlimited
        let retries = RetryPolicy.standard
        severaTraffic = RecordingTransport(wrapping: sandbox.severaTransport())
        fortnoxTraffic = RecordingTransport(wrapping: sandbox.fortnoxTransport())
        let severaBase = try #require(URL(string: "https://api.severa.visma.com/rest-api"))
        var severaOptions = SeveraConnector.Options(mappings: .defaults)
        severaOptions.defaultFeeProductCode = defaultFeeProduct
        severa = try SeveraConnector(
            configuration: .sandbox(
                baseURL: severaBase, rateLimit: severaLimit, retryPolicy: retries, options: severaOptions),
            transport: severaTraffic, clock: clock)
        let fortnoxBase = try #require(URL(string: FortnoxConnector.Configuration.defaultAPIOrigin))
        let credentials = sandbox.configuration.credentials
        let oauth = try FortnoxOAuthConfiguration(
            clientID: credentials.fortnoxClientID, clientSecret: credentials.fortnoxClientSecret,
            redirectURI: "https://brygga.example/callback", authorizationBaseURL: fortnoxBase)
        fortnox = FortnoxConnector(
            configuration: try .init(
                apiBaseURL: fortnoxBase, oauth: oauth, rateLimit: fortnoxLimit, retryPolicy: retries,
                options: FortnoxConnector.Options(feesRequireBookedSupplierInvoices: feesRequireBooked)),
            tokenStore: InMemoryTokenStore(), transport: fortnoxTraffic, clock: clock)
        try await fortnox.authorize(code: sandbox.issueFortnoxAuthorizationCode())
        severaReferences = try SeveraReferenceIDs(state: sandbox.severa.exportState())
        directory = FileManager.default.temporaryDirectory.appending(path: "brygga-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        storePath = directory.appending(path: "state.sqlite").path
        store = try SQLiteStateStore(path: storePath)
        for unit in units { try seedFortnox(.units, ["Code": .string(unit), "Description": .string(unit)]) }
        fortnoxTraffic.reset()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// An engine over the bed's connectors and `store` (by default the bed's store).
    func engine(store: (any SyncStateStore)? = nil) -> SyncEngine {
        let clock = self.clock
        return SyncEngine(
            pm: severa, accounting: fortnox, store: store ?? self.store, configuration: configuration,
            clock: SyncClock { clock.now() })
    }

    /// Runs `body` with a fresh engine one minute after the previous action, as cron would; the recorded
    /// traffic then holds this run's requests only.
    @discardableResult
    func run(_ body: (SyncEngine) async -> RunResult = { await $0.run() }) async -> RunResult {
        clock.advance(by: 60)
        resetTraffic()
        return await body(engine())
    }

    /// Opens a new store on the same file, as the next process would, and makes it the bed's store.
    @discardableResult
    func reopenStore() throws -> SQLiteStateStore {
        let reopened = try SQLiteStateStore(path: storePath)
        store = reopened
        return reopened
    }

    /// The transfer-log entries of run `result` (all of them, from the store), optionally only `action`
    /// entries of `entity` about record `key`.
    func log(
        of result: RunResult, _ action: TransferAction? = nil, entity: EntityKind? = nil, key: String? = nil
    ) throws -> [TransferLogEntry] {
        let query = TransferLogQuery(
            runID: result.runID, entity: entity, actions: action.map { [$0] } ?? [], recordID: key, limit: 100_000)
        return try store.transferLog(matching: query)
    }

    /// Every remote write of the last run, on both sides.
    var writes: [RecordingTransport.Sent] { severaTraffic.writes + fortnoxTraffic.writes }

    /// Forgets the recorded traffic of both connectors.
    func resetTraffic() {
        severaTraffic.reset()
        fortnoxTraffic.reset()
    }
}

extension ScenarioBed {
    /// The natural keys of every record `endpoint` lists (a full listing through the recorded transport).
    func allKeys<Record: SyncRecord>(_ endpoint: any RecordEndpoint<Record>) async throws -> Set<String> {
        var keys: Set<String> = []
        for try await page in endpoint.changes(since: nil) {
            for item in page.items {
                switch item {
                case .record(let remote): keys.insert(remote.record.naturalKey)
                case .unreadable(let unreadable): throw ScenarioError("unreadable record: \(unreadable.reason)")
                }
            }
        }
        return keys
    }
}
