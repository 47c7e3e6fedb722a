import Foundation
import SyncCore
import Testing

@testable import SyncStore

/// `brygga log prune` at the store (O4): old entries go, those of records still failing stay, the prune
/// is logged, and nothing else can delete an entry.
@Suite struct PruneTests {
    private static let day: Int64 = 86_400_000

    /// A log over 30 days: a created entry a day for customers 1…30, and customer 99 failing since day 0.
    private static func filledStore(_ directory: TemporaryDirectory) throws -> SQLiteStateStore {
        let store = try SQLiteStateStore(path: directory.databasePath)
        for dayNumber in 0..<30 {
            let run = try store.startRun(kind: .incremental, at: StoreFixtures.time(Int64(dayNumber) * day))
            var commit = StateCommit()
            commit.logEntries = [
                StoreFixtures.entry(
                    run: run, .customer, .created, pm: "guid-\(dayNumber)", key: "\(dayNumber + 1)",
                    at: Int64(dayNumber) * day)
            ]
            if dayNumber == 0 {
                commit.logEntries.append(
                    StoreFixtures.entry(run: run, .customer, .failed, pm: "guid-99", key: "99", at: 0))
                commit.failures = [StoreFixtures.failure(.customer, id: "guid-99", reason: "because", at: 0, key: "99")]
            }
            try store.commit(commit)
            try store.finishRun(
                id: run, at: StoreFixtures.time(Int64(dayNumber) * day + 1), summary: RunSummary(), exitCode: 0)
        }
        return store
    }

    @Test("O4: prune removes entries older than the date, keeps those of a record still failing, and logs itself")
    func pruneRemovesOldEntriesButNotFailingOnes() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.filledStore(directory)

        let prune = try store.pruneTransferLog(
            before: StoreFixtures.time(10 * Self.day), at: StoreFixtures.time(40 * Self.day))

        #expect(prune.removedEntries == 10)
        #expect(prune.keptEntries == 1)
        let log = try store.transferLog(matching: TransferLogQuery(limit: 1_000))
        #expect(log.first?.pmID == "guid-99", "the failing record's first failure stays")
        #expect(log.filter { $0.action == .created }.map(\.naturalKey) == (11...30).map { "\($0)" })
        let entry = try #require(log.last)
        #expect(entry.action == .pruned && entry.entity == .transferLog && entry.rule == "O4")
        #expect(entry.runID == prune.runID)
        #expect(entry.reason?.hasPrefix("removed 10 entries older than ") == true)
        #expect(entry.reason?.contains("kept 1 older entries of records still failing") == true)
        let runs = try store.recentRuns(limit: 100)
        #expect(runs.first?.kind == .prune && runs.first?.exitCode == 0)
        #expect(prune.removedRuns == 9, "runs 2…10 have no entry left; run 1 holds the failure")
        #expect(runs.count == 30 - 9 + 1)
    }

    @Test("O4: nothing but the prune can delete an entry; the prune never deletes a failing record's")
    func theDatabaseRefusesEveryOtherDeletion() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.filledStore(directory)
        let before = try store.transferLog(matching: TransferLogQuery(limit: 1_000))

        for sql in [
            "DELETE FROM transfer_log WHERE sequence = 2",
            "UPDATE transfer_log SET reason = 'x' WHERE sequence = 2",
            // With an authorization, still not a newer entry, nor one of a record still failing.
            "INSERT INTO prune_authorization (id, before) VALUES (1, \(StoreFixtures.time(Self.day).epochMilliseconds)); "
                + "DELETE FROM transfer_log WHERE sequence = 5",
            "INSERT INTO prune_authorization (id, before) VALUES (1, \(StoreFixtures.time(40 * Self.day).epochMilliseconds)); "
                + "DELETE FROM transfer_log WHERE pm_id = 'guid-99'",
        ] {
            #expect(throws: StateStoreError.self, "\(sql)") {
                try store.write("tampering") { database throws(SQLiteFailure) in try database.execute(sql) }
            }
        }
        #expect(try store.transferLog(matching: TransferLogQuery(limit: 1_000)) == before)
    }

    @Test("O4: a prune before the first entry removes nothing and still records that it ran")
    func anEmptyPruneIsRecorded() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.filledStore(directory)
        let prune = try store.pruneTransferLog(before: StoreFixtures.time(-1), at: StoreFixtures.time(40 * Self.day))
        #expect(prune.removedEntries == 0 && prune.removedRuns == 0)
        #expect(try store.transferLog(matching: TransferLogQuery(limit: 1_000)).count == 32)
    }
}
