import Foundation
import JSONSupport
import SyncCore
import Testing

@testable import SyncStore

@Suite struct LinkTests {
    private func commit(_ links: [RecordLink], to store: SQLiteStateStore) throws {
        var batch = StateCommit()
        batch.links = links
        try store.commit(batch)
    }

    @Test func linksRoundTripExactlyByEitherIdAndByNaturalKey() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let acme = StoreFixtures.link(pm: "guid-1", acct: "1001", at: 5)
        var bolt = StoreFixtures.link(pm: "guid-2", acct: "1002", name: "Bolt \"&\" Söner 😀")
        bolt.pmVersion = nil
        try commit([acme, bolt], to: store)

        #expect(
            try store.links(entity: .customer, side: .projectManagement, ids: ["guid-1", "guid-2", "guid-9"])
                == ["guid-1": acme, "guid-2": bolt])
        #expect(try store.links(entity: .customer, side: .accounting, ids: ["1002", "1002"]) == ["1002": bolt])
        #expect(try store.links(entity: .customer, naturalKeys: ["1001", "nope"]) == ["1001": acme])
        #expect(try store.links(entity: .customer, side: .accounting, ids: []).isEmpty)
        #expect(try store.linkCount(entity: .customer) == 2)
        #expect(try store.linkCount(entity: .invoice) == 0)
        // The money amount kept its digits through the snapshot.
        let found = try store.links(entity: .customer, side: .accounting, ids: ["1001"])["1001"]
        #expect(found?.pmSnapshot["creditLimit"]?.numberValue?.literal == "12345678901234567890.10")
    }

    @Test func aLinkWithTheSamePMIDReplacesTheOldLink() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        try commit([StoreFixtures.link(pm: "guid-1", acct: "1001")], to: store)
        let relinked = StoreFixtures.link(pm: "guid-1", acct: "2001", at: 9)
        try commit([relinked], to: store)

        #expect(try store.linkCount(entity: .customer) == 1)
        #expect(try store.links(entity: .customer, side: .accounting, ids: ["1001"]).isEmpty)
        #expect(try store.links(entity: .customer, side: .projectManagement, ids: ["guid-1"]) == ["guid-1": relinked])
    }

    @Test func aLinkWithTheSameAccountingIDReplacesTheOldLink() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        try commit([StoreFixtures.link(pm: "guid-1", acct: "1001")], to: store)
        let relinked = StoreFixtures.link(pm: "guid-7", acct: "1001", at: 9)
        try commit([relinked], to: store)

        #expect(try store.linkCount(entity: .customer) == 1)
        #expect(try store.links(entity: .customer, side: .projectManagement, ids: ["guid-1"]).isEmpty)
        #expect(try store.links(entity: .customer, side: .accounting, ids: ["1001"]) == ["1001": relinked])
    }

    @Test func aLinkMatchingTwoLinksReplacesBoth() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        try commit(
            [StoreFixtures.link(pm: "guid-1", acct: "1001"), StoreFixtures.link(pm: "guid-2", acct: "1002")], to: store)
        let merged = StoreFixtures.link(pm: "guid-1", acct: "1002")
        try commit([merged], to: store)

        #expect(try store.linkCount(entity: .customer) == 1)
        #expect(
            try store.links(entity: .customer, side: .projectManagement, ids: ["guid-1", "guid-2"]) == [
                "guid-1": merged
            ])
    }

    @Test func linksOfDifferentEntitiesDoNotReplaceEachOther() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let customer = StoreFixtures.link(.customer, pm: "guid-1", acct: "1001")
        let project = StoreFixtures.link(.project, pm: "guid-1", acct: "1001")
        try commit([customer, project], to: store)

        #expect(try store.linkCount(entity: .customer) == 1)
        #expect(try store.linkCount(entity: .project) == 1)
        #expect(try store.links(entity: .project, naturalKeys: ["1001"]) == ["1001": project])
    }

    @Test func aNaturalKeySharedByTwoLinksFindsTheMostRecentlySynced() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let older = StoreFixtures.link(pm: "guid-1", acct: "1001", key: "K1", at: 10)
        let newer = StoreFixtures.link(pm: "guid-2", acct: "1002", key: "K1", at: 20)
        try commit([newer, older], to: store)
        #expect(try store.links(entity: .customer, naturalKeys: ["K1"]) == ["K1": newer])
    }

    @Test func snapshotsAreCanonicalJSONTextAndNoColumnIsReal() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let link = StoreFixtures.link(pm: "guid-1", acct: "1001")
        try commit([link], to: store)

        let raw = try Database(path: directory.databasePath, mode: .readOnly)
        #expect(try raw.text("SELECT acct_snapshot FROM links") == #"{"CustomerNumber":"1001","Name":"Acme AB"}"#)
        #expect(try raw.text("SELECT typeof(pm_snapshot) || ' ' || typeof(synced_at) FROM links") == "text integer")
        #expect(try raw.integer("SELECT synced_at FROM links") == link.syncedAt.epochMilliseconds)
        let realColumns = try raw.integer(
            """
            SELECT count(*) FROM sqlite_master AS t, pragma_table_info(t.name) AS c
            WHERE t.type = 'table' AND (c.type LIKE '%REAL%' OR c.type LIKE '%FLOA%' OR c.type LIKE '%DOUB%')
            """)
        #expect(realColumns == 0)
    }

    @Test func aLinkWithAnEmptyIdIsRefusedNamingTheConstraintButNoValue() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let error = #expect(throws: StateStoreError.self) {
            try commit([StoreFixtures.link(pm: "", acct: "1001", name: "Private Person 19121212-1212")], to: store)
        }
        #expect(error?.kind == .failed)
        #expect(error?.message.contains("CHECK constraint failed") == true)
        #expect(error?.description.contains("19121212") == false)
        #expect(error?.description.contains(directory.databasePath) == true)
    }

    @Test func aRowDamagedOutsideBryggaIsReportedAsCorruptNamingTheColumnButNotTheValue() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let raw = try Database(path: directory.databasePath, mode: .readWrite)
        try raw.execute(
            """
            INSERT INTO links VALUES ('customer', 'guid-1', '1001', '1001', '{"name": PRIVATE', '{}', NULL, 0);
            INSERT INTO runs (kind, started_at) VALUES ('incremental', 0);
            INSERT INTO transfer_log (run_id, time, time_watermark, entity, action, changes, conflicts)
            VALUES (1, 0, 0, 'customer', 'teleported-PRIVATE', '[]', '[]');
            """)
        let badJSON = #expect(throws: StateStoreError.self) {
            try store.links(entity: .customer, side: .projectManagement, ids: ["guid-1"])
        }
        #expect(badJSON?.kind == .corrupt)
        #expect(badJSON?.message.contains("links.pm_snapshot") == true)
        #expect(badJSON?.description.contains("PRIVATE") == false)
        let unknownAction = #expect(throws: StateStoreError.self) {
            try store.transferLog(matching: TransferLogQuery())
        }
        #expect(unknownAction?.kind == .corrupt)
        #expect(unknownAction?.message.contains("transfer_log.action") == true)
        #expect(unknownAction?.description.contains("PRIVATE") == false)
    }
}
