import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SeveraSandbox
import SyncCore
import SyncStore

/// What `brygga demo` does: both sandboxes in this process with generated data (bad records
/// included), the customer bootstrap, a first full run (master data, then invoices, project fees and
/// paid state), edits on each side with one conflict and an invoice the accountant books and pays,
/// an incremental run that carries them over, and a last run that finds nothing to do.
struct DemoScenario {
    /// Where the demo prints.
    let console: any Console
    /// The sample data's seed.
    let seed: UInt64
    /// The directory the state database is created in (kept, so the log can be read afterwards).
    let stateDirectory: String

    /// Runs the demo.
    ///
    /// - Returns: ``ExitCode/success`` when every run finished (bad sample records are expected).
    /// - Throws: ``CommandFailure`` when a run stopped or the sandboxes failed.
    func run() async throws -> ExitCode {
        let started = ContinuousClock.now
        // Cron would start a run every few minutes; the demo's clock jumps ahead between its steps, so each
        // incremental run sees only what changed since the previous one, as it would in production.
        let clock = ManualWallClock(start: Date())
        let sandbox = SandboxEnvironment(
            configuration: SandboxEnvironment.Configuration(rateLimits: false, clock: clock))
        defer { sandbox.stop() }
        let sample = try sandbox.populate(with: SampleDataGenerator(seed: seed, size: .demo))
        printIntroduction(sample)
        let databasePath = stateDirectory + "/brygga-state.sqlite"
        var configuration = BryggaRuntime.sandboxConfiguration(stateDatabasePath: databasePath)
        // The sandboxes run without rate limits, so the client paces nothing either: the demo shows the
        // flows, not the APIs' request budgets (`brygga-bench connectors` measures those).
        configuration.severa.rateLimit = Self.unlimited
        configuration.fortnox.rateLimit = Self.unlimited
        configuration.flows.invoices = true
        configuration.flows.projectFees = true
        configuration.invoices = Self.invoiceSettings
        configuration.projectFees.defaultProduct = Self.firstProductCode(of: sandbox)
        configuration.severa.scopes = ScopeDerivation.severaScopes(for: configuration.flows, paidStatus: true)
        configuration.fortnox.scopes = ScopeDerivation.fortnoxScopes(for: configuration.flows, paidStatus: true)
        let runtime = try BryggaRuntime.sandboxed(sandbox, configuration: configuration, clock: clock)
        defer { runtime.shutdown() }
        try await runtime.authorizeFortnoxIfNeeded(in: sandbox)
        let engine = runtime.engine

        let bootstrap = try await step(
            1, "bootstrap customers --from severa  (R2.6 a: existing Severa customers to Fortnox)"
        ) { await engine.bootstrapCustomers(from: .projectManagement) }
        clock.advance(by: Self.cronInterval)
        let first = try await step(
            2, "run  (products, customers, projects both ways; then invoices, project fees and paid state)"
        ) { await engine.run() }
        clock.advance(by: Self.cronInterval)

        let linked = try linkedKeys(
            runtime.store, runs: [bootstrap, first], excluding: Set(sample.defects.map(\.key)))
        let edits = try await DemoEdits(runtime: runtime).apply(
            customers: linked.customers, productCode: linked.product)
        console.print("")
        console.print("3. edits made by users between runs:")
        for edit in edits { console.print("     \(edit.description)") }
        if let invoice = try transferredInvoice(runtime.store, run: first) {
            try DemoAccountant(sandbox: sandbox).bookAndPay(invoice.fortnox, on: Self.paymentDate)
            console.print(
                "     Fortnox invoice \(invoice.fortnox) (Severa invoice \(invoice.severa)): booked and paid in full "
                    + "by the accountant")
        }
        clock.advance(by: Self.cronInterval)
        let incremental = try await step(4, "run  (incremental: only what changed)") { await engine.run() }
        clock.advance(by: Self.cronInterval)
        let echo = try await step(5, "run  (again: our own writes are not read back as changes)") {
            await engine.run()
        }

        try printEntries(
            "Records not transferred, with the reason and the fix (runs \(bootstrap) and \(first)):",
            store: runtime.store, runs: [bootstrap, first], actions: [.failed, .skipped])
        try printEntries(
            "Invoices and project fees run \(first) transferred:", store: runtime.store, runs: [first],
            actions: [.created], entities: [.invoice, .projectFee])
        try printEntries(
            "What run \(incremental) changed:", store: runtime.store, runs: [incremental],
            actions: [.updated, .conflict])
        let echoEntries = try runtime.store.transferLog(matching: TransferLogQuery(runID: echo, limit: 10_000))
        console.print("")
        if echoEntries.allSatisfy({ $0.action == .failed || $0.action == .skipped }) {
            // Counted from the run, not its entries: a record failing as before is not logged again (O4).
            let tried = try runtime.store.recentRuns(limit: 10).first { $0.id == echo }?.summary.failed ?? 0
            console.print(
                "Run \(echo) changed nothing: the two systems are in step. It tried the \(tried) held-back records "
                    + "again (retried every run until fixed; logged only when they start failing, change reason or "
                    + "are resolved).")
        } else {
            try printEntries("Run \(echo) still found work:", store: runtime.store, runs: [echo], actions: [])
        }
        try printMoneyFlows(runtime.store)
        console.print("State database: \(databasePath)")
        console.print("Demo finished in \(seconds(since: started)).")
        return .success
    }

    /// The invoice statuses of the sample organisation the demo's invoice flows use.
    private static let invoiceSettings = InvoiceFlowSettings(
        triggerStatus: "Ready for transfer", receivedStatus: "Transferred", paidStatus: "Paid")

    /// The day the demo's accountant registers the payment.
    private static let paymentDate = "2026-02-02"

    /// The code of the first product in the sample's Severa product register: the default product of
    /// fees whose supplier-invoice row has no article (R5.3).
    private static func firstProductCode(of sandbox: SandboxEnvironment) -> String? {
        let products = sandbox.severa.exportState()["organisation"]?["tables"]?["products"]?.arrayValue ?? []
        return products.compactMap { $0["fields"]?["code"]?.stringValue }.filter { code in
            !code.isEmpty && code.allSatisfy(\.isNumber)
        }.sorted().first
    }

    /// An invoice run `run` transferred and moved on: its Severa number (or guid) and Fortnox number.
    private func transferredInvoice(_ store: SQLiteStateStore, run: Int64) throws -> (severa: String, fortnox: String)?
    {
        let entries = try store.transferLog(
            matching: TransferLogQuery(runID: run, entity: .invoice, actions: [.created], limit: 10_000))
        guard
            let number = entries.first(where: { $0.accountingID != nil && $0.reason?.contains("moved to") == true })?
                .accountingID
        else { return nil }
        let transfer = try store.invoiceTransfers(fortnoxNumbers: [number])[number]
        return (transfer?.severaNumber ?? transfer?.severaID ?? "?", number)
    }

    /// What the money flows did over the whole demo.
    private func printMoneyFlows(_ store: SQLiteStateStore) throws {
        let counts = try store.invoiceTransferCounts()
        let fees = try store.linkCount(entity: .projectFee)
        console.print("")
        console.print(
            "Money flows: \(counts.transferred) invoice(s) transferred to Fortnox and moved to "
                + "\"\(Self.invoiceSettings.receivedStatus)\", \(counts.paid) paid and moved to "
                + "\"\(Self.invoiceSettings.paidStatus ?? "")\"; \(fees) project fee(s) created in Severa.")
    }

    /// How far the demo's clock moves between steps: a typical cron interval.
    private static let cronInterval: TimeInterval = 600

    /// A request budget no demo reaches.
    private static let unlimited = RateLimitSetting(requests: 1_000_000, perSeconds: 1)

    private func printIntroduction(_ sample: SampleDataSummary) {
        let severa = sample.severa
        let fortnox = sample.fortnox
        console.print("brygga demo: Severa and Fortnox sandboxes in this process (sample data seed \(seed))")
        console.print(
            "  Severa:  \(severa.customers) customers, \(severa.products + severa.workTypes + severa.travelExpenseTypes) "
                + "products and work types, \(severa.projects) projects")
        console.print(
            "  Fortnox: \(fortnox.customers) customers, \(fortnox.articles) articles, \(fortnox.units) units")
        let invalid = sample.defects.filter { $0.defect.expectation != .accepted }.count
        console.print(
            "  \(sample.defects.count) records are deliberately unusual; \(invalid) of them are invalid and must be "
                + "held back with a reason.")
        console.print("")
    }

    /// Runs one step, prints its summary line and returns its run id.
    private func step(_ number: Int, _ title: String, _ body: () async -> RunResult) async throws -> Int64 {
        let started = ContinuousClock.now
        let result = await body()
        console.print("\(number). \(title)")
        let run = result.runID.map { "run \($0): " } ?? ""
        console.print("     \(run)\(RunReporter.counts(result.summary))  (\(seconds(since: started)))")
        if let fatal = result.fatal {
            throw CommandFailure(ExitCode(rawValue: fatal.exitCode), "demo step \(number) stopped: \(fatal.message)")
        }
        guard let runID = result.runID else {
            throw CommandFailure(.internalError, "demo step \(number) recorded no run")
        }
        return runID
    }

    /// Customers and a product that runs `runs` linked or created, to edit.
    private func linkedKeys(_ store: SQLiteStateStore, runs: [Int64], excluding defects: Set<String>) throws -> (
        customers: [String], product: String
    ) {
        var customers: [String] = []
        var product: String?
        for run in runs {
            let entries = try store.transferLog(
                matching: TransferLogQuery(runID: run, actions: [.created, .linked], limit: 10_000))
            for entry in entries where entry.pmID != nil && entry.accountingID != nil {
                guard let key = entry.naturalKey, !defects.contains(key) else { continue }
                if entry.entity == .customer, customers.count < 2, !customers.contains(key) { customers.append(key) }
                if entry.entity == .product, product == nil { product = key }
            }
        }
        guard let product else { throw CommandFailure(.internalError, "the first runs linked no product to edit") }
        return (customers, product)
    }

    private func printEntries(
        _ title: String, store: SQLiteStateStore, runs: [Int64], actions: Set<TransferAction>,
        entities: [EntityKind?] = [nil]
    ) throws {
        console.print("")
        console.print(title)
        // A record held back is tried again every run; show it once, with the first run that said why.
        var shown: Set<[String]> = []
        for run in runs {
            var entries: [TransferLogEntry] = []
            for entity in entities {
                entries += try store.transferLog(
                    matching: TransferLogQuery(runID: run, entity: entity, actions: actions, limit: 1_000))
            }
            for entry in entries {
                let identity = [
                    entry.entity.rawValue, entry.action.rawValue, entry.pmID ?? "", entry.accountingID ?? "",
                    entry.reason ?? "",
                ]
                guard shown.insert(identity).inserted else { continue }
                for line in TransferLogFormatter().lines(entry) { console.print("  " + line) }
            }
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let milliseconds = elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        return String(format: "%.1f s", Double(milliseconds) / 1_000)
    }
}
