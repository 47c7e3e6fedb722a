import Foundation
import Notify
import SyncCore
import Testing

@testable import SyncStore

/// Schema version 3 (log hygiene and the digest state, O4 and O5) applied in place to a database
/// version 2 made, exactly as the version-2 Brygga made it: its schema statements and its own inserts.
@Suite struct MigrationV3Tests {
    /// Builds a version-2 database with rows in every table at `path`, as version-2 code wrote it.
    static func makeVersion2Database(at path: String) throws {
        try MigrationV2Tests.makeVersion1Database(at: path)
        let database = try Database(path: path, mode: .readWrite)
        try database.execute("BEGIN IMMEDIATE; \(SchemaV2.sql) PRAGMA user_version = 2; COMMIT;")
        let start = StoreFixtures.time(0).epochMilliseconds
        try database.execute(
            """
            INSERT INTO invoice_transfers (severa_guid, generation, severa_number, kind, fortnox_number, stage,
                created_at) VALUES ('inv-1', 1, '10001', 'invoice', '5', 'created', \(start));
            INSERT INTO invoice_attachments (severa_guid, generation, severa_file_guid, fortnox_file_id)
                VALUES ('inv-1', 1, 'file-1', 'f-9');
            INSERT INTO logged_notes (entity, source_id, note) VALUES ('project_fee', 'row-1', 'fortnox-only-project');
            INSERT INTO journal (run_id, entity, target, operation, natural_key, source_id, opened_at, payload)
                VALUES (1, 'project_fee', 'pm', 'create', 'fortnox:supplierinvoice/7/row/2',
                'fortnox:supplierinvoice/7/row/2', \(start), '2024001');
            """)
    }

    @Test("O4, O5: schema v3 upgrades a version-2 database in place and keeps every row of it")
    func upgradesInPlaceKeepingEverything() throws {
        let directory = try TemporaryDirectory()
        try Self.makeVersion2Database(at: directory.databasePath)

        let store = try SQLiteStateStore(path: directory.databasePath)

        let raw = try Database(path: directory.databasePath, mode: .readOnly)
        #expect(try raw.integer("PRAGMA user_version") == 3)
        #expect(try store.recentRuns(limit: 5).first?.summary.created == 3)
        #expect(
            try store.links(entity: .customer, side: .projectManagement, ids: ["guid-1"])["guid-1"]?.accountingID
                == "1001")
        #expect(try store.cursor(side: .accounting, entity: .customer)?.value == "2026-01-01 00:00")
        #expect(try store.openIntents().map(\.payload) == [nil, "2024001"])
        let queued = try #require(try store.pendingRetries(entity: .customer).first)
        #expect(queued.attempts == 2 && queued.reason == "VAT number missing (R2.2)")
        #expect(queued.rule == nil && queued.hint == nil && queued.recordName == nil && queued.counterpartID == nil)
        let log = try store.transferLog(matching: TransferLogQuery(limit: 10))
        #expect(log.map(\.reason) == ["VAT number missing"])
        #expect(log.first?.recordName == nil, "older entries have no name")
        #expect(try store.legacySecrets() == ["fortnox.refresh": "not-a-real-token"])
        #expect(try store.setting("enabled") == "true")
        #expect(try store.invoiceTransfers(severaIDs: ["inv-1"])["inv-1"]?.fortnoxNumber == "5")
        #expect(try store.attachmentTransfers(severaID: "inv-1", generation: 1).map(\.fortnoxFileID) == ["f-9"])
        #expect(
            try store.loggedNotes(entity: .projectFee, note: "fortnox-only-project", sourceIDs: ["row-1"]) == ["row-1"])
        #expect(try store.notifiedFailures().isEmpty && store.lastDigest() == nil)
        #expect(throws: StateStoreError.self, "the log stays append-only after the upgrade") {
            try store.write("tampering") { database throws(SQLiteFailure) in
                try database.execute("DELETE FROM transfer_log")
            }
        }
    }

    @Test("O4: after the upgrade an older queued failure is counted, not logged again, and gets its rule and name")
    func anOlderFailureIsCountedAfterTheUpgrade() throws {
        let directory = try TemporaryDirectory()
        try Self.makeVersion2Database(at: directory.databasePath)
        let store = try SQLiteStateStore(path: directory.databasePath)
        let run = try store.startRun(kind: .incremental, at: StoreFixtures.time(300_000))
        var commit = StateCommit()
        commit.logEntries = [
            TransferLogEntry(
                runID: run, time: StoreFixtures.time(300_000), entity: .customer, direction: .pmToAccounting,
                action: .failed, pmID: "guid-3", naturalKey: "1003", recordName: "Östlund Bygg AB",
                reason: "VAT number missing (R2.2)", hint: "add it", rule: "R2.2")
        ]
        commit.failures = [
            PendingRetry(
                entity: .customer, side: .projectManagement, sourceID: "guid-3", naturalKey: "1003",
                reason: "VAT number missing (R2.2)", firstFailedAt: StoreFixtures.time(300_000),
                lastFailedAt: StoreFixtures.time(300_000), attempts: 1)
        ]
        try store.commit(commit)

        #expect(try store.transferLog(matching: TransferLogQuery(limit: 10)).count == 1)
        let queued = try #require(try store.pendingRetries(entity: .customer).first)
        #expect(queued.attempts == 3 && queued.rule == "R2.2" && queued.recordName == "Östlund Bygg AB")
        #expect(queued.firstFailedAt == StoreFixtures.time(0))
    }

    @Test("O5: the digest state is stored only with an accepted mail, and the last digest is read back")
    func digestStateRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let run = try store.startRun(kind: .incremental, at: StoreFixtures.time(0))
        let row = NotifiedFailure(
            fingerprint: "f1", entity: "customer", side: .severa, sourceID: "guid-1", naturalKey: "1042", rule: "R2.2",
            reason: "the VAT number is invalid", firstSeenAt: StoreFixtures.time(1), lastSeenAt: StoreFixtures.time(1),
            mailedAt: StoreFixtures.time(1))
        let changes = DigestStateChanges(upserts: [row], deletions: [])
        let counts = DigestCounts(new: 1, stillFailing: 0, reminders: 0, resolved: 0)
        var delivery = DigestDelivery(
            runID: run, attemptedAt: StoreFixtures.time(1), transport: "SMTP relay 127.0.0.1:25",
            recipients: ["ekonomi@firma.test", "revisor@firma.test"], counts: counts,
            error: "SMTP relay 127.0.0.1:25: cannot connect: Connection refused")

        try store.recordDigest(delivery, changes: changes)
        #expect(try store.notifiedFailures().isEmpty, "a failed send changes no state")
        #expect(try store.lastDigest() == delivery)

        delivery.error = nil
        delivery.attemptedAt = StoreFixtures.time(2)
        try store.recordDigest(delivery, changes: changes)
        #expect(try store.notifiedFailures() == [row])
        #expect(try store.lastDigest() == delivery)

        try store.recordDigest(delivery, changes: DigestStateChanges(upserts: [], deletions: ["f1"]))
        #expect(try store.notifiedFailures().isEmpty)
    }
}
