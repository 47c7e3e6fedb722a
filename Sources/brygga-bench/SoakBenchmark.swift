import FortnoxSandbox
import Foundation
import HTTPSupport
import Sandbox
import SandboxKit
import SyncCore

#if canImport(Glibc)
    import Glibc
#endif

/// `brygga-bench soak`: N `brygga run` processes killed at random moments while the sandbox loses
/// answers and injects 5xx and 429 bursts, new records fed on both sides before every run, then clean
/// runs without faults, then a count of duplicates, losses and open intents (O3, R4.4, R5.4).
///
/// The kill delays and the fault plan come from one seed, printed first, so a failing soak can be
/// rerun with `--seed`. Which moment a kill hits still depends on the machine's speed.
enum SoakBenchmark: Benchmark {
    static let name = "soak"
    static let summary =
        "Kills N runs at random moments under injected faults while records are fed; counts duplicates and losses"
    static let optionsHelp = """
          --runs N           runs killed (or finished) under faults (default 50)
          --seed N           seed of the kill delays and the faults (default: from the clock, printed)
          --max-delay MS     longest time a run lives before SIGKILL, milliseconds (default 8000)
          --brygga PATH      the brygga binary (default: beside brygga-bench)
          --cancel-pending   between runs, cancel (or book and credit, every other one) in Fortnox each
                             invoice whose Severa status move is still pending (R4.4: the next run must
                             hold it back or send it again, never move it on)
          --faults SPEC      the fault plan of the killed runs instead of the default one (the syntax of
                             brygga sandbox serve --faults; the default is printed first)
          --keep             keep the directory with brygga.json and state.sqlite (printed)
        """
    static let valueOptions: Set<String> = ["runs", "seed", "max-delay", "brygga", "faults"]
    static let flagOptions: Set<String> = ["keep", "cancel-pending"]

    /// The faults of the killed runs: lost answers to writes on both APIs, 5xx answers and 429 bursts
    /// (Retry-After 1 s) on every request.
    static func faultSpec(seed: UInt64) -> String {
        """
        seed=\(seed)
        POST|PUT|PATCH /3/*: lost-response=0.08
        POST|PUT|PATCH /rest-api/*: lost-response=0.08
        * /3/*: 5xx=0.02, burst429=0.01x3, retry-after=1
        * /rest-api/*: 5xx=0.02, burst429=0.01x3, retry-after=1
        """
    }

    /// The most clean runs tried before the soak gives up waiting for one that writes nothing.
    static let maximumCleanRuns = 6

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let runs = try options.integer("runs", default: 50, range: 1...100_000)
        let maxDelay = try options.integer("max-delay", default: 8000, range: 50...600_000)
        let seed: UInt64
        if let text = options.text("seed") {
            guard let value = UInt64(text) else { throw .usage("--seed must be a whole number, not \"\(text)\"") }
            seed = value
        } else {
            seed = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
        }
        let spec = options.text("faults") ?? faultSpec(seed: seed)
        let plan: FaultPlan
        do {
            plan = try FaultPlan.parse(spec)
        } catch {
            throw .usage("--faults: \(error)")
        }
        let started = ContinuousClock.now
        let sample = SampleDataGenerator(seed: 5, size: .small)
        let rig = try SoakRig(brygga: try bryggaBinary(options), sample: sample)
        let keep = options.flag("keep")
        defer { rig.tearDown(keep: keep) }
        print("soak: seed \(seed), \(runs) runs, kills within 0.05…\(Double(maxDelay) / 1000) s; faults:")
        for line in spec.split(separator: "\n") { print("  \(line)") }
        try rig.authorize()
        let before = rig.census()
        let feed: SampleFeed
        do {
            feed = try SampleFeed(continuing: sample, severa: rig.sandbox.severa)
        } catch {
            throw .failed("cannot prepare the feed: \(error)")
        }
        rig.sandbox.injectFaults(plan)

        var random = SeededGenerator(seed: seed)
        var fed: [FedRecord] = []
        var statuses: [Int32: Int] = [:]
        var killed = 0
        var cancelled: Set<String> = []
        var finishedSeconds: [Double] = []
        for batch in 0..<runs {
            do {
                fed += try feed.feed(batch: batch, fortnox: rig.sandbox.fortnox, severa: rig.sandbox.severa)
            } catch {
                throw .failed("feeding batch \(batch) failed: \(error)")
            }
            let delay = Int.random(in: 50...maxDelay, using: &random)
            let runStarted = ContinuousClock.now
            let outcome = try rig.brygga(["run"], killAfter: .milliseconds(delay))
            if outcome.killed {
                killed += 1
            } else {
                statuses[outcome.status, default: 0] += 1
                finishedSeconds.append((ContinuousClock.now - runStarted).timeInterval)
            }
            if options.flag("cancel-pending") {
                cancelled.formUnion(try cancelPendingInvoices(rig, fed: fed, alreadyCancelled: cancelled.count))
            }
        }
        print(
            "soak: \(runs) runs under faults: \(killed) killed, finished "
                + statuses.sorted { $0.key < $1.key }.map { "\($0.value)× exit \($0.key)" }.joined(separator: ", ")
                + (finishedSeconds.isEmpty
                    ? "" : String(format: " (in %.1f…%.1f s)", finishedSeconds.min() ?? 0, finishedSeconds.max() ?? 0)))

        if options.flag("cancel-pending") {
            print(
                "soak: cancelled or credited in Fortnox \(cancelled.count) invoices whose Severa status move was pending"
            )
        }
        // What the killed runs got across themselves, before any clean run helped.
        let underFaults = SoakTally(
            fed: fed, before: before, after: rig.census(), triggerStatus: SoakRig.triggerStatus)
        rig.sandbox.injectFaults(nil)
        let clean = try cleanRuns(rig)
        let after = rig.census()
        let tally = SoakTally(
            fed: fed, before: before, after: after, triggerStatus: SoakRig.triggerStatus, voided: cancelled)
        let open = try rig.openWork()
        var unexplained: [String] = []
        for line in tally.lines {
            let entities: [SandboxCensus.Kind: EntityKind] = [
                .product: .product, .project: .project, .invoice: .invoice,
            ]
            let entity = entities[line.kind] ?? .customer
            for label in line.heldBack {
                let key = String(label.prefix { $0 != " " })
                if try !rig.heldBackWithReason(entity, key: key) {
                    unexplained.append("\(line.kind.rawValue) \(label)")
                }
            }
        }
        print(
            "soak: \(try rig.adoptions()) records adopted after a kill or a lost answer (found, linked, not created again)"
        )
        print(report(tally, underFaults: underFaults, cleanRuns: clean, open: open, unexplained: unexplained))
        if keep { print("soak: kept \(rig.directory.path)") }
        print(String(format: "soak: %.1f s", (ContinuousClock.now - started).timeInterval))
        // An invoice voided before its move and held back keeps waiting for it, by design (R4.4).
        let heldVoided = tally.lines.first { $0.kind == .invoice }?.heldBack.count ?? 0
        let failures =
            tally.duplicateCount + tally.lossCount + open.intents.count + max(0, open.awaitingStatusMove - heldVoided)
            + unexplained.count
        if failures > 0 || clean.last?.wroteNothing != true {
            throw .failed(
                "\(tally.duplicateCount) duplicates, \(tally.lossCount) losses, \(open.intents.count) open intents")
        }
    }

    /// The accountant cancels in Fortnox the live invoices of fed Severa invoices still in the trigger
    /// status (created by a run that was killed, or lost an answer, before the status move), or books
    /// and credits every other one. Returns their Severa guids.
    private static func cancelPendingInvoices(_ rig: SoakRig, fed: [FedRecord], alreadyCancelled: Int)
        throws(BenchmarkError) -> Set<String>
    {
        let census = rig.census()
        var cancelled: Set<String> = []
        for record in fed where record.kind == .invoice {
            guard census.severaInvoiceStatuses[record.key] == SoakRig.triggerStatus,
                let numbers = census.liveInvoiceNumbers[record.key]
            else { continue }
            // Every other one is booked and credited instead of cancelled.
            let actions = (alreadyCancelled + cancelled.count) % 2 == 0 ? ["cancel"] : ["bookkeep", "credit"]
            for number in numbers {
                for action in actions {
                    do {
                        try rig.sandbox.fortnox.seedAction(action, on: .invoices, key: number)
                    } catch {
                        throw .failed("\(action) of Fortnox invoice \(number) failed: \(error)")
                    }
                }
            }
            cancelled.insert(record.key)
        }
        return cancelled
    }

    /// One clean run: its exit status and whether it changed nothing in either system.
    struct CleanRun {
        var status: Int32
        var wroteNothing: Bool
        var lastError: String
    }

    /// Runs without faults until a run writes nothing (at most ``maximumCleanRuns``).
    private static func cleanRuns(_ rig: SoakRig) throws(BenchmarkError) -> [CleanRun] {
        var runs: [CleanRun] = []
        while runs.count < maximumCleanRuns {
            let before = rig.records()
            let outcome = try rig.brygga(["run"])
            let wroteNothing = rig.records() == before
            runs.append(CleanRun(status: outcome.status, wroteNothing: wroteNothing, lastError: outcome.lastError))
            if wroteNothing { break }
        }
        return runs
    }

    /// The table the soak prints.
    static func report(
        _ tally: SoakTally, underFaults: SoakTally, cleanRuns: [CleanRun],
        open: (intents: [WriteIntent], awaitingStatusMove: Int),
        unexplained: [String]
    ) -> String {
        var lines: [String] = []
        lines.append(
            "soak: clean runs without faults until one wrote nothing: "
                + cleanRuns.map { "exit \($0.status)\($0.wroteNothing ? " (wrote nothing)" : "")" }.joined(
                    separator: ", "))
        if let last = cleanRuns.last, last.status != 0, !last.lastError.isEmpty {
            lines.append("  the last clean run said: \(last.lastError)")
        }
        lines.append("")
        lines.append(
            "| kind | fed | arrived under faults | arrived in the end | held back | missing | not moved on "
                + "| duplicates |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for (line, early) in zip(tally.lines, underFaults.lines) {
            let notMoved = line.kind == .invoice ? String(line.notMoved.count) : "–"
            lines.append(
                "| \(line.kind.rawValue) | \(line.fed) | \(early.arrived) | \(line.arrived) | \(line.heldBack.count) | "
                    + "\(line.missing.count) | \(notMoved) | \(line.duplicates.count) |")
        }
        lines.append("")
        lines.append(
            "duplicates \(tally.duplicateCount), losses \(tally.lossCount), open intents \(open.intents.count), "
                + "invoices awaiting their status move \(open.awaitingStatusMove) (voided before it and held back: "
                + "\(tally.lines.first { $0.kind == .invoice }?.heldBack.count ?? 0)), held back without a reason "
                + "\(unexplained.count)")
        for line in tally.lines {
            for item in (line.missing + line.notMoved).prefix(10) {
                lines.append("  missing \(line.kind.rawValue) \(item)")
            }
            for item in line.duplicates.prefix(10) { lines.append("  duplicate \(line.kind.rawValue) \(item)") }
        }
        for intent in open.intents.prefix(10) { lines.append("  open intent \(intent)") }
        for item in unexplained.prefix(10) { lines.append("  held back without a reason: \(item)") }
        return lines.joined(separator: "\n")
    }

    /// The `brygga` binary: `--brygga`, or the one beside this benchmark.
    private static func bryggaBinary(_ options: BenchmarkOptions) throws(BenchmarkError) -> String {
        if let path = options.text("brygga") { return path }
        guard let bench = Bundle.main.executableURL else {
            throw .usage("cannot tell where brygga-bench is; give --brygga PATH")
        }
        return bench.deletingLastPathComponent().appending(path: "brygga").path
    }
}
