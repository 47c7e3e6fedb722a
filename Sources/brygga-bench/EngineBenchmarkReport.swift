import Foundation
import JSONSupport
import Sandbox
import SyncCore

/// The figures of `brygga-bench engine` as a table or as JSON.
struct EngineBenchmarkReport {
    let settings: EngineBenchmark.Settings
    let summary: SampleDataSummary
    let seedingSeconds: Double
    /// Resident size after seeding (both emulators and their data), KiB.
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

    var table: String {
        let severa = summary.severa
        var lines = [
            "",
            "engine: \(severa.customers) customers with \(severa.addresses) addresses and "
                + "\(severa.products + severa.workTypes + severa.travelExpenseTypes) products in Severa; Fortnox has "
                + "only \(summary.fortnox.units) units, \(summary.fortnox.costCenters) cost centers and "
                + "\(summary.fortnox.suppliers) suppliers",
            "  in-process, rate limits off, SQLite state store in a temporary directory; batch size "
                + "\(settings.batchSize), write concurrency \(settings.writeConcurrency), \(settings.inFlight) in "
                + "flight per connector",
            "  seeding took \(format(seedingSeconds, 2)) s (not measured); resident after seeding "
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
                + "VmRSS after malloc_trim, i.e. what stays (both emulators' records included)",
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
        let value: JSONValue = [
            "customers": .number(JSONNumber(summary.severa.customers)),
            "addresses": .number(JSONNumber(summary.severa.addresses)),
            "products": .number(
                JSONNumber(summary.severa.products + summary.severa.workTypes + summary.severa.travelExpenseTypes)),
            "batchSize": .number(JSONNumber(settings.batchSize)),
            "writeConcurrency": .number(JSONNumber(settings.writeConcurrency)),
            "inFlight": .number(JSONNumber(settings.inFlight)),
            "seedingSeconds": .number(JSONNumber(literal: format(seedingSeconds, 3)) ?? JSONNumber(0)),
            "seededRSSKiB": .number(JSONNumber(seededKiB)),
            "runs": .array(runValues),
            "goals": .array(goals.map { ["goal": .string($0.goal), "met": .bool($0.met)] }),
        ]
        return JSONSerializer.string(value)
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
