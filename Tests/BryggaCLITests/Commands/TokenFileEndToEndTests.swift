import BryggaCLI
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SyncStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The token file through the built binary against a loopback sandbox: the upgrade of a database that
/// holds tokens, and a run killed while its token refresh is in flight (O1, issue 10).
@Suite struct TokenFileEndToEndTests {
    static let customersOnly: JSONValue = ["products": false, "customers": true, "projects": false]

    @Test(
        "issue 10: `brygga run` on a database holding tokens moves them to the token file, says so once, and works",
        .timeLimit(.minutes(1)))
    func runMovesTheTokensOutOfAnOlderDatabase() async throws {
        let bed = try await SyncTestbed(flows: Self.customersOnly)
        let database = bed.directory.file("state.sqlite")
        let tokenFile = TokenFileStore(path: database + ".tokens")
        let tokens = try #require(try tokenFile.loadNow())
        // As Brygga before the token file kept them: in the state database only.
        try FileManager.default.removeItem(atPath: tokenFile.path)
        try LegacyTokenRows.store(tokens, in: SQLiteStateStore(path: database))
        #expect(try LegacyTokenRows.filesMention([tokens], databasePath: database), "the fixture holds the tokens")

        let run = try await bed.brygga(["run"])

        #expect([0, 1].contains(run.status), "\(run.errorOutput)")
        #expect(run.output.hasPrefix("run 1: customers "), "\(run.output)")
        #expect(run.errorOutput.contains("still hold a Fortnox refresh token"), "\(run.errorOutput)")
        #expect(try tokenFile.loadNow()?.refreshToken == tokens.refreshToken)
        #expect(try !LegacyTokenRows.filesMention([tokens], databasePath: database))
        let status = try await bed.brygga(["status"])
        #expect(status.errorOutput.isEmpty, "said once: \(status.errorOutput)")
        #expect(status.output.contains("Token file:     \(database).tokens"))
    }

    /// Killed before Fortnox issued new tokens, the old refresh token still works; killed after, Fortnox
    /// has spent it and the next run exits 77 asking for `brygga auth fortnox`. Either way nothing is lost.
    @Test(
        "O1: a run killed during its token refresh loses nothing; the next run works or exits 77 to reauthorize",
        .timeLimit(.minutes(2)), arguments: [false, true])
    func runKilledDuringATokenRefresh(fortnoxIssuedNewTokens: Bool) async throws {
        let held = HeldRequest(
            .post, "/oauth-v1/token", bodyContaining: "grant_type=refresh_token", takesEffect: fortnoxIssuedNewTokens)
        let bed = try await SyncTestbed(flows: Self.customersOnly, interceptor: held.intercept)
        let first = try await bed.brygga(["run"])
        #expect([0, 1].contains(first.status), "\(first.errorOutput)")
        let records = bed.records()
        try await Self.expireAccessToken(bed)

        // Killed when the refresh is in flight, under the token file lock.
        let killed = try await bed.bryggaKilled(at: held)
        #expect(killed.status == 128 + SIGKILL)

        let next = try await bed.brygga(["run"])
        if fortnoxIssuedNewTokens {
            #expect(next.status == 77, "\(next.output)\(next.errorOutput)")
            #expect(next.errorOutput.contains("brygga auth fortnox"), "\(next.errorOutput)")
            let auth = try await bed.brygga(["auth", "fortnox", "--code", bed.sandbox.issueFortnoxAuthorizationCode()])
            #expect(auth.status == 0, "\(auth.errorOutput)")
            let resumed = try await bed.brygga(["run"])
            #expect([0, 1].contains(resumed.status), "\(resumed.errorOutput)")
            #expect(resumed.output.contains("customers 0 created, 0 updated, 0 linked"), "\(resumed.output)")
        } else {
            #expect([0, 1].contains(next.status), "\(next.errorOutput)")
            #expect(next.output.contains("customers 0 created, 0 updated, 0 linked"), "\(next.output)")
        }
        #expect(bed.records() == records, "nothing created twice, nothing lost, every link kept")
        let status = try await bed.brygga(["status"])
        #expect(status.output.contains("Open write intents: 0"), "\(status.output)")
    }

    /// Makes the stored access token expired, so the next run refreshes first.
    private static func expireAccessToken(_ bed: SyncTestbed) async throws {
        let store = TokenFileStore(path: bed.directory.file("state.sqlite.tokens"))
        var tokens = try #require(try await store.load())
        tokens.accessTokenExpiresAt = Date().addingTimeInterval(-60)
        try await store.save(tokens)
    }
}
