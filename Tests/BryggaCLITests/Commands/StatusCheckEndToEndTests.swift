import Foundation
import SyncCore
import Testing

/// `brygga status --max-age` through the built binary: the exit status is what Nagios, Icinga, systemd
/// and cron act on (O3, O5).
@Suite struct StatusCheckEndToEndTests {
    @Test("O3: the check's exit status is 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN")
    func exitStatusFollowsThePluginConvention() async throws {
        let fixture = try StateFixture()
        func check(_ arguments: [String] = ["status", "--max-age", "30m"]) async throws -> BryggaProcessResult {
            try await BryggaProcess.run(arguments, in: fixture.directory.path)
        }
        let critical = try await check()
        #expect(critical.status == 2, "no run yet: \(critical.output)")
        try StatusCheckTests.finishedRun(fixture, minutesAgo: 45, exitCode: 0)
        let stale = try await check()
        #expect(stale.status == 2)
        #expect(stale.output.hasPrefix("BRYGGA CRITICAL - no run completed within 30 min"), "\(stale.output)")
        try StatusCheckTests.finishedRun(fixture, minutesAgo: 5, exitCode: 0)
        let ok = try await check()
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.hasPrefix("BRYGGA OK - "))
        try StatusCheckTests.finishedRun(fixture, minutesAgo: 1, exitCode: 1, failed: 2)
        let warning = try await check()
        #expect(warning.status == 1, "\(warning.output)")
        #expect(warning.output.hasPrefix("BRYGGA WARNING - run 3 finished with 2 failed item(s)"))
        let unknown = try await check(["status", "--max-age", "30m", "--config", "missing.json"])
        #expect(unknown.status == 3, "\(unknown.output)\(unknown.errorOutput)")
        #expect(unknown.output.hasPrefix("BRYGGA UNKNOWN - "))
        #expect(unknown.output.contains("missing.json"))
    }
}
