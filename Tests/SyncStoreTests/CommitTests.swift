import Foundation
import SyncCore
import Testing

@testable import SyncStore

@Suite struct CommitTests {
    @Test("O6: a failure queued again counts an attempt and keeps its first time; success resolves it")
    func retryQueueCountsAttemptsAndResolves() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        var first = StateCommit()
        first.failures = [
            StoreFixtures.failure(id: "inv-2", at: 200, key: "K2"),
            StoreFixtures.failure(id: "inv-1", at: 100),
            StoreFixtures.failure(.customer, id: "cus-1", at: 50),
        ]
        try store.commit(first)

        var again = StateCommit()
        var retried = StoreFixtures.failure(id: "inv-2", reason: "Article 12 does not exist", at: 900, key: "K9")
        retried.firstFailedAt = StoreFixtures.time(800)
        retried.attempts = 5  // ignored for a queued key: the store counts
        again.failures = [retried]
        try store.commit(again)
        try store.commit(again)

        let queue = try store.pendingRetries(entity: .invoice)
        #expect(queue.map(\.sourceID) == ["inv-1", "inv-2"])
        let entry = try #require(queue.last)
        #expect(entry.attempts == 3)
        #expect(entry.firstFailedAt == StoreFixtures.time(200))
        #expect(entry.lastFailedAt == StoreFixtures.time(900))
        #expect(entry.reason == "Article 12 does not exist")
        #expect(entry.naturalKey == "K2")
        #expect(queue.first == StoreFixtures.failure(id: "inv-1", at: 100))
        #expect(try store.pendingRetries(entity: .customer).map(\.sourceID) == ["cus-1"])

        var resolved = StateCommit()
        resolved.resolvedFailures = [
            RecordReference(entity: .invoice, side: .projectManagement, id: "inv-2"),
            RecordReference(entity: .invoice, side: .accounting, id: "inv-1"),  // other side: not queued
        ]
        try store.commit(resolved)
        #expect(try store.pendingRetries(entity: .invoice).map(\.sourceID) == ["inv-1"])
    }

    @Test func aNewFailureIsStoredAsGiven() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        var failure = StoreFixtures.failure(id: "inv-1", at: 100, key: "5001")
        failure.side = .accounting
        failure.attempts = 4
        failure.lastFailedAt = StoreFixtures.time(400)
        var batch = StateCommit()
        batch.failures = [failure]
        try store.commit(batch)
        #expect(try store.pendingRetries(entity: .invoice) == [failure])
    }

    @Test func cursorsAreKeptPerSideAndEntityAndReplaced() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        #expect(try store.cursor(side: .accounting, entity: .customer) == nil)
        var batch = StateCommit()
        batch.cursors = [
            CursorUpdate(side: .accounting, entity: .customer, cursor: ChangeCursor("2026-01-01 10:00")),
            CursorUpdate(side: .projectManagement, entity: .customer, cursor: ChangeCursor("pm-1")),
        ]
        try store.commit(batch)
        batch.cursors = [CursorUpdate(side: .accounting, entity: .customer, cursor: ChangeCursor("2026-01-02 08:00"))]
        try store.commit(batch)

        #expect(try store.cursor(side: .accounting, entity: .customer) == ChangeCursor("2026-01-02 08:00"))
        #expect(try store.cursor(side: .projectManagement, entity: .customer) == ChangeCursor("pm-1"))
        #expect(try store.cursor(side: .accounting, entity: .invoice) == nil)
    }

    /// The ways a commit can be made to fail at its very end, after everything else was written.
    enum LateFailure: String, CaseIterable {
        /// A link breaking a CHECK constraint (empty id).
        case linkWithEmptyID
        /// A log entry of a run that does not exist (foreign key).
        case logEntryOfUnknownRun
        /// A failure with zero attempts (CHECK constraint).
        case failureWithoutAttempts
    }

    @Test("O3: a commit that fails midway leaves nothing of itself", arguments: LateFailure.allCases)
    func aFailingCommitLeavesNothingBehind(_ lateFailure: LateFailure) throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let run = try store.startRun(kind: .incremental, at: StoreFixtures.time(0))
        let intents = try store.recordIntents([StoreFixtures.intent(run: run, source: "inv-1", key: "INV-1")])
        var setup = StateCommit()
        setup.failures = [StoreFixtures.failure(id: "inv-0", at: 1)]
        try store.commit(setup)

        var batch = StateCommit()
        batch.links = [StoreFixtures.link(.invoice, pm: "inv-1", acct: "5001")]
        batch.closedIntents = intents.map(\.id)
        batch.logEntries = [StoreFixtures.entry(run: run, .invoice, pm: "inv-1", acct: "5001")]
        batch.failures = [StoreFixtures.failure(id: "inv-0", at: 2), StoreFixtures.failure(id: "inv-3", at: 3)]
        batch.resolvedFailures = [RecordReference(entity: .invoice, side: .projectManagement, id: "inv-0")]
        batch.cursors = [CursorUpdate(side: .projectManagement, entity: .invoice, cursor: ChangeCursor("c1"))]
        switch lateFailure {
        case .linkWithEmptyID:
            batch.links.append(StoreFixtures.link(.invoice, pm: "inv-2", acct: ""))
        case .logEntryOfUnknownRun:
            batch.logEntries.append(StoreFixtures.entry(run: run + 100, .invoice))
        case .failureWithoutAttempts:
            var broken = StoreFixtures.failure(id: "inv-4", at: 4)
            broken.attempts = 0
            batch.failures.append(broken)
        }

        let error = #expect(throws: StateStoreError.self) { try store.commit(batch) }
        #expect(error?.kind == .failed)
        #expect(error?.message.contains("committing a batch") == true)

        #expect(try store.linkCount(entity: .invoice) == 0)
        #expect(try store.openIntents() == intents)
        #expect(try store.transferLog(matching: TransferLogQuery()).isEmpty)
        #expect(try store.pendingRetries(entity: .invoice) == [StoreFixtures.failure(id: "inv-0", at: 1)])
        #expect(try store.cursor(side: .projectManagement, entity: .invoice) == nil)

        // The connection is usable afterwards: the same batch without the bad part commits.
        batch.links = Array(batch.links.prefix(1))
        batch.logEntries = Array(batch.logEntries.prefix(1))
        batch.failures = Array(batch.failures.prefix(2))
        try store.commit(batch)
        #expect(try store.linkCount(entity: .invoice) == 1)
        #expect(try store.openIntents().isEmpty)
        #expect(try store.pendingRetries(entity: .invoice).map(\.sourceID) == ["inv-3"])
    }

    @Test func errorsNeverContainBoundValues() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        var batch = StateCommit()
        var link = StoreFixtures.link(pm: "", acct: "acct-SECRET-4711", name: "SECRET-4711")
        link.pmVersion = "SECRET-4711"
        batch.links = [link]
        batch.logEntries = [StoreFixtures.entry(run: 99, pm: "SECRET-4711")]
        let error = #expect(throws: StateStoreError.self) { try store.commit(batch) }
        #expect(error != nil)
        #expect(error?.description.contains("SECRET") == false)
        #expect(String(describing: error).contains("SECRET") == false)
    }
}
