import Foundation
import JSONSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `brygga-bench requests`: the real `brygga` binary against `brygga sandbox serve` with its request
/// log, scenario by scenario, printing Fortnox and Severa requests by method and path and the ratios
/// of issue 11 (docs/PERFORMANCE.md).
///
/// Runs are a minute apart on the sandbox's clock (`--clock-control`), as cron runs them, without
/// waiting. The counting scenarios run with both APIs' limits off (counts do not depend on them); the
/// back-to-back scenario runs a smaller first sync at the real limits and counts 429s.
enum RequestsBenchmark: Benchmark {
    static let name = "requests"
    static let summary = "Counts the requests of first, incremental, no-op and back-to-back runs of the real CLI"
    static let optionsHelp = """
          --customers N         Severa customers of the counting scenarios (default 500)
          --products N          Severa products of the counting scenarios (default 100)
          --limit-customers N   customers of the back-to-back scenario at the real limits (default 100)
          --limit-products N    products of the back-to-back scenario at the real limits (default 20)
          --brygga PATH         the brygga binary (default: beside brygga-bench); serves the sandbox
          --runs-by PATH        the brygga binary whose commands are counted (default: --brygga), e.g.
                                an earlier build's, to compare before and after
        """
    static let valueOptions: Set<String> = [
        "customers", "products", "limit-customers", "limit-products", "brygga", "runs-by",
    ]

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let customers = try options.integer("customers", default: 500, range: 10...100_000)
        let products = try options.integer("products", default: 100, range: 10...100_000)
        let limitCustomers = try options.integer("limit-customers", default: 100, range: 1...100_000)
        let limitProducts = try options.integer("limit-products", default: 20, range: 1...100_000)
        let brygga = try bryggaBinary(options)
        let runner = options.text("runs-by") ?? brygga
        let directory = FileManager.default.temporaryDirectory.appending(path: "brygga-requests-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        print("requests: \(customers) customers + \(products) products in Severa, Fortnox empty; runs a minute apart")
        try counting(
            brygga: brygga, runner: runner, directory: directory.appending(path: "counting"), customers: customers,
            products: products)
        try pendingFailures(brygga: brygga, runner: runner, directory: directory.appending(path: "failing"))
        try backToBack(
            brygga: brygga, runner: runner, directory: directory.appending(path: "limits"), customers: limitCustomers,
            products: limitProducts)
    }

    /// First sync, incremental pair, no-op run.
    private static func counting(
        brygga: String, runner: String, directory: URL, customers: Int, products: Int
    ) throws(BenchmarkError) {
        let rig = try RequestsBenchmarkRig(
            brygga: brygga, runner: runner, directory: directory, customers: customers, products: products,
            realLimits: false)
        defer { rig.stop() }
        var first: [RequestLogTally] = []
        try rig.brygga(bootstrap)
        first.append(rig.requests())
        for _ in 1...6 {
            try rig.advanceClock(by: 60)
            try rig.brygga(["run"])
            let run = rig.requests()
            first.append(run)
            if RequestLogTally.writes(run.requests).isEmpty { break }
        }
        report("first sync (bootstrap + \(first.count - 1) runs until one writes nothing)", first, first: "bootstrap")
        let all = first.flatMap(\.requests)
        let fortnox = all.filter { $0.api == "fortnox" }
        let writes = RequestLogTally.writes(fortnox)
        let records = Set(writes.compactMap(\.record)).count
        print(
            "  ratio: Fortnox requests / (writes + one read per written record) = \(fortnox.count) / "
                + "(\(writes.count) + \(records)) = \(ratio(fortnox.count, writes.count + records))  (goal ≤ 1.05)")

        // Settle (uncounted): runs until one reads nothing but listings, so the pair counts its own changes.
        for _ in 1...6 {
            try rig.advanceClock(by: 60)
            try rig.brygga(["run"])
            let fortnox = rig.requests().of("fortnox")
            if fortnox.count == RequestLogTally.listings(fortnox).count { break }
        }
        let changeCount = 0.01
        let edited = try RequestsBenchmarkEdits.apply(
            configuration: rig.configuration.path, rig: rig,
            customers: max(1, Int((Double(customers) * changeCount).rounded())),
            products: max(1, Int((Double(products) * changeCount).rounded())))
        _ = rig.requests()
        var pair: [RequestLogTally] = []
        for _ in 1...2 {
            try rig.advanceClock(by: 60)
            try rig.brygga(["run"])
            pair.append(rig.requests())
        }
        report("incremental pair (\(edited) records changed, half on each side)", pair)
        let pairFortnox = pair.flatMap(\.requests).filter { $0.api == "fortnox" }
        let listings = RequestLogTally.listings(pairFortnox).count
        print(
            "  per change: (Fortnox requests − listings) / changes = (\(pairFortnox.count) − \(listings)) / \(edited) = "
                + "\(ratio(pairFortnox.count - listings, edited))  (goal ≤ 2)")

        try rig.advanceClock(by: 60)
        try rig.brygga(["run"])
        let noop = rig.requests()
        report("no-op run", [noop])
        let noopFortnox = noop.of("fortnox")
        print(
            "  Fortnox requests that are not listings: \(noopFortnox.count - RequestLogTally.listings(noopFortnox).count)"
                + "  (goal 0)")
    }

    /// A run with 10 products pending that fail on every run: every Severa unit is mapped to a Fortnox
    /// unit that does not exist (R1.3), so no product can be transferred.
    private static func pendingFailures(brygga: String, runner: String, directory: URL) throws(BenchmarkError) {
        let spellings: [JSONValue] = [
            "st", "st.", "styck", "stk", "pcs", "pc", "kpl", "h", "tim", "timme", "timmar", "t", "hour", "hours", "dag",
            "dagar", "d", "day", "days", "pv", "km", "kilometer", "kg", "kilo", "förp", "förpackning", "pkt", "utl",
            "utlägg",
        ]
        var units: [String: JSONValue] = ["zz": ["severaName": "zz", "aliases": .array(spellings)]]
        for code in ["st", "h", "dag", "km", "kg", "förp", "utl"] { units[code] = .null }
        let rig = try RequestsBenchmarkRig(
            brygga: brygga, runner: runner, directory: directory, customers: 10, products: 10, realLimits: false,
            mappings: ["version": 1, "units": .object(units)])
        defer { rig.stop() }
        try rig.brygga(bootstrap)
        _ = rig.requests()
        for _ in 1...2 {
            try rig.advanceClock(by: 60)
            try rig.brygga(["run"])
        }
        _ = rig.requests()
        try rig.advanceClock(by: 60)
        let status = try rig.brygga(["status"])
        _ = rig.requests()
        try rig.brygga(["run"])
        let run = rig.requests()
        let pending = status.split(separator: "\n").filter { $0.localizedCaseInsensitiveContains("pending") }
        report(
            "a run with the failing products pending (\(pending.first.map(String.init) ?? "see brygga status"))", [run])
        let fortnox = run.of("fortnox")
        print(
            "  Fortnox requests that are not listings: \(fortnox.count - RequestLogTally.listings(fortnox).count)"
                + "  (goal 0)")
    }

    /// A first sync at the real limits with the runs started back to back.
    private static func backToBack(
        brygga: String, runner: String, directory: URL, customers: Int, products: Int
    ) throws(BenchmarkError) {
        let rig = try RequestsBenchmarkRig(
            brygga: brygga, runner: runner, directory: directory, customers: customers, products: products,
            realLimits: true)
        defer { rig.stop() }
        var runs: [RequestLogTally] = []
        try rig.brygga(bootstrap)
        runs.append(rig.requests())
        for _ in 1...3 {
            try rig.brygga(["run"])
            runs.append(rig.requests())
        }
        report(
            "back to back at the real limits (\(customers) customers + \(products) products: bootstrap + 3 runs)", runs,
            first: "bootstrap")
        let fortnox = runs.flatMap(\.requests).filter { $0.api == "fortnox" }
        let tooMany = runs.flatMap(\.requests).filter { $0.status == 429 }
        print("  429 answers: \(tooMany.count) (Fortnox \(tooMany.filter { $0.api == "fortnox" }.count))  (goal 0)")
        let writes = RequestLogTally.writes(fortnox)
        if let start = fortnox.first?.time, let end = writes.last?.time {
            let seconds = end.timeIntervalSince(start)
            let ideal = Double(writes.count) / 5
            print(
                "  first Fortnox request to last Fortnox write: \(String(format: "%.1f", seconds)) s for "
                    + "\(writes.count) writes; ÷ (writes ÷ 5 per s) = \(String(format: "%.2f", seconds / ideal))  "
                    + "(goal ≤ 1.10)")
        }
    }

    private static let bootstrap = ["bootstrap", "customers", "--from", "severa"]

    /// Prints each stretch's totals (the first named `first`, the others numbered runs) and the
    /// requests of all of them by method and path.
    private static func report(_ title: String, _ stretches: [RequestLogTally], first: String? = nil) {
        print("\n\(title)")
        for (index, stretch) in stretches.enumerated() {
            let fortnox = stretch.of("fortnox")
            let name = first.map { index == 0 ? $0 : "run \(index)" } ?? "run \(index + 1)"
            print(
                "  \(name): Fortnox \(fortnox.count) (\(RequestLogTally.writes(fortnox).count) writes, "
                    + "\(fortnox.filter { $0.status == 429 }.count) × 429), Severa \(stretch.of("severa").count)")
        }
        var merged = RequestLogTally(Data())
        merged.append(stretches)
        for line in merged.lines() { print(line) }
    }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> String {
        denominator == 0 ? "n/a" : String(format: "%.2f", Double(numerator) / Double(denominator))
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
