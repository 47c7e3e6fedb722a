import Dispatch
import Foundation
import Glibc
import Synchronization

/// Driving a loopback server with keep-alive clients, one thread each, and printing the figures.
extension SandboxBenchmark {
    /// What one client thread measured.
    struct ThreadResult: Sendable {
        var latencies: [UInt64] = []
        var errors = 0
    }

    /// One measured load.
    struct Measurement {
        var results: [ThreadResult]
        var seconds: Int
        var connections: Int
    }

    /// Sends `requests[i % count]` back to back on connection `i` for `seconds` (after a 0.3 s warm-up)
    /// and collects the latencies of the 200 answers.
    static func measure(port: UInt16, requests: [[UInt8]], seconds: Int, connections: Int) -> Measurement {
        let results = Mutex<[ThreadResult]>([])
        let finished = DispatchGroup()
        let warmUpEnd = monotonicNanoseconds() + 300_000_000
        let end = warmUpEnd + UInt64(seconds) * 1_000_000_000
        for connection in 0..<connections {
            finished.enter()
            let request = requests[connection % requests.count]
            Thread {
                let result = drive(port: port, request: request, warmUpEnd: warmUpEnd, end: end)
                results.withLock { $0.append(result) }
                finished.leave()
            }.start()
        }
        finished.wait()
        return Measurement(results: results.withLock { $0 }, seconds: seconds, connections: connections)
    }

    /// A complete GET request to `target` on 127.0.0.1:`port` with `headers`.
    static func getRequest(_ target: String, port: UInt16, headers: [String] = []) -> [UInt8] {
        let lines =
            [
                "GET \(target) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Accept: application/json",
                "User-Agent: brygga-bench",
            ]
            + headers
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
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

    /// Prints a measurement under `title`.
    static func report(_ title: String, _ measurement: Measurement, bodyBytes: Int) {
        let results = measurement.results
        let latencies = LatencySummary(results.flatMap(\.latencies))
        let total = results.reduce(0) { $0 + $1.latencies.count }
        let errors = results.reduce(0) { $0 + $1.errors }
        let rate = Double(total) / Double(measurement.seconds)
        func milliseconds(_ value: Double) -> String { String(format: "%.3f ms", value) }
        print(
            """
            \(title), keep-alive, \(measurement.connections) connection(s), \(measurement.seconds) s measured \
            (after 0.3 s warm-up), \(bodyBytes)-byte JSON responses
              requests:     \(total) ok, \(errors) errors
              throughput:   \(String(format: "%.0f", rate)) requests/s
              latency:      p50 \(milliseconds(latencies.percentile(0.5))), \
            p99 \(milliseconds(latencies.percentile(0.99))), max \(milliseconds(latencies.maximum))
            """)
    }

    /// The machine line: CPUs and load (client and server share them).
    static func machineLine() -> String {
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        return "  machine:      \(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average \(load) "
            + "(client and server share them, and so may other processes)"
    }

    /// The process's resident memory in MiB (from /proc/self/status), or `nil` when unknown.
    static func residentMemoryMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }

    /// A monotonic clock in nanoseconds.
    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
