import Foundation
import HTTPSupport
import Sandbox
import SyncCore

/// `brygga-bench engine`: the sync engine's first run and its no-op run, through the real connectors,
/// against both emulators with rate limits off and a fresh SQLite state store.
///
/// The emulators run in-process by default (`--sandbox in-process`: the process's memory includes
/// their records), or in a child `brygga sandbox serve --severa-only` reached over loopback HTTP
/// (`--sandbox process`: the process's memory is Brygga's own, as in production).
///
/// Severa holds the sample customers (with their addresses) and products; Fortnox holds only the units,
/// cost centers and suppliers, so the first run creates every record there. Three runs follow each other
/// on the benchmark's clock, ten minutes apart:
/// 1. the **first run**: lists both sides, creates every record in Fortnox, and lists Fortnox in full
///    once (nothing to write back);
/// 2. the **second run**: reads back what the first one wrote, because Fortnox's change cursor reaches
///    five minutes before the first run's Fortnox listing (the connector's overlap; under Fortnox's real
///    limit only the last five minutes' writes, here all of them);
/// 3. the **no-op run**: nothing changed anywhere: the steady state of a scheduled run.
enum EngineBenchmark: Benchmark {
    static let name = "engine"
    static let summary = "the sync engine's first run and no-op run against both emulators (in-process or a child)"
    static let optionsHelp = """
          --customers N      customers in Severa (default 100000)
          --products N       products in Severa (default 20000)
          --batch-size N     the engine's batch size (default: the engine's, \(EngineConfiguration().batchSize))
          --concurrency N    the engine's write concurrency (default: the engine's, \
        \(EngineConfiguration().writeConcurrency))
          --in-flight N      requests each connector has out at once (default 4, Fortnox's and Severa's)
          --seed N           the sample data's seed (default 1)
          --sandbox MODE     where the emulators run: in-process (default) or process (a child
                             `brygga sandbox serve --severa-only --no-rate-limits`, reached over
                             loopback HTTP through URLSessionTransport, so peak RSS is Brygga's own)
          --brygga PATH      the brygga binary for --sandbox process (default: beside brygga-bench)
          --json             print the figures as one JSON object instead of the table
        """
    static let valueOptions: Set<String> = [
        "customers", "products", "batch-size", "concurrency", "in-flight", "seed", "sandbox", "brygga",
    ]
    static let flagOptions: Set<String> = ["json"]

    /// Where the emulators run.
    enum SandboxMode: Equatable {
        /// In this process, reached through `InProcessTransport`.
        case inProcess
        /// In a child `brygga sandbox serve` (the `brygga` binary at this path), reached over loopback HTTP.
        case process(brygga: String)
    }

    /// What the benchmark runs with.
    struct Settings {
        var customers: Int
        var products: Int
        var batchSize: Int
        var writeConcurrency: Int
        var inFlight: Int
        var seed: UInt64
        var json: Bool
        var sandbox: SandboxMode
    }

    /// The figures of one run.
    struct RunFigures {
        var name: String
        var seconds: Double
        /// CPU time of the whole process during the run (both cores), seconds.
        var cpuSeconds: Double
        var summary: RunSummary
        var fatal: String?
        var fortnox: EngineBenchmarkTraffic.Counts
        var severa: EngineBenchmarkTraffic.Counts
        /// The peak resident size during the run (`ru_maxrss`, reset before it), KiB.
        var peakKiB: Int
        /// The resident size after the run, freed memory handed back (`malloc_trim`), KiB.
        var afterKiB: Int

        /// Records created, updated or linked.
        var transferred: Int { summary.created + summary.updated + summary.linked }
    }

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let defaults = EngineConfiguration()
        let settings = Settings(
            customers: try options.integer("customers", default: 100_000, range: 0...1_000_000),
            products: try options.integer("products", default: 20_000, range: 0...1_000_000),
            batchSize: try options.integer("batch-size", default: defaults.batchSize, range: 1...100_000),
            writeConcurrency: try options.integer("concurrency", default: defaults.writeConcurrency, range: 1...64),
            inFlight: try options.integer("in-flight", default: 4, range: 1...64),
            seed: UInt64(try options.integer("seed", default: 1, range: 0...Int.max)),
            json: options.flag("json"), sandbox: try sandboxMode(options))
        if !settings.json {
            print(
                "seeding \(settings.customers) customers and \(settings.products) products into the Severa emulator"
                    + (settings.sandbox == .inProcess ? " …" : " in a child brygga sandbox serve …"))
        }
        let rig = try EngineBenchmarkRig(settings: settings)
        defer { rig.tearDown() }
        let seeded = EngineBenchmarkMemory.trimmedResidentKiB()
        _ = rig.fortnoxTraffic.take()
        _ = rig.severaTraffic.take()

        var runs: [RunFigures] = []
        for (index, name) in ["first run", "second run", "no-op run"].enumerated() {
            if index > 0 { rig.clock.advance(by: 600) }
            runs.append(try measure(name, rig))
            if let fatal = runs[index].fatal { throw .failed("the \(name) stopped: \(fatal)") }
        }
        let report = EngineBenchmarkReport(
            settings: settings, summary: rig.summary, seedingSeconds: rig.seedingSeconds, seededKiB: seeded, runs: runs)
        print(settings.json ? report.json : report.table)
    }

    /// The `--sandbox` and `--brygga` options.
    private static func sandboxMode(_ options: BenchmarkOptions) throws(BenchmarkError) -> SandboxMode {
        switch options.text("sandbox") ?? "in-process" {
        case "in-process":
            if options.text("brygga") != nil { throw .usage("--brygga needs --sandbox process") }
            return .inProcess
        case "process":
            if let path = options.text("brygga") { return .process(brygga: path) }
            guard let bench = Bundle.main.executableURL else {
                throw .usage("cannot tell where brygga-bench is; give --brygga PATH")
            }
            return .process(brygga: bench.deletingLastPathComponent().appending(path: "brygga").path)
        case let other:
            throw .usage("--sandbox must be in-process or process, got \"\(other)\"")
        }
    }

    /// Runs the engine once and collects its figures.
    private static func measure(_ name: String, _ rig: EngineBenchmarkRig) throws(BenchmarkError) -> RunFigures {
        EngineBenchmarkMemory.resetPeak()
        let engine = rig.engine
        let cpu = EngineBenchmarkMemory.cpuSeconds()
        let started = ContinuousClock.now
        let result = try ConnectorsBenchmark.wait { await engine.run() }
        let seconds = (ContinuousClock.now - started).timeInterval
        return RunFigures(
            name: name, seconds: seconds, cpuSeconds: EngineBenchmarkMemory.cpuSeconds() - cpu, summary: result.summary,
            fatal: result.fatal?.description,
            fortnox: rig.fortnoxTraffic.take(), severa: rig.severaTraffic.take(),
            peakKiB: EngineBenchmarkMemory.peakKiB(), afterKiB: EngineBenchmarkMemory.trimmedResidentKiB())
    }
}
