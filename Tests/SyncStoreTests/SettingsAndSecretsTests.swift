import Foundation
import SyncCore
import Testing

@testable import SyncStore

@Suite struct SettingsAndSecretsTests {
    @Test("O2: settings are set, replaced, removed and kept across reopening")
    func settingsRoundTrip() throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try SQLiteStateStore(path: directory.databasePath)
            #expect(try store.setting("enabled") == nil)
            try store.setSetting("enabled", to: "true")
            try store.setSetting("enabled", to: "false")
            try store.setSetting("digest", to: "sent")
            try store.setSetting("digest", to: nil)
            try store.setSetting("never-set", to: nil)
        }
        let store = try SQLiteStateStore(path: directory.databasePath)
        #expect(try store.setting("enabled") == "false")
        #expect(try store.setting("digest") == nil)
    }

    @Test("issue 10: the secrets an earlier Brygga stored are read, then deleted with a scrub marked as owed")
    func legacySecretsAreReadThenDeleted() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        #expect(try store.legacySecrets().isEmpty)
        #expect(try !store.hasLegacySecrets())
        try LegacySecrets.store("refresh-1", named: "fortnox.oauth-tokens", in: store)
        try LegacySecrets.store("refresh-2", named: "fortnox.oauth-tokens", in: store)
        #expect(try store.hasLegacySecrets())
        #expect(try store.legacySecrets() == ["fortnox.oauth-tokens": "refresh-2"])
        #expect(try !store.isSecretsScrubPending())

        try store.deleteLegacySecrets()

        #expect(try store.legacySecrets().isEmpty)
        #expect(try store.isSecretsScrubPending())
        #expect(try store.scrubDeletedSecrets())
        #expect(try !store.isSecretsScrubPending())
        #expect(try SQLiteStateStore(path: directory.databasePath).legacySecrets().isEmpty)
    }

    @Test("issue 10: after the scrub neither the database file nor its write-ahead log holds a deleted secret")
    func scrubLeavesNoCopyInTheFileOrTheLog() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        // Rotated many times, and long enough to spill onto overflow pages as Fortnox's JWTs do.
        let values = (1...12).map { "SECRET-\($0)-" + String(repeating: "x\($0 % 10)", count: 900) + "-END-\($0)" }
        for value in values { try LegacySecrets.store(value, named: "fortnox.oauth-tokens", in: store) }
        for run in 1...3 { _ = try store.startRun(kind: .incremental, at: StoreFixtures.time(Int64(run))) }
        #expect(try LegacySecrets.filesMention(values, databasePath: directory.databasePath), "the fixture is wrong")

        try store.deleteLegacySecrets()
        #expect(try store.scrubDeletedSecrets())

        #expect(try !LegacySecrets.filesMention(values, databasePath: directory.databasePath))
        #expect(try store.recentRuns(limit: 10).count == 3, "the vacuum keeps every live row")
    }

    @Test("issue 10: a scrub a reader keeps from emptying the log stays owed and finishes later")
    func scrubBlockedByAReaderIsRetried() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath, busyTimeoutMilliseconds: 50)
        try LegacySecrets.store("SECRET-token", named: "fortnox.oauth-tokens", in: store)
        try store.deleteLegacySecrets()
        // Another process's `brygga log` in the middle of a read transaction pins the log.
        let reader = try Database(path: directory.databasePath, mode: .readOnly)
        try reader.execute("BEGIN")
        #expect(try reader.integer("SELECT count(*) FROM runs") == 0)

        #expect(try !store.scrubDeletedSecrets())
        #expect(try store.isSecretsScrubPending())

        try reader.execute("COMMIT")
        #expect(try store.scrubDeletedSecrets())
        #expect(try !store.isSecretsScrubPending())
        #expect(try !LegacySecrets.filesMention(["SECRET-token"], databasePath: directory.databasePath))
    }

    @Test("O1: a secret's value never appears in the error when deleting it fails")
    func secretValuesStayOutOfErrors() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath, busyTimeoutMilliseconds: 50)
        try LegacySecrets.store("old-token-SECRET", named: "fortnox.oauth-tokens", in: store)
        // Another connection holds the write lock, so the store gives up after its busy timeout.
        let other = try Database(path: directory.databasePath, mode: .readWrite)
        try other.execute("BEGIN IMMEDIATE")
        let error = #expect(throws: StateStoreError.self) { try store.deleteLegacySecrets() }
        try other.execute("ROLLBACK")
        #expect(error?.kind == .busy)
        #expect(error?.description.contains(directory.databasePath) == true)
        #expect(error?.description.contains("secrets") == true)
        #expect(error?.description.contains("SECRET") == false)
        #expect(try store.legacySecrets() == ["fortnox.oauth-tokens": "old-token-SECRET"])
        #expect(try !store.isSecretsScrubPending())
    }
}
