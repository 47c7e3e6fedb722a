import Foundation

/// `brygga-bench invoices`: the invoice flow (R4) through the real connectors and engine against both
/// emulators in this process.
///
/// - **throughput**: many invoices with rate limits off: invoices per second and requests per invoice
///   (goals: Fortnox ≤ 1.05, the create; Severa ≤ 3, the rows and the status move);
/// - **limits**: 100 invoices at both APIs' real limits (Fortnox 25 per 5 s, Severa 10 per s, enforced
///   by the emulators and kept by the clients), in real time, against the ideal: the slower of
///   Fortnox's requests ÷ 5/s and Severa's ÷ 10/s (goal ≤ 1.10 × that).
///
/// Before each measured run a first run transfers the invoices' customers, projects and products; the
/// measured run has the invoice flow alone.
enum InvoicesBenchmark: Benchmark {
    static let name = "invoices"
    static let summary = "the invoice flow: invoices/s and requests per invoice, and 100 invoices at the real limits"
    static let optionsHelp = """
          --invoices N       invoices of the throughput section (default 2000)
          --rows N           rows per invoice (default 5)
          --limited N        invoices of the limits section (default 100)
          --section NAME     throughput, limits or all (default all)
        """
    static let valueOptions: Set<String> = ["invoices", "rows", "limited", "section"]

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let invoices = try options.integer("invoices", default: 2_000, range: 1...100_000)
        let rows = try options.integer("rows", default: 5, range: 1...50)
        let limited = try options.integer("limited", default: 100, range: 1...10_000)
        let section = options.text("section") ?? "all"
        guard ["throughput", "limits", "all"].contains(section) else {
            throw .usage("--section must be throughput, limits or all, got \"\(section)\"")
        }
        print("brygga-bench invoices: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        if section != "limits" {
            let rig = try InvoicesBenchmarkRig(rateLimits: false)
            defer { rig.tearDown() }
            let figures = try rig.measure(invoices: invoices, rows: rows)
            print("")
            print("throughput: \(invoices) invoices of \(rows) rows, rate limits off, in-process emulators")
            report(figures, expected: invoices)
            print(String(format: "  invoices per second   %.0f", Double(figures.invoices) / max(figures.seconds, 1e-9)))
        }
        if section != "throughput" {
            let rig = try InvoicesBenchmarkRig(rateLimits: true)
            defer { rig.tearDown() }
            let figures = try rig.measure(invoices: limited, rows: rows)
            let ideal = max(Double(figures.fortnox.total) / 5, Double(figures.severa.total) / 10)
            print("")
            print(
                "limits: \(limited) invoices of \(rows) rows at Fortnox's 25 per 5 s and Severa's 10 per s, real time")
            report(figures, expected: limited)
            print(
                String(
                    format: "  ideal                 %.1f s (the slower of Fortnox %d ÷ 5/s and Severa %d ÷ 10/s)",
                    ideal,
                    figures.fortnox.total, figures.severa.total))
            print(String(format: "  measured / ideal      %.2f  (goal ≤ 1.10)", figures.seconds / max(ideal, 1e-9)))
        }
    }

    private static func report(_ figures: InvoicesBenchmarkRig.Figures, expected: Int) {
        let count = Double(max(figures.invoices, 1))
        print(
            String(format: "  run                   %.2f s, %d invoices transferred", figures.seconds, figures.invoices)
        )
        if figures.invoices != expected || figures.fatal != nil {
            print("  NOTE                  expected \(expected); \(figures.fatal ?? "") \(figures.summary)")
        }
        print(
            String(
                format: "  Fortnox requests      %d, %.3f per invoice (goal ≤ 1.05)", figures.fortnox.total,
                Double(figures.fortnox.total) / count))
        print(
            String(
                format: "  Severa requests       %d, %.3f per invoice (goal ≤ 3)", figures.severa.total,
                Double(figures.severa.total) / count))
        for (route, requests)
            in (figures.fortnox.byRoute.map { ("Fortnox \($0.key)", $0.value) }
            + figures.severa.byRoute.map { ("Severa \($0.key)", $0.value) }).sorted(by: { $0.0 < $1.0 })
        {
            print("    \(route.padding(toLength: 48, withPad: " ", startingAt: 0)) \(requests)")
        }
    }
}
