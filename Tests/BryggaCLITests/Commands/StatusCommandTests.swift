import BryggaCLI
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import SyncStore
import Testing

/// `brygga status` in-process over a filled state database.
@Suite struct StatusCommandTests {
    @Test(
        "O2, O3, O4, O6: shows enabled state, last runs, pending retries, open intents and token expiry, never a token")
    func showsTheStateWithoutSecrets() async throws {
        let fixture = try StateFixture()
        let store = fixture.store
        let start = Date(timeIntervalSince1970: 1_772_431_200)
        let first = try store.startRun(kind: .incremental, at: start)
        var summary = RunSummary()
        summary.created = 4
        summary.failed = 1
        try store.finishRun(id: first, at: start.addingTimeInterval(2.5), summary: summary, exitCode: 1)
        var commit = StateCommit()
        commit.failures = [
            PendingRetry(
                entity: .customer, side: .projectManagement, sourceID: "guid-1", naturalKey: "9001",
                reason: "the VAT number is missing", firstFailedAt: start, lastFailedAt: start, attempts: 2)
        ]
        try store.commit(commit)
        let second = try store.startRun(kind: .incremental, at: start.addingTimeInterval(60))
        _ = try store.recordIntents([
            WriteIntent(
                runID: second, entity: .customer, target: .accounting, operation: .create, naturalKey: "10008",
                sourceID: "guid-2", openedAt: start.addingTimeInterval(61))
        ])
        let tokens = StoredTokens(
            accessToken: "access-secret-0123456789", accessTokenExpiresAt: start.addingTimeInterval(3600),
            refreshToken: "refresh-secret-9876543210", refreshTokenExpiresAt: nil, scope: "customer")
        try await TokenFileStore(path: fixture.directory.file("state.sqlite.tokens")).save(tokens)

        let result = await fixture.brygga(["status"])
        #expect(result.status == .success, "\(result.errorOutput)")
        let output = result.output
        #expect(output.contains("Integration:    enabled"))
        #expect(output.contains("Token file:     \(fixture.directory.file("state.sqlite.tokens"))"))
        #expect(output.contains("Fortnox tokens: stored; access token expires 2026-03-02T07:00:00Z (expired)"))
        #expect(output.contains("Severa secret:  missing"))
        #expect(output.contains("Pending retries: 1"))
        #expect(
            output.contains(
                "customer 9001 from Severa, 2 attempt(s) since 2026-03-02T06:00:00Z, the last 2026-03-02T06:00:00Z: "
                    + "the VAT number"))
        #expect(output.contains("Failure digest: off (notify.to lists no address"), "O5")
        #expect(output.contains("Open write intents: 1"))
        #expect(output.contains("run 2: create customer 10008 in Fortnox"))
        #expect(output.contains("run 1  incremental  2026-03-02T06:00:00Z  2.5 s  exit 1  4 created, 0 updated"))
        #expect(
            output.contains(
                "run 2  incremental  2026-03-02T06:01:00Z  interrupted (no finish recorded; the run lock is free)  "
                    + "its log: 0 created"))
        #expect(!output.contains("access-secret") && !output.contains("refresh-secret"))
    }

    @Test("without a state database it reports no runs and creates none")
    func withoutStateDatabase() async throws {
        let directory = try TemporaryDirectory()
        try directory.writeJSON(ConfigurationFixture.minimal(setting: "stateDatabase", to: "state.sqlite"))
        let console = CapturingConsole()
        let status = await BryggaApplication.run(
            arguments: ["status"], environment: [:], currentDirectory: directory.path, console: console)
        #expect(status == .success)
        #expect(console.output.contains("Fortnox tokens: none stored; run 'brygga auth fortnox'"))
        #expect(console.output.contains("No runs yet"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("state.sqlite")))
    }
}
