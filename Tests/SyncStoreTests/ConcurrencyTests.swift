import Foundation
import SyncCore
import Synchronization
import Testing

@testable import SyncStore

@Suite struct ConcurrencyTests {
    @Test func twoStoresOnOneFileSeeEachOthersCommits() throws {
        let directory = try TemporaryDirectory()
        let first = try SQLiteStateStore(path: directory.databasePath)
        let second = try SQLiteStateStore(path: directory.databasePath)
        let run = try first.startRun(kind: .incremental, at: StoreFixtures.time(0))
        var batch = StateCommit()
        batch.links = [StoreFixtures.link(pm: "guid-1", acct: "1001")]
        try first.commit(batch)
        #expect(try second.linkCount(entity: .customer) == 1)

        batch = StateCommit()
        batch.logEntries = [StoreFixtures.entry(run: run)]
        try second.commit(batch)
        #expect(try first.transferLog(matching: TransferLogQuery()).count == 1)
    }

    @Test func twoStoresWritingAtOnceTakeTurnsAndLoseNothing() async throws {
        let directory = try TemporaryDirectory()
        let stores = [
            try SQLiteStateStore(path: directory.databasePath), try SQLiteStateStore(path: directory.databasePath),
        ]
        let run = try stores[0].startRun(kind: .incremental, at: StoreFixtures.time(0))
        let errors = Mutex<[StateStoreError]>([])
        await runOnThreads(4) { thread in
            let store = stores[thread % 2]
            for round in 0..<15 {
                var batch = StateCommit()
                batch.logEntries = (0..<20).map { StoreFixtures.entry(run: run, key: "t\(thread)-r\(round)-\($0)") }
                batch.links = [StoreFixtures.link(pm: "pm-\(thread)-\(round)", acct: "acct-\(thread)-\(round)")]
                do throws(StateStoreError) {
                    try store.commit(batch)
                } catch {
                    errors.withLock { $0.append(error) }
                }
            }
        }
        #expect(errors.withLock { $0 }.isEmpty)
        let log = try stores[1].transferLog(matching: TransferLogQuery(limit: 10_000))
        #expect(log.count == 4 * 15 * 20)
        #expect(Set(log.map(\.sequence)).count == log.count)
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
        #expect(try stores[0].linkCount(entity: .customer) == 4 * 15)
    }

    @Test("O3: a store opening a file another process is migrating right now sees one snapshot, never a foreign file")
    func inspectingAFileWhileAnotherProcessMigratesItSeesOneSnapshot() throws {
        let directory = try TemporaryDirectory()
        let path = directory.databasePath
        #expect(try DatabaseFile.prepare(path: path) == .created)
        // The creating process switches to WAL before it migrates, as StateDatabase.open does.
        let creator = try Database(path: path, mode: .readWrite)
        #expect(try creator.text("PRAGMA journal_mode = WAL") == "wal")

        var committedBetweenReads = false
        try SchemaInspection.check(path: path, busyTimeoutMilliseconds: 1_000) {
            // The creator's migration commits after the inspection read the header but before it counted
            // the tables: with the reads in one snapshot, the inspection still sees the empty file.
            committedBetweenReads = (try? Migrator.migrate(creator, path: path)) != nil
        }
        #expect(committedBetweenReads)

        let store = try SQLiteStateStore(path: path)
        #expect(try store.linkCount(entity: .customer) == 0)
        #expect(try creator.integer("PRAGMA user_version") == Int64(SQLiteStateStore.currentSchemaVersion))
    }

    @Test("O3: a database a dying process left half made is finished by the next one")
    func aMigrationThatNeverCommittedIsDoneByTheNextOpen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.databasePath
        _ = try DatabaseFile.prepare(path: path)
        do {
            let dying = try Database(path: path, mode: .readWrite)
            _ = try dying.text("PRAGMA journal_mode = WAL")
            try dying.execute("BEGIN IMMEDIATE")
            try dying.execute(SchemaV1.sql)
            // The process dies here: the connection goes away without COMMIT.
        }
        let store = try SQLiteStateStore(path: path)
        #expect(try store.linkCount(entity: .customer) == 0)
    }

    @Test func storesOpeningANewFileAtOnceMigrateItOnce() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.databasePath
        let outcomes = Mutex<[Result<Int, StateStoreError>]>([])
        await runOnThreads(3) { _ in
            let outcome: Result<Int, StateStoreError>
            do throws(StateStoreError) {
                let store = try SQLiteStateStore(path: path)
                outcome = .success(try store.linkCount(entity: .customer))
            } catch {
                outcome = .failure(error)
            }
            outcomes.withLock { $0.append(outcome) }
        }
        #expect(outcomes.withLock { $0 }.map { try? $0.get() } == [0, 0, 0])
        let raw = try Database(path: path, mode: .readOnly)
        #expect(try raw.integer("PRAGMA user_version") == Int64(SQLiteStateStore.currentSchemaVersion))
    }

    @Test func aWriterThatWaitsTooLongFailsAsBusyWhileReadersSeeTheLastCommit() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath, busyTimeoutMilliseconds: 50)
        try store.setSetting("enabled", to: "true")
        let other = try Database(path: directory.databasePath, mode: .readWrite)
        try other.execute("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('uncommitted', 'x');")

        #expect(try store.setting("enabled") == "true")
        #expect(try store.setting("uncommitted") == nil)
        let error = #expect(throws: StateStoreError.self) { try store.setSetting("enabled", to: "false") }
        #expect(error?.kind == .busy)
        #expect(error?.message.contains("another process") == true)

        try other.execute("COMMIT")
        try store.setSetting("enabled", to: "false")
        #expect(try store.setting("enabled") == "false")
        #expect(try store.setting("uncommitted") == "x")
    }
}
