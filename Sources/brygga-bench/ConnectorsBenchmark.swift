import Dispatch
import Foundation
import Synchronization

/// `brygga-bench connectors`: what the connectors achieve against their emulators over loopback
/// through `URLSessionTransport`: the request rate under the rate limit and the cost of a listing.
///
/// Each system's figures live in their own file (`ConnectorsBenchmark+Fortnox.swift`, …) and are
/// listed in ``sections``.
enum ConnectorsBenchmark: Benchmark {
    static let name = "connectors"
    static let summary = "connector request rate under the rate limit and listing cost, against the emulators"
    static let optionsHelp = """
          --requests N   requests in the Fortnox rate test (default 3000)
          --records N    records in the listing tests (default 10000 customers; Severa also as many products)
          --scale N      how much faster than real the Fortnox rate window runs (default 10: 25 per 0.5 s)
          --section S    run only section S: fortnox-rate, fortnox-listing or severa-listing (default: all)
        """
    static let valueOptions: Set<String> = ["requests", "records", "scale", "section"]

    /// The settings every section reads.
    struct Settings {
        /// Requests in the rate test.
        var requests: Int
        /// Records in the listing tests.
        var records: Int
        /// The time scale of the rate window.
        var scale: Int
    }

    /// The sections, run in order.
    static let sections: [(name: String, run: @Sendable (Settings) throws(BenchmarkError) -> Void)] = [
        (name: "Fortnox rate", run: fortnoxRate),
        (name: "Fortnox listing", run: fortnoxListing),
        (name: "Severa listing", run: severaListing),
    ]

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let settings = Settings(
            requests: try options.integer("requests", default: 3000, range: 100...1_000_000),
            records: try options.integer("records", default: 10_000, range: 1...1_000_000),
            scale: try options.integer("scale", default: 10, range: 1...100))
        let chosen = options.text("section")
        let names = sections.map { $0.name.lowercased().replacingOccurrences(of: " ", with: "-") }
        if let chosen, !names.contains(chosen) {
            throw .usage("--section must be one of \(names.joined(separator: ", ")), got \"\(chosen)\"")
        }
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average \(load) (client, "
                + "server and emulator share them)\n")
        for (section, name) in zip(sections, names) where chosen == nil || chosen == name {
            try section.run(settings)
            print("")
        }
    }

    /// Runs `body` on the concurrency pool and waits for it on this (non-pool) thread.
    static func wait<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws(BenchmarkError)
        -> Value
    {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Value, any Error>?>(nil)
        Task {
            let result: Result<Value, any Error>
            do {
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        switch outcome.withLock({ $0 }) {
        case .success(let value)?: return value
        case .failure(let error)?: throw .failed("\(error)")
        case nil: throw .failed("the benchmark task ended without a result")
        }
    }

    /// `value` with `digits` decimals.
    static func format(_ value: Double, _ digits: Int = 1) -> String {
        String(format: "%.\(digits)f", value)
    }
}
