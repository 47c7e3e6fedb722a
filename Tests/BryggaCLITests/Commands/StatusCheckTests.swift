import BryggaCLI
import Foundation
import JSONSupport
import SyncCore
import SyncStore
import Testing

/// `brygga status --max-age AGE` in-process: the monitoring-plugin states (O3, O5).
@Suite struct StatusCheckTests {
    /// Records a finished run of `kind` that ended `minutesAgo` with `exitCode` and `failed` items.
    static func finishedRun(
        _ fixture: StateFixture, minutesAgo: Double, exitCode: Int32, failed: Int = 0, kind: RunKind = .incremental
    ) throws {
        let finish = Date().addingTimeInterval(-minutesAgo * 60)
        let run = try fixture.store.startRun(kind: kind, at: finish.addingTimeInterval(-5))
        var summary = RunSummary()
        summary.created = 2
        summary.failed = failed
        try fixture.store.finishRun(id: run, at: finish, summary: summary, exitCode: exitCode)
    }

    /// `brygga status --max-age 1h`.
    static func check(_ fixture: StateFixture) async -> (Int32, String) {
        let result = await fixture.brygga(["status", "--max-age", "1h"])
        #expect(result.output.split(separator: "\n").count == 1, "one status line: \(result.output)")
        #expect(result.errorOutput.isEmpty)
        return (result.status.rawValue, result.output)
    }

    @Test("O3: OK when the last run finished cleanly within AGE, with performance data")
    func okWhenRecentAndClean() async throws {
        let fixture = try StateFixture()
        try Self.finishedRun(fixture, minutesAgo: 10, exitCode: 0)
        try Self.finishedRun(fixture, minutesAgo: 1, exitCode: 1, failed: 4, kind: .dryRun)
        let (status, line) = await Self.check(fixture)
        #expect(status == 0)
        #expect(line.hasPrefix("BRYGGA OK - run 1 (incremental) finished "), "a dry run is no run: \(line)")
        #expect(line.contains("10 min ago: 2 created, 0 updated"))
        #expect(line.contains("| age=600s;;3600;0 failed=0;;;0 pending_retries=0;;;0"), "\(line)")
    }

    @Test("O3: WARNING when the last run finished with failed items")
    func warningOnFailedItems() async throws {
        let fixture = try StateFixture()
        try Self.finishedRun(fixture, minutesAgo: 10, exitCode: 1, failed: 3)
        let (status, line) = await Self.check(fixture)
        #expect(status == 1)
        #expect(
            line.hasPrefix(
                "BRYGGA WARNING - run 1 finished with 3 failed item(s); see 'brygga status' and 'brygga log --status failed'"
            ),
            "\(line)")
    }

    @Test("O3: CRITICAL when the last run stopped on a fatal error, even though an earlier one completed")
    func criticalOnFatalError() async throws {
        let fixture = try StateFixture()
        try Self.finishedRun(fixture, minutesAgo: 20, exitCode: 0)
        try Self.finishedRun(fixture, minutesAgo: 10, exitCode: 77)
        let (status, line) = await Self.check(fixture)
        #expect(status == 2)
        #expect(line.contains("BRYGGA CRITICAL - run 2 stopped on a fatal error: exit 77 (an API refused"), "\(line)")
    }

    @Test("O3: CRITICAL when no run completed within AGE (cron stopped), or ever")
    func criticalWhenStale() async throws {
        let fixture = try StateFixture()
        let (never, neverLine) = await Self.check(fixture)
        #expect(never == 2)
        #expect(neverLine.hasPrefix("BRYGGA CRITICAL - no run has completed yet"), "\(neverLine)")
        try Self.finishedRun(fixture, minutesAgo: 185, exitCode: 0)
        let (status, line) = await Self.check(fixture)
        #expect(status == 2)
        #expect(line.hasPrefix("BRYGGA CRITICAL - no run completed within 1 h; the last, run 1, finished "), "\(line)")
        #expect(line.contains("(3 h 5 min ago)"))
        let relaxed = await fixture.brygga(["status", "--max-age", "4h"])
        #expect(relaxed.status == .success, "\(relaxed.output)")
    }

    @Test("O3: WARNING when the last run died; OK with a note while one is running")
    func deadAndRunningRuns() async throws {
        let fixture = try StateFixture()
        try Self.finishedRun(fixture, minutesAgo: 10, exitCode: 0)
        _ = try fixture.store.startRun(kind: .incremental, at: Date().addingTimeInterval(-60))
        let (dead, deadLine) = await Self.check(fixture)
        #expect(dead == 1)
        #expect(deadLine.hasPrefix("BRYGGA WARNING - run 2 died without finishing"), "\(deadLine)")
        let lock = try RunLock.acquire(
            path: RunLock.lockFilePath(forStateDatabase: fixture.directory.file("state.sqlite")), processID: 99)
        defer { lock.release() }
        let (running, runningLine) = await Self.check(fixture)
        #expect(running == 0)
        #expect(runningLine.contains("run 2 running now (process 99 holds the run lock)"), "\(runningLine)")
    }

    @Test("O2: WARNING while runs are disabled")
    func warningWhileDisabled() async throws {
        let fixture = try StateFixture()
        try fixture.directory.writeJSON(
            ConfigurationFixture.setting(
                ["enabled"], to: false, in: .minimal(setting: "stateDatabase", to: "state.sqlite")))
        let (status, line) = await Self.check(fixture)
        #expect(status == 1)
        #expect(line.hasPrefix("BRYGGA WARNING - the integration is disabled"), "\(line)")
    }

    @Test(
        "O3: UNKNOWN, exit 3, for every error: configuration, option, value, database",
        arguments: [
            ("config", ["--max-age", "1h"]), ("value", ["--max-age", "1x"]),
            ("option", ["--max-age", "1h", "--bogus"]),
            ("option first", ["--bogus", "--max-age=1h"]), ("database", ["--max-age", "1h"]),
        ])
    func unknownForEveryError(_ broken: String, _ options: [String]) async throws {
        let fixture = try StateFixture()
        switch broken {
        case "config": try fixture.directory.write("{\"version\": 1, \"severa\": ", to: "brygga.json")
        case "database":
            try fixture.directory.write(String(repeating: "not a database ", count: 300), to: "state.sqlite")
        default: break
        }
        let result = await fixture.brygga(["status"] + options)
        #expect(result.status.rawValue == 3, "\(result.output)\(result.errorOutput)")
        #expect(result.output.hasPrefix("BRYGGA UNKNOWN - "), "\(result.output)")
        #expect(result.output.split(separator: "\n").count == 1)
    }

    @Test("a bad configuration without --max-age still exits 78")
    func plainStatusKeepsItsExitCodes() async throws {
        let fixture = try StateFixture()
        try fixture.directory.write("{\"version\": 1, \"severa\": ", to: "brygga.json")
        let result = await fixture.brygga(["status"])
        #expect(result.status == .configuration)
        #expect(result.errorOutput.hasPrefix("brygga: "))
    }
}
