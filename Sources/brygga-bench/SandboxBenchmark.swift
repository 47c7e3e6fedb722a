import Dispatch
import Foundation
import Glibc
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization

/// `brygga-bench sandbox`: requests per second and latency of ``LoopbackServer`` with keep-alive,
/// driven by raw-socket clients in threads of this process.
enum SandboxBenchmark: Benchmark {
    static let name = "sandbox"
    static let summary = "throughput and latency of the sandbox loopback HTTP server (keep-alive)"
    static let optionsHelp = """
          --seconds N       how long to measure (default 5)
          --connections N   keep-alive connections, one client thread each (default 4)
        """
    static let valueOptions: Set<String> = ["seconds", "connections"]

    /// Answers every request with the same small, realistic Fortnox customer document.
    private struct FixedCustomerHandler: SandboxRequestHandler {
        let response: HTTPResponse = .json(
            200,
            [
                "Customer": [
                    "@url": "https://api.fortnox.se/3/customers/1042", "Active": true, "Address1": "Storgatan 1",
                    "City": "Stockholm", "CountryCode": "SE", "Currency": "SEK", "CustomerNumber": "1042",
                    "Email": "faktura@exempel.se", "Name": "Exempel AB", "OrganisationNumber": "556677-8899",
                    "Phone1": "08-123 456 78", "VATType": "SEVAT", "ZipCode": "111 22",
                    "TermsOfPayment": "30", "Type": "COMPANY", "YourReference": "Anna Andersson",
                ]
            ])

        func handle(_ request: ServerRequest) -> HandlerResult { .respond(response) }
    }

    /// What one client thread measured.
    private struct ThreadResult: Sendable {
        var latencies: [UInt64] = []
        var errors = 0
    }

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let seconds = try options.integer("seconds", default: 5, range: 1...3600)
        let connections = try options.integer("connections", default: 4, range: 1...1000)
        let handler = FixedCustomerHandler()
        let server = LoopbackServer(
            name: "bench", handler: handler, configuration: .init(maximumConnections: max(256, connections)))
        let port: UInt16
        do { port = try server.start() } catch { throw .failed(error.description) }
        defer { server.stop() }
        let request = Array(
            ("GET /3/customers/1042 HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: application/json\r\n"
                + "Authorization: Bearer bench-token\r\nUser-Agent: brygga-bench\r\n\r\n").utf8)

        let results = Mutex<[ThreadResult]>([])
        let finished = DispatchGroup()
        let warmUpEnd = monotonicNanoseconds() + 300_000_000
        let end = warmUpEnd + UInt64(seconds) * 1_000_000_000
        for _ in 0..<connections {
            finished.enter()
            Thread {
                let result = drive(port: port, request: request, warmUpEnd: warmUpEnd, end: end)
                results.withLock { $0.append(result) }
                finished.leave()
            }.start()
        }
        finished.wait()
        let all = results.withLock { $0 }
        report(
            all, seconds: seconds, connections: connections, bodyBytes: handler.response.body.count)
    }

    /// Sends requests back to back until `end`, measuring those after `warmUpEnd`.
    private static func drive(port: UInt16, request: [UInt8], warmUpEnd: UInt64, end: UInt64) -> ThreadResult {
        let client = KeepAliveBenchClient(port: port, request: request)
        var result = ThreadResult()
        result.latencies.reserveCapacity(1 << 20)
        while true {
            let start = monotonicNanoseconds()
            if start >= end { return result }
            let status = client.exchange()
            let stop = monotonicNanoseconds()
            guard start >= warmUpEnd else { continue }
            if status == 200 {
                result.latencies.append(stop - start)
            } else {
                result.errors += 1
            }
        }
    }

    private static func report(_ results: [ThreadResult], seconds: Int, connections: Int, bodyBytes: Int) {
        let latencies = LatencySummary(results.flatMap(\.latencies))
        let total = results.reduce(0) { $0 + $1.latencies.count }
        let errors = results.reduce(0) { $0 + $1.errors }
        let rate = Double(total) / Double(seconds)
        func milliseconds(_ value: Double) -> String { String(format: "%.3f ms", value) }
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        print(
            """
            sandbox loopback server, keep-alive, \(connections) connection(s), \(seconds) s measured \
            (after 0.3 s warm-up), \(bodyBytes)-byte JSON responses
              requests:     \(total) ok, \(errors) errors
              throughput:   \(String(format: "%.0f", rate)) requests/s
              latency:      p50 \(milliseconds(latencies.percentile(0.5))), \
            p99 \(milliseconds(latencies.percentile(0.99))), max \(milliseconds(latencies.maximum))
              machine:      \(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average \(load) \
            (client and server share them, and so may other processes)
            """)
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
