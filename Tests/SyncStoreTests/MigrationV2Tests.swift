import Foundation
import SyncCore
import Testing

@testable import SyncStore

/// Schema version 2 (the money flows' state) applied in place to a database version 1 made, exactly
/// as the version-1 Brygga made it: its schema statements and its own inserts.
@Suite struct MigrationV2Tests {
    /// Builds a version-1 database with one of everything at `path`, as version-1 code wrote it.
    static func makeVersion1Database(at path: String) throws {
        #expect(try DatabaseFile.prepare(path: path) == .created)
        let database = try Database(path: path, mode: .readWrite)
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("BEGIN IMMEDIATE; \(SchemaV1.sql) PRAGMA user_version = 1; COMMIT;")
        let start = StoreFixtures.time(0).epochMilliseconds
        try database.execute(
            """
            INSERT INTO runs (kind, started_at, finished_at, exit_code, created, failed)
                VALUES ('incremental', \(start), \(start + 10), 1, 3, 1);
            INSERT INTO links (entity, pm_id, acct_id, natural_key, pm_snapshot, acct_snapshot, pm_version, synced_at)
                VALUES ('customer', 'guid-1', '1001', '1001', '{"number":"1001"}', '{"CustomerNumber":"1001"}', 'v1',
                \(start));
            INSERT INTO cursors (side, entity, value) VALUES ('acct', 'customer', '2026-01-01 00:00');
            INSERT INTO journal (run_id, entity, target, operation, natural_key, source_id, target_id, opened_at)
                VALUES (1, 'customer', 'acct', 'create', '1002', 'guid-2', NULL, \(start));
            INSERT INTO retry_queue (entity, side, source_id, natural_key, reason, first_failed_at, last_failed_at,
                attempts) VALUES ('customer', 'pm', 'guid-3', '1003', 'VAT number missing (R2.2)', \(start),
                \(start), 2);
            INSERT INTO transfer_log (run_id, time, time_watermark, entity, direction, action, pm_id, acct_id,
                natural_key, reason, hint, rule, changes, conflicts) VALUES (1, \(start), \(start), 'customer',
                'pm_to_acct', 'failed', 'guid-3', NULL, '1003', 'VAT number missing', 'add it', 'R2.2', '[]', '[]');
            INSERT INTO secrets (name, value, updated_at) VALUES ('fortnox.refresh', 'not-a-real-token', \(start));
            INSERT INTO settings (key, value) VALUES ('enabled', 'true');
            """)
    }

    @Test("schema v2 upgrades a version-1 database in place and keeps every row of it")
    func upgradesInPlaceKeepingEverything() throws {
        let directory = try TemporaryDirectory()
        try Self.makeVersion1Database(at: directory.databasePath)

        let store = try SQLiteStateStore(path: directory.databasePath)

        let raw = try Database(path: directory.databasePath, mode: .readOnly)
        #expect(try raw.integer("PRAGMA user_version") == Int64(SQLiteStateStore.currentSchemaVersion))
        #expect(
            try store.links(entity: .customer, side: .projectManagement, ids: ["guid-1"])["guid-1"]?.accountingID
                == "1001")
        #expect(try store.cursor(side: .accounting, entity: .customer)?.value == "2026-01-01 00:00")
        let intents = try store.openIntents()
        #expect(intents.map(\.naturalKey) == ["1002"])
        #expect(intents.first?.payload == nil)
        #expect(try store.pendingRetries(entity: .customer).map(\.attempts) == [2])
        let log = try store.transferLog(matching: TransferLogQuery(limit: 10))
        #expect(log.map(\.reason) == ["VAT number missing"])
        #expect(try store.legacySecrets() == ["fortnox.refresh": "not-a-real-token"])
        #expect(try store.setting("enabled") == "true")
        #expect(try store.recentRuns(limit: 5).first?.summary.created == 3)
        #expect(throws: StateStoreError.self, "the log stays append-only after the upgrade") {
            try store.write("tampering") { database throws(SQLiteFailure) in
                try database.execute("UPDATE transfer_log SET reason = 'x'")
            }
        }
    }

    @Test("after the upgrade the money flows' state is stored and read back: transfers, attachments, notes, payloads")
    func newStateWorksAfterTheUpgrade() throws {
        let directory = try TemporaryDirectory()
        try Self.makeVersion1Database(at: directory.databasePath)
        let store = try SQLiteStateStore(path: directory.databasePath)
        let run = try store.startRun(kind: .incremental, at: StoreFixtures.time(100))
        let recorded = try store.recordIntents([
            WriteIntent(
                runID: run, entity: .projectFee, target: .projectManagement, operation: .create,
                naturalKey: "fortnox:supplierinvoice/7/row/2", sourceID: "fortnox:supplierinvoice/7/row/2",
                openedAt: StoreFixtures.time(100), payload: "2024001")
        ])
        var first = InvoiceTransfer(
            severaID: "inv-1", generation: 1, severaNumber: "10001", kind: .invoice, fortnoxNumber: "5",
            stage: .created, createdAt: StoreFixtures.time(110))
        var commit = StateCommit()
        commit.invoiceTransfers = [first]
        commit.attachments = [
            AttachmentTransfer(severaID: "inv-1", generation: 1, fileID: "file-1", fortnoxFileID: "f-9"),
            AttachmentTransfer(severaID: "inv-1", generation: 1, fileID: "file-2", skipReason: "not a PDF"),
        ]
        commit.notes = [LoggedNote(entity: .projectFee, sourceID: "row-1", note: "fortnox-only-project")]
        try store.commit(commit)

        #expect(try store.openIntents().first { $0.id == recorded[0].id }?.payload == "2024001")
        #expect(try store.invoiceTransfersAwaitingStatusMove().map(\.severaID) == ["inv-1"])
        #expect(try store.unpaidInvoiceNumbers() == ["5"])
        #expect(try store.attachmentTransfers(severaID: "inv-1", generation: 1).map(\.isSettled) == [false, true])
        #expect(
            try store.loggedNotes(entity: .projectFee, note: "fortnox-only-project", sourceIDs: ["row-1", "row-2"])
                == ["row-1"])

        first.stage = .moved
        first.movedAt = StoreFixtures.time(120)
        first.supersededAt = StoreFixtures.time(130)
        let second = InvoiceTransfer(
            severaID: "inv-1", generation: 2, severaNumber: "10001", kind: .invoice, fortnoxNumber: "8",
            stage: .moved, createdAt: StoreFixtures.time(130), movedAt: StoreFixtures.time(130), paidOutcome: .moved,
            paidAt: StoreFixtures.time(140))
        commit = StateCommit()
        commit.invoiceTransfers = [first, second]
        try store.commit(commit)

        #expect(try store.invoiceTransfers(severaIDs: ["inv-1"])["inv-1"] == second)
        #expect(try store.invoiceTransfers(fortnoxNumbers: ["5", "8"]).mapValues(\.generation) == ["5": 1, "8": 2])
        #expect(try store.invoiceTransfersAwaitingStatusMove().isEmpty)
        #expect(try store.unpaidInvoiceNumbers().isEmpty)
        #expect(try store.invoiceTransferCounts() == InvoiceTransferCounts(transferred: 1, paid: 1))
    }

    @Test("two Severa invoices never hold the same Fortnox invoice: such a commit fails whole")
    func aFortnoxNumberBelongsToOneTransfer() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        var commit = StateCommit()
        commit.invoiceTransfers = [
            InvoiceTransfer(
                severaID: "inv-1", generation: 1, severaNumber: nil, kind: .invoice, fortnoxNumber: "5",
                stage: .created, createdAt: StoreFixtures.time(0))
        ]
        try store.commit(commit)
        commit.invoiceTransfers[0].severaID = "inv-2"
        commit.logEntries = [
            StoreFixtures.entry(run: try store.startRun(kind: .incremental, at: StoreFixtures.time(1)))
        ]

        #expect(throws: StateStoreError.self) { try store.commit(commit) }
        #expect(try store.invoiceTransfers(fortnoxNumbers: ["5"])["5"]?.severaID == "inv-1")
        #expect(try store.transferLog(matching: TransferLogQuery(limit: 10)).isEmpty, "nothing of the commit is kept")
    }
}
