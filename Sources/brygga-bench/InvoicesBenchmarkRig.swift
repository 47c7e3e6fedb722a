import BryggaCLI
import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SeveraConnector
import SeveraSandbox
import SyncCore
import SyncStore

/// The invoice flow's world for `brygga-bench invoices`: both emulators in this process, a few
/// customers, projects and products already transferred by a first run, then invoices seeded in the
/// trigger status and one measured run of the invoice flow alone, through counting transports.
struct InvoicesBenchmarkRig {
    /// What one measured run did.
    struct Figures {
        var invoices: Int
        var seconds: Double
        var summary: RunSummary
        var fatal: String?
        var fortnox: EngineBenchmarkTraffic.Counts
        var severa: EngineBenchmarkTraffic.Counts
    }

    /// The customers (and projects) the invoices are spread over, and the products on their rows.
    static let customers = 20
    static let productCodes = ["5001", "5002", "5003", "5004", "5005"]

    let sandbox: SandboxEnvironment
    let directory: URL
    let rateLimits: Bool

    /// Starts both emulators in this process, with the APIs' rate limits when `rateLimits`.
    init(rateLimits: Bool) throws(BenchmarkError) {
        self.rateLimits = rateLimits
        sandbox = SandboxEnvironment(configuration: .init(rateLimits: rateLimits, clock: SystemWallClock()))
        directory = FileManager.default.temporaryDirectory.appending(path: "brygga-bench-invoices-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .failed("cannot create the temporary directory \(directory.path): \(error)")
        }
    }

    /// Removes the state store.
    func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Seeds the master data, transfers it with a first run, seeds `count` invoices of `rows` rows in
    /// the trigger status and measures one run of the invoice flow alone.
    func measure(invoices count: Int, rows: Int) throws(BenchmarkError) -> Figures {
        let ids = try seedMasterData()
        _ = try run(flows: FlowSettings(), measure: false)
        try seedInvoices(count, rows: rows, ids: ids)
        // The first run's requests leave both APIs' windows (Fortnox's is 5 s) before the measured run.
        if rateLimits { Thread.sleep(forTimeInterval: 6) }
        return try run(
            flows: FlowSettings(products: false, customers: false, projects: false, invoices: true), measure: true)
    }

    /// One run with `flows` on a runtime over the rig's state store.
    private func run(flows: FlowSettings, measure: Bool) throws(BenchmarkError) -> Figures {
        var configuration = BryggaRuntime.sandboxConfiguration(
            stateDatabasePath: directory.appending(path: "state.sqlite").path)
        configuration.flows = flows
        configuration.invoices = InvoiceFlowSettings(triggerStatus: "Ready for transfer", receivedStatus: "Transferred")
        configuration.severa.scopes = SeveraConnector.Configuration.requiredScopes
        configuration.fortnox.scopes = FortnoxConnector.requiredScopes
        if !rateLimits {
            let unlimited = RateLimitSetting(requests: 1_000_000, perSeconds: 1)
            configuration.severa.rateLimit = unlimited
            configuration.fortnox.rateLimit = unlimited
        }
        let fortnox = EngineBenchmarkTraffic(.fortnox, wrapping: sandbox.fortnoxTransport())
        let severa = EngineBenchmarkTraffic(.severa, wrapping: sandbox.severaTransport())
        let credentials = sandbox.configuration.credentials
        configuration.severa.clientID = credentials.severaClientID
        configuration.fortnox.clientID = credentials.fortnoxClientID
        let runtime: BryggaRuntime
        do {
            runtime = try BryggaRuntime(
                configuration: configuration, severaSecret: ClientSecret(credentials.severaClientSecret),
                fortnoxSecret: ClientSecret(credentials.fortnoxClientSecret),
                transports: .init(severa: severa, fortnox: fortnox), clock: SystemWallClock())
        } catch {
            throw .failed("cannot build the runtime: \(error)")
        }
        defer { runtime.shutdown() }
        let sandbox = self.sandbox
        _ = try ConnectorsBenchmark.wait { try await runtime.authorizeFortnoxIfNeeded(in: sandbox) }
        _ = fortnox.take()
        _ = severa.take()
        let started = ContinuousClock.now
        let result = try ConnectorsBenchmark.wait { await runtime.engine.run() }
        let seconds = (ContinuousClock.now - started).timeInterval
        let invoices = measure ? (try? runtime.store.invoiceTransferCounts().transferred) ?? 0 : 0
        return Figures(
            invoices: invoices, seconds: seconds, summary: result.summary, fatal: result.fatal?.message,
            fortnox: fortnox.take(), severa: severa.take())
    }

    /// Customers with a billing address and VAT number, a project each, the products and Fortnox's unit.
    private func seedMasterData() throws(BenchmarkError) -> SeveraReferenceIDs {
        do {
            let severa = sandbox.severa
            let ids = try SeveraReferenceIDs(state: severa.exportState())
            _ = try sandbox.fortnox.seed(.units, ["Code": "st", "Description": "Styck"])
            for code in Self.productCodes {
                try severa.seedQuietly(
                    .products,
                    [
                        "code": .string(code), "name": .string("Vara \(code)"), "measurementUnit": "st",
                        "unitPrice": ["amount": 100, "currencyCode": "SEK"], "vatRate": 25,
                    ])
            }
            for index in 0..<Self.customers {
                let number = JSONValue.number(JSONNumber(70_000 + index))
                let customer = try severa.seed(
                    .customers,
                    ["number": number, "name": .string("Fakturakund \(index) AB"), "vatNumber": "SE556677889901"])
                let guid = customer["guid"]?.stringValue ?? ""
                try severa.seedAddressQuietly(
                    customerGuid: guid,
                    [
                        "addressline": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm",
                        "country": ["guid": .string(ids.countries["SE"] ?? "")], "isBillingAddress": true,
                    ])
                try severa.seedQuietly(
                    .projects,
                    [
                        "number": number, "name": .string("Projekt \(index)"), "customer": ["guid": .string(guid)],
                        "projectOwner": ["guid": .string(ids.projectOwner)],
                    ])
            }
            return ids
        } catch {
            throw .failed("seeding the master data failed: \(error)")
        }
    }

    /// `count` invoices of `rows` rows each, spread over the customers, in the trigger status.
    private func seedInvoices(_ count: Int, rows: Int, ids: SeveraReferenceIDs) throws(BenchmarkError) {
        let severa = sandbox.severa
        do {
            let state = severa.exportState()["organisation"]?["tables"]
            let customers = (state?["customers"]?.arrayValue ?? []).compactMap { $0["guid"]?.stringValue }
            let projects = (state?["projects"]?.arrayValue ?? []).compactMap { $0["guid"]?.stringValue }
            guard !customers.isEmpty, customers.count == projects.count else {
                throw BenchmarkError.failed("the customers and projects were not seeded")
            }
            let trigger = ids.invoiceStatuses["Ready for transfer"] ?? ""
            for index in 0..<count {
                let invoice =
                    try severa.seed(
                        .invoices,
                        [
                            "customer": ["guid": .string(customers[index % customers.count])],
                            "projects": [["guid": .string(projects[index % projects.count])]],
                            "status": ["guid": .string(trigger)], "date": "2026-01-15",
                        ])["guid"]?.stringValue ?? ""
                for row in 0..<rows {
                    try severa.seedQuietly(
                        .invoicerows,
                        [
                            "invoiceGuid": .string(invoice), "rowType": "ProjectFees",
                            "description": .string("Arbete \(row + 1)"),
                            "quantity": .number(JSONNumber(row + 1)),
                            "unitPrice": ["amount": 100, "currencyCode": "SEK"],
                            "vatRate": 25, "measurementUnit": "st", "sortOrder": .number(JSONNumber(row + 1)),
                            "code": [.string(Self.productCodes[row % Self.productCodes.count])],
                        ])
                }
            }
        } catch {
            throw .failed("seeding the invoices failed: \(error)")
        }
    }
}
