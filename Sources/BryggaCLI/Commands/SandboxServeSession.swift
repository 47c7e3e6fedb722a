import FortnoxSandbox
import Foundation
import HTTPSupport
import Sandbox
import SandboxKit
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run of `brygga sandbox serve`: start, fill, announce, wait for cancellation, stop and save.
struct SandboxServeSession: Sendable {
    let options: SandboxServeOptions
    let console: any Console

    /// Serves until the task is cancelled (by SIGINT or SIGTERM), then shuts down cleanly.
    ///
    /// - Throws: ``CommandFailure`` for an unusable request log (73), port (69) or state file (78), or
    ///   sample data an emulator refused (70); ``FileSystemError`` when the ready or state file cannot
    ///   be written.
    func serve() async throws {
        let sink = try openRequestLog()
        defer { sink?.close() }
        let environment: SandboxEnvironment
        // --severa-only stamps its records over past weeks: the clock stands in the past while seeding.
        let seedingClock = options.severaOnly ? SeedingClock.backdated() : nil
        let baseClock: any WallClock = seedingClock ?? SystemWallClock()
        let clock = try options.clockControl.map { try SandboxClockControl(base: baseClock, path: $0) } ?? baseClock
        do {
            environment = try SandboxEnvironment.listening(
                SandboxEnvironment.Configuration(
                    rateLimits: options.rateLimits, projectAccounting: !options.projectAccountingOff,
                    clock: clock, faultPlan: options.faultPlan, requestLog: sink),
                fortnoxPort: options.fortnoxPort, severaPort: options.severaPort)
        } catch {
            throw CommandFailure(.unavailable, "cannot start the sandbox: \(error.message)")
        }
        defer { environment.stop() }
        if let seedingClock {
            try fillSeveraOnly(environment, clock: seedingClock)
        } else {
            try fill(environment)
        }
        // SIGUSR1 releases the answers `hold` faults hold (it never stops the sandbox).
        let console = self.console
        let heldAnswers = environment.heldAnswers
        let processID = getpid()
        heldAnswers.observe { count, request in
            console.print(
                "brygga sandbox: holding the answer to \(request) (\(count) so far); kill -USR1 \(processID) releases it"
            )
        }
        let releasing = SignalMonitor.shared.subscribe(to: [SIGUSR1]) { _ in
            let count = heldAnswers.releaseAll()
            console.writeError("brygga sandbox: SIGUSR1 released \(count) held answer(s)\n")
        }
        defer { SignalMonitor.shared.unsubscribe(releasing) }
        // SIGUSR2 switches the --faults off, and on again (with fresh @N counts): a soak's clean run.
        let faults = FaultToggle(plan: options.faultPlan)
        let toggling = SignalMonitor.shared.subscribe(to: [SIGUSR2]) { _ in
            let plan = faults.toggle()
            environment.injectFaults(plan)
            console.print("brygga sandbox: SIGUSR2 \(plan == nil ? "paused" : "resumed") the faults")
        }
        defer { SignalMonitor.shared.unsubscribe(toggling) }
        if !Task.isCancelled {
            try announce(environment)
            await Self.waitForCancellation()
        }
        environment.stop()
        if let readyFile = options.readyFile { unlink(readyFile) }
        if let stateFile = options.stateFile {
            try AtomicFileWriter.write(environment.stateData(), to: stateFile, replacing: true)
            console.writeError("brygga sandbox: saved the state to \(stateFile)\n")
        }
        console.print("brygga sandbox: stopped")
    }

    private func openRequestLog() throws -> RequestLogSink? {
        guard let path = options.requestLog else { return nil }
        do {
            return try RequestLogSink(fileURL: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure(.cannotCreate, error.description)
        }
    }

    /// Loads the state file when it exists, else generates sample data.
    private func fill(_ environment: SandboxEnvironment) throws {
        if let stateFile = options.stateFile, FileManager.default.fileExists(atPath: stateFile) {
            do {
                try environment.loadState(fromFile: stateFile)
            } catch {
                throw CommandFailure(.configuration, "unusable sandbox state: \(error.description)")
            }
            if options.projectAccountingOff { environment.fortnox.setProjectAccounting(enabled: false) }
            console.writeError("brygga sandbox: loaded the state from \(stateFile)\n")
            return
        }
        let summary: SampleDataSummary
        do {
            summary = try environment.populate(with: SampleDataGenerator(seed: options.seed, size: options.size))
        } catch {
            throw CommandFailure(.internalError, error.description)
        }
        console.writeError(
            "brygga sandbox: generated sample data with seed \(options.seed): Severa \(summary.severa.customers) "
                + "customers, \(summary.severa.products + summary.severa.workTypes + summary.severa.travelExpenseTypes) "
                + "products, \(summary.severa.projects) projects, \(summary.severa.invoices) invoices; Fortnox "
                + "\(summary.fortnox.customers) customers, \(summary.fortnox.articles) articles, "
                + "\(summary.fortnox.projects) projects, \(summary.fortnox.supplierInvoices) supplier invoices; "
                + "\(summary.defects.count) deliberately bad or awkward records\n")
    }

    /// Seeds the customers and products into Severa only (`--severa-only`), then lets `clock` run.
    private func fillSeveraOnly(_ environment: SandboxEnvironment, clock: SeedingClock) throws {
        let size = SampleDataSize(
            customers: options.size.customers, products: options.size.products, projects: 0, invoices: 0,
            supplierInvoices: 0)
        let summary: SampleDataSummary
        do {
            summary = try environment.populateSeveraOnly(
                with: SampleDataGenerator(seed: options.seed, size: size), clock: clock)
        } catch {
            throw CommandFailure(.internalError, error.description)
        }
        console.writeError(
            "brygga sandbox: generated sample data with seed \(options.seed) in Severa only: "
                + "\(summary.severa.customers) customers with \(summary.severa.addresses) addresses, "
                + "\(summary.severa.products + summary.severa.workTypes + summary.severa.travelExpenseTypes) products; "
                + "Fortnox \(summary.fortnox.units) units, \(summary.fortnox.costCenters) cost centers, "
                + "\(summary.fortnox.suppliers) suppliers\n")
    }

    /// Writes the ready file, then prints the ready line.
    private func announce(_ environment: SandboxEnvironment) throws {
        guard let ready = environment.readyDocument(processID: getpid()) else { return }
        if let readyFile = options.readyFile {
            try AtomicFileWriter.write(ready.data, to: readyFile, replacing: true)
        }
        console.print("brygga sandbox: ready (fortnox \(ready.fortnoxBaseURL), severa \(ready.severaBaseURL))")
    }

    /// Returns once the task is cancelled.
    private static func waitForCancellation() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}

/// Whether the `--faults` of `brygga sandbox serve` apply, switched by SIGUSR2.
private final class FaultToggle: Sendable {
    private let plan: FaultPlan?
    private let paused = Mutex(false)

    init(plan: FaultPlan?) {
        self.plan = plan
    }

    /// Pauses the faults when they apply, resumes them when paused; returns the plan that applies now.
    func toggle() -> FaultPlan? {
        paused.withLock { paused in
            paused.toggle()
            return paused ? nil : plan
        }
    }
}
