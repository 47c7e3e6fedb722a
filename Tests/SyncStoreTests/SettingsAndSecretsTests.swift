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

    @Test("O1: secrets are stored, rotated and deleted, and durable across reopening")
    func secretsRoundTrip() throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try SQLiteStateStore(path: directory.databasePath)
            #expect(try store.secret(named: "fortnox.refresh") == nil)
            try store.storeSecret("refresh-1", named: "fortnox.refresh")
            try store.storeSecret("refresh-2", named: "fortnox.refresh")
            try store.storeSecret("access-1", named: "fortnox.access")
            try store.storeSecret(nil, named: "fortnox.access")
        }
        let store = try SQLiteStateStore(path: directory.databasePath)
        #expect(try store.secret(named: "fortnox.refresh") == "refresh-2")
        #expect(try store.secret(named: "fortnox.access") == nil)
    }

    @Test("O1: a secret's value never appears in the error when storing it fails")
    func secretValuesStayOutOfErrors() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath, busyTimeoutMilliseconds: 50)
        try store.storeSecret("old-token-SECRET", named: "fortnox.refresh")
        // Another connection holds the write lock, so the store gives up after its busy timeout.
        let other = try Database(path: directory.databasePath, mode: .readWrite)
        try other.execute("BEGIN IMMEDIATE")
        let error = #expect(throws: StateStoreError.self) {
            try store.storeSecret("new-token-SECRET", named: "fortnox.refresh")
        }
        try other.execute("ROLLBACK")
        #expect(error?.kind == .busy)
        #expect(error?.description.contains(directory.databasePath) == true)
        #expect(error?.description.contains("fortnox.refresh") == true)
        #expect(error?.description.contains("SECRET") == false)
        #expect(try store.secret(named: "fortnox.refresh") == "old-token-SECRET")
    }
}
