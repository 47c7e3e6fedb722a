import Foundation
import SyncCore
import Testing

@testable import SyncStore

@Suite struct JournalTests {
    @Test("R4.4: intents get increasing ids and stay open until a commit closes them")
    func intentsStayOpenUntilClosed() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let run = try store.startRun(kind: .incremental, at: StoreFixtures.time(0))
        var update = StoreFixtures.intent(run: run, source: "inv-2", key: "INV-2", at: 2)
        update.operation = .update
        update.targetID = "5002"
        update.target = .projectManagement
        let recorded = try store.recordIntents([StoreFixtures.intent(run: run, source: "inv-1", key: "INV-1"), update])
        #expect(recorded.count == 2)
        #expect(recorded[0].id > 0 && recorded[1].id > recorded[0].id)
        var expected = update
        expected.id = recorded[1].id
        #expect(recorded[1] == expected)
        #expect(try store.openIntents() == recorded)

        var close = StateCommit()
        close.closedIntents = [recorded[0].id]
        try store.commit(close)
        try store.commit(close)  // closing again changes nothing
        #expect(try store.openIntents() == [recorded[1]])
        #expect(try store.recordIntents([]).isEmpty)

        let raw = try Database(path: directory.databasePath, mode: .readOnly)
        #expect(try raw.integer("SELECT count(*) FROM journal WHERE closed_at IS NOT NULL") == 1)
    }

    @Test("R4.4: recorded intents are durable: a store opened afterwards sees them")
    func intentsSurviveReopening() throws {
        let directory = try TemporaryDirectory()
        let intents: [WriteIntent]
        do {
            let store = try SQLiteStateStore(path: directory.databasePath)
            let run = try store.startRun(kind: .incremental, at: StoreFixtures.time(0))
            intents = try store.recordIntents([StoreFixtures.intent(run: run, source: "inv-1", key: "INV-1")])
            // Another connection sees them at once, while the first is still open.
            #expect(try SQLiteStateStore(path: directory.databasePath).openIntents() == intents)
        }
        let reopened = try SQLiteStateStore(path: directory.databasePath)
        #expect(try reopened.openIntents() == intents)
    }
}
