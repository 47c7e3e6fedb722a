import BryggaCLI
import Foundation
import JSONSupport
import SandboxKit
import Synchronization
import Testing

/// `metricsFile`: each run, retry and bootstrap appends one JSON line for monitoring tools (O5),
/// through the built binary against a loopback sandbox.
@Suite struct RunMetricsEndToEndTests {
    /// Counts the requests each emulator receives.
    final class RequestTally: Sendable {
        private let counts = Mutex<[String: Int]>([:])

        /// The emulator of `api` wrapped so that its requests are counted.
        func intercept(_ api: String, _ emulator: any SandboxRequestHandler) -> any SandboxRequestHandler {
            Counter(api: api, inner: emulator, tally: self)
        }

        /// Requests `api` received so far.
        func count(_ api: String) -> Int { counts.withLock { $0[api] ?? 0 } }

        private struct Counter: SandboxRequestHandler {
            let api: String
            let inner: any SandboxRequestHandler
            let tally: RequestTally

            func handle(_ request: ServerRequest) -> HandlerResult {
                tally.counts.withLock { $0[api, default: 0] += 1 }
                return inner.handle(request)
            }
        }
    }

    /// A testbed whose configuration sets `metricsFile`.
    static func testbed(metricsFile: String, tally: RequestTally) async throws -> SyncTestbed {
        let bed = try await SyncTestbed(interceptor: tally.intercept)
        try bed.directory.writeJSON(
            ConfigurationFixture.setting(["metricsFile"], to: .string(metricsFile), in: try bed.configuration()))
        return bed
    }

    /// The metrics file's lines, parsed.
    static func lines(_ bed: SyncTestbed, _ name: String) throws -> [JSONValue] {
        guard FileManager.default.fileExists(atPath: bed.directory.file(name)) else { return [] }
        return try bed.directory.read(name).split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test("O5: a run appends one line with its counts per flow, duration, exit code and requests per API")
    func runAppendsOneLine() async throws {
        let tally = RequestTally()
        let bed = try await Self.testbed(metricsFile: "metrics.jsonl", tally: tally)
        let dryRun = try await bed.brygga(["run", "--dry-run"])
        #expect(try Self.lines(bed, "metrics.jsonl").isEmpty, "a dry run leaves no line: \(dryRun.errorOutput)")
        let before = (severa: tally.count("severa"), fortnox: tally.count("fortnox"))

        let run = try await bed.brygga(["run"])

        let lines = try Self.lines(bed, "metrics.jsonl")
        let line = try #require(lines.first)
        #expect(lines.count == 1)
        #expect(line["command"] == "run")
        #expect(line["run"] == 2)
        #expect(line["kind"] == "incremental")
        #expect(line["exitCode"]?.numberValue?.int64 == Int64(run.status))
        #expect(line["requests"]?["severa"]?.numberValue?.int64 == Int64(tally.count("severa") - before.severa))
        #expect(line["requests"]?["fortnox"]?.numberValue?.int64 == Int64(tally.count("fortnox") - before.fortnox))
        #expect((line["requests"]?["severa"]?.numberValue?.int64 ?? 0) > 0)
        #expect((line["durationSeconds"]?.numberValue?.decimal ?? -1) >= 0)
        let log = try await bed.brygga(["log", "--json", "--run", "2", "--limit", "10000"])
        let entries = try log.output.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        for flow in ["product", "customer", "project"] {
            for action in ["created", "linked", "failed"] {
                let logged = entries.filter { $0["entity"] == .string(flow) && $0["action"] == .string(action) }.count
                #expect(line["counts"]?[flow]?[action]?.numberValue?.int64 == Int64(logged), "\(flow) \(action)")
            }
        }
        _ = try await bed.brygga(["retry"])
        let afterRetry = try Self.lines(bed, "metrics.jsonl")
        #expect(afterRetry.count == 2)
        #expect(afterRetry.last?["command"] == "retry")
    }

    @Test("O5: a metrics file that cannot be written is reported and changes no exit code")
    func unwritableMetricsFileChangesNothing() async throws {
        let tally = RequestTally()
        let bed = try await Self.testbed(metricsFile: "no-such-directory/metrics.jsonl", tally: tally)
        let reference = try await SyncTestbed()
        let expected = try await reference.brygga(["run"])

        let run = try await bed.brygga(["run"])

        #expect(run.status == expected.status, "\(run.errorOutput)")
        #expect(run.output == expected.output)
        #expect(
            run.errorOutput.contains("could not append this run's metrics to ")
                && run.errorOutput.contains("no-such-directory/metrics.jsonl"), "\(run.errorOutput)")
    }
}

/// The `metricsFile` key.
@Suite struct MetricsFileConfigurationTests {
    @Test("O5: metricsFile is optional and resolved against the configuration's directory")
    func metricsFileIsAPath() throws {
        let directory = try TemporaryDirectory()
        #expect(try directory.loadConfiguration(ConfigurationFixture.minimal).metricsFilePath == nil)
        let configuration = try directory.loadConfiguration(.minimal(setting: "metricsFile", to: "metrics.jsonl"))
        #expect(configuration.metricsFilePath == directory.file("metrics.jsonl"))
    }

    @Test("O5: a metricsFile that is not a path is refused naming the key")
    func metricsFileMustBeAString() throws {
        let directory = try TemporaryDirectory()
        #expect {
            _ = try directory.loadConfiguration(.minimal(setting: "metricsFile", to: true))
        } throws: { error in
            String(describing: error).contains("metricsFile: expected a file path")
        }
    }
}
