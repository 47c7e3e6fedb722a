import Foundation
import HTTPSupport
import SyncCore
import SyncStore
import Testing

@testable import BryggaCLI

/// A state database that holds Fortnox tokens, as Brygga before the token file left it, opened by this
/// Brygga: the tokens move to the token file and no copy stays in the database (issue 10, O1).
@Suite struct TokenFileUpgradeTests {
    @Test("issue 10: tokens move to the token file, said once; a run-locked start leaves no token byte in the database")
    func tokensMoveAndNoCopyStays() async throws {
        let fixture = try StateFixture()
        let rotations = (1...6).map { LegacyTokenRows.tokens($0) }
        for tokens in rotations { try LegacyTokenRows.store(tokens, in: fixture.store) }
        _ = try fixture.store.startRun(kind: .incremental, at: Date())
        let database = fixture.directory.file("state.sqlite")
        #expect(try LegacyTokenRows.filesMention(rotations, databasePath: database), "the fixture holds tokens")

        let status = await fixture.brygga(["status"])

        #expect(status.status == .success, "\(status.errorOutput)")
        #expect(status.errorOutput.contains("token file \(database).tokens"), "\(status.errorOutput)")
        #expect(status.errorOutput.contains("still hold a Fortnox refresh token"))
        #expect(status.errorOutput.contains("`brygga auth fortnox` rotates it"))
        #expect(status.output.contains("Fortnox tokens: stored; access token expires"))
        let moved = try #require(try TokenFileStore(path: database + ".tokens").loadNow())
        #expect(moved.refreshToken == rotations[5].refreshToken && moved.accessToken == rotations[5].accessToken)
        #expect(try fixture.directory.permissions(of: "state.sqlite.tokens") == 0o600)
        #expect(try fixture.store.legacySecrets().isEmpty)
        #expect(try fixture.store.isSecretsScrubPending(), "status holds no run lock, so it does not vacuum")

        try Self.openHoldingTheRunLock(fixture)

        #expect(try !fixture.store.isSecretsScrubPending())
        #expect(try !LegacyTokenRows.filesMention(rotations, databasePath: database))
        #expect(try fixture.store.recentRuns(limit: 5).count == 1, "the vacuum keeps every live row")
        let again = await fixture.brygga(["status"])
        #expect(again.errorOutput.isEmpty, "the notice is shown once: \(again.errorOutput)")
    }

    @Test("issue 10: killed after writing the token file, before deleting the rows: the next start keeps the file")
    func fileWrittenBeforeTheKillIsKept() async throws {
        let fixture = try StateFixture()
        try LegacyTokenRows.store(LegacyTokenRows.tokens(1), in: fixture.store)
        // The file was written, then (say) a run refreshed and rotated the tokens in it.
        let newer = LegacyTokenRows.tokens(2)
        try await TokenFileStore(path: fixture.directory.file("state.sqlite.tokens")).save(newer)

        let status = await fixture.brygga(["status"])

        #expect(status.status == .success, "\(status.errorOutput)")
        #expect(status.errorOutput.contains("were already in the owner-only token file"), "\(status.errorOutput)")
        let kept = try #require(try TokenFileStore(path: fixture.directory.file("state.sqlite.tokens")).loadNow())
        #expect(kept.refreshToken == newer.refreshToken)
        #expect(try fixture.store.legacySecrets().isEmpty)
    }

    @Test(
        "issue 10: killed after deleting the rows, before or during the vacuum: the next run-locked start finishes it")
    func scrubLeftOwedIsFinished() throws {
        let fixture = try StateFixture()
        let tokens = LegacyTokenRows.tokens(1)
        try LegacyTokenRows.store(tokens, in: fixture.store)
        try TokenFileStore(path: fixture.directory.file("state.sqlite.tokens")).saveNow(tokens)
        try fixture.store.deleteLegacySecrets()  // and then the process died

        try Self.openHoldingTheRunLock(fixture)

        #expect(try !fixture.store.isSecretsScrubPending())
        #expect(try !LegacyTokenRows.filesMention([tokens], databasePath: fixture.directory.file("state.sqlite")))
    }

    @Test(
        "issue 10: tokens the database holds in a form Brygga cannot read are deleted, and the notice says to authorize"
    )
    func unreadableRowIsDeletedWithTheAuthorizationHint() async throws {
        let fixture = try StateFixture()
        try LegacyTokenRows.storeRow("{\"refreshToken\":\"REFRESH-SECRET-damaged\"", in: fixture.store)

        let status = await fixture.brygga(["status"])

        #expect(status.errorOutput.contains("held Fortnox tokens Brygga cannot read"), "\(status.errorOutput)")
        #expect(status.errorOutput.contains("Run `brygga auth fortnox`"))
        #expect(!(status.output + status.errorOutput).contains("REFRESH-SECRET"))
        #expect(status.output.contains("Fortnox tokens: none stored; run 'brygga auth fortnox'"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.file("state.sqlite.tokens")))
        #expect(try fixture.store.legacySecrets().isEmpty)
    }

    /// Opens the fixture's state database as `run`, `retry`, `bootstrap` and `auth fortnox` do.
    private static func openHoldingTheRunLock(_ fixture: StateFixture) throws {
        let configuration = try ConfigurationLoader.load(path: fixture.directory.file("brygga.json"))
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        let console = CapturingConsole()
        _ = try StateStoreOpening.open(configuration, console: console, runLock: lock)
        #expect(console.errorOutput.isEmpty, "\(console.errorOutput)")
    }
}
