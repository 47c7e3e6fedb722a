import Foundation
import JSONSupport
import Sandbox
import SyncCore

/// The figures of `brygga-bench engine` as a table or as JSON.
struct EngineBenchmarkReport {
    let settings: EngineBenchmark.Settings
    /// What was seeded (in-process only: a child prints its own summary).
    let summary: SampleDataSummary?
    /// Seeding time (in-process), or the child's time from its start to ready (seeding, mostly).
    let seedingSeconds: Double
    /// Resident size after seeding (in-process: both emulators and their data), KiB.
    let seededKiB: Int
    let runs: [EngineBenchmark.RunFigures]

    /// The entity types counted, in print order.
    static let entities = ["customer", "product", "unit", "project", "auth", "other"]

    /// The goals of issue 4: first-run rate, peak memory, no-op wall time and requests.
    var goals: [(goal: String, met: Bool)] {
        guard let first = runs.first, let noop = runs.last else { return [] }
        let maxRequests =
            [noop.fortnox, noop.severa].flatMap { counts in
                ["customer", "product", "project"].map { counts.byEntity[$0] ?? 0 }
            }.max() ?? 0
        return [
            ("first run ≥ 20,000 records/s", rate(first) >= 20_000),
            ("peak RSS during the first run ≤ 300 MB", Double(first.peakKiB) * 1024 <= 300e6),
            ("no-op run ≤ 1 s", noop.seconds <= 1),
            ("no-op run ≤ 2 requests per entity type per side (got at most \(maxRequests))", maxRequests <= 2),
        ]
    }

    func rate(_ run: EngineBenchmark.RunFigures) -> Double {
        Double(run.transferred) / max(run.seconds, 0.000_001)
    }

    /// Where the emulators ran, for the header and the footnote.
    private var inProcess: Bool { settings.sandbox == .inProcess }

    /// The header line naming what was seeded.
    private var seededLine: String {
        guard let summary else {
            return "engine: \(settings.customers) customers and \(settings.products) products seeded into Severa "
                + "(seed \(settings.seed), Severa only) by a child brygga sandbox serve, which holds both emulators"
        }
        let severa = summary.severa
        return "engine: \(severa.customers) customers with \(severa.addresses) addresses and "
            + "\(severa.products + severa.workTypes + severa.travelExpenseTypes) products in Severa; Fortnox has "
            + "only \(summary.fortnox.units) units, \(summary.fortnox.costCenters) cost centers and "
            + "\(summary.fortnox.suppliers) suppliers"
    }

    var table: String {
        var lines = [
            "",
            seededLine,
            (inProcess ? "  in-process" : "  child process over loopback HTTP (URLSessionTransport)")
                + ", rate limits off, SQLite state store in a temporary directory; batch size "
                + "\(settings.batchSize), write concurrency \(settings.writeConcurrency), \(settings.inFlight) in "
                + "flight per connector",
            (inProcess ? "  seeding took " : "  the child took ") + "\(format(seedingSeconds, 2)) s "
                + (inProcess ? "" : "to seed and listen ") + "(not measured); resident after seeding "
                + "\(EngineBenchmarkMemory.mib(seededKiB)); \(machine)",
            "",
            "| run | wall | CPU | transferred | records/s | created | updated | linked | skipped | failed | Severa req "
                + "| Fortnox req | peak RSS | RSS after |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for run in runs {
            let summary = run.summary
            lines.append(
                "| \(run.name) | \(format(run.seconds, 3)) s | \(format(run.cpuSeconds, 2)) s | \(run.transferred) | \(format(rate(run), 0)) | "
                    + "\(summary.created) | \(summary.updated) | \(summary.linked) | \(summary.skipped) | "
                    + "\(summary.failed) | \(run.severa.total) | \(run.fortnox.total) | "
                    + "\(EngineBenchmarkMemory.mib(run.peakKiB)) | \(EngineBenchmarkMemory.mib(run.afterKiB)) |")
        }
        lines += [
            "", "requests per entity type and side:", "",
            "| run | side | " + Self.entities.joined(separator: " | ") + " |",
            "|---|---|" + String(repeating: "---|", count: Self.entities.count),
        ]
        for run in runs {
            for (side, counts) in [("Severa", run.severa), ("Fortnox", run.fortnox)] {
                let cells = Self.entities.map { String(counts.byEntity[$0] ?? 0) }
                lines.append("| \(run.name) | \(side) | " + cells.joined(separator: " | ") + " |")
            }
        }
        if let noop = runs.last {
            lines += ["", "\(noop.name), requests by route:"]
            for (side, counts) in [("Severa", noop.severa), ("Fortnox", noop.fortnox)] {
                for (route, count) in counts.byRoute.sorted(by: { $0.key < $1.key }) {
                    lines.append("  \(side.padding(toLength: 8, withPad: " ", startingAt: 0))\(route): \(count)")
                }
            }
        }
        lines += [
            "",
            "peak RSS: getrusage ru_maxrss, reset before each run (/proc/self/clear_refs); RSS after: "
                + "VmRSS after malloc_trim, i.e. what stays "
                + (inProcess
                    ? "(both emulators' records included)" : "(this process only: the emulators are in the child)"),
            "",
            "goals:",
        ]
        lines += goals.map { "  [\($0.met ? "met" : "MISSED")] \($0.goal)" }
        return lines.joined(separator: "\n")
    }

    var json: String {
        func counts(_ counts: EngineBenchmarkTraffic.Counts) -> JSONValue {
            .object(counts.byEntity.mapValues { .number(JSONNumber($0)) })
        }
        let runValues: [JSONValue] = runs.map { run in
            [
                "name": .string(run.name),
                "seconds": .number(JSONNumber(literal: format(run.seconds, 4)) ?? JSONNumber(0)),
                "cpuSeconds": .number(JSONNumber(literal: format(run.cpuSeconds, 3)) ?? JSONNumber(0)),
                "transferred": .number(JSONNumber(run.transferred)),
                "recordsPerSecond": .number(JSONNumber(Int(rate(run).rounded()))),
                "created": .number(JSONNumber(run.summary.created)),
                "updated": .number(JSONNumber(run.summary.updated)),
                "linked": .number(JSONNumber(run.summary.linked)),
                "skipped": .number(JSONNumber(run.summary.skipped)),
                "failed": .number(JSONNumber(run.summary.failed)),
                "peakRSSKiB": .number(JSONNumber(run.peakKiB)),
                "afterRSSKiB": .number(JSONNumber(run.afterKiB)),
                "severaRequests": counts(run.severa), "fortnoxRequests": counts(run.fortnox),
            ]
        }
        var members: [String: JSONValue] = [
            "sandbox": .string(inProcess ? "in-process" : "process"),
            "customers": .number(JSONNumber(summary?.severa.customers ?? settings.customers)),
            "products": .number(
                JSONNumber(
                    summary.map { $0.severa.products + $0.severa.workTypes + $0.severa.travelExpenseTypes }
                        ?? settings.products)),
            "batchSize": .number(JSONNumber(settings.batchSize)),
            "writeConcurrency": .number(JSONNumber(settings.writeConcurrency)),
            "inFlight": .number(JSONNumber(settings.inFlight)),
            "seedingSeconds": .number(JSONNumber(literal: format(seedingSeconds, 3)) ?? JSONNumber(0)),
            "seededRSSKiB": .number(JSONNumber(seededKiB)),
            "runs": .array(runValues),
            "goals": .array(goals.map { ["goal": .string($0.goal), "met": .bool($0.met)] }),
        ]
        if let summary { members["addresses"] = .number(JSONNumber(summary.severa.addresses)) }
        return JSONSerializer.string(.object(members))
    }

    private var machine: String {
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        return "\(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average \(load)"
    }

    private func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
