import Foundation
import SyncCore
import Testing

@testable import SyncStore

@Suite struct OpeningTests {
    @Test func aNewDatabaseIsCreatedAtTheCurrentSchemaInWALMode() throws {
        let directory = try TemporaryDirectory()
        _ = try SQLiteStateStore(path: directory.databasePath)
        let raw = try Database(path: directory.databasePath, mode: .readOnly)
        #expect(try raw.integer("PRAGMA user_version") == Int64(SQLiteStateStore.currentSchemaVersion))
        #expect(try raw.integer("PRAGMA application_id") == SchemaV1.applicationID)
        #expect(try raw.text("PRAGMA journal_mode") == "wal")
        let tables = try raw.withStatement("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            statement throws(SQLiteFailure) in
            var names: [String] = []
            while try statement.step() { names.append(statement.string(at: 0) ?? "") }
            return names
        }
        #expect(
            tables == [
                "cursors", "digests", "invoice_attachments", "invoice_transfers", "journal", "links", "logged_notes",
                "notified_failures", "prune_authorization", "retry_queue", "runs", "secrets", "settings",
                "sqlite_sequence", "transfer_log",
            ])
    }

    @Test func theStoreConfiguresItsConnectionForDurability() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let (synchronous, foreignKeys) = try store.read("checking pragmas") { database throws(SQLiteFailure) in
            (try database.integer("PRAGMA synchronous"), try database.integer("PRAGMA foreign_keys"))
        }
        #expect(synchronous == 2)  // FULL
        #expect(foreignKeys == 1)
    }

    @Test("an empty file is upgraded from version 0", arguments: [false, true])
    func anEmptyFileIsUpgradedFromVersionZero(emptySQLiteDatabase: Bool) throws {
        let directory = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: directory.databasePath, contents: Data()))
        if emptySQLiteDatabase {
            // A valid SQLite file without tables, user_version 0, journal mode DELETE.
            let raw = try Database(path: directory.databasePath, mode: .readWrite)
            try raw.execute("CREATE TABLE scratch (x); DROP TABLE scratch;")
        }
        let store = try SQLiteStateStore(path: directory.databasePath)
        let run = try store.startRun(kind: .bootstrap, at: StoreFixtures.time(0))
        #expect(try store.recentRuns(limit: 1).map(\.id) == [run])
        let raw = try Database(path: directory.databasePath, mode: .readOnly)
        #expect(try raw.integer("PRAGMA user_version") == Int64(SQLiteStateStore.currentSchemaVersion))
        #expect(try raw.text("PRAGMA journal_mode") == "wal")
    }

    @Test func aDatabaseOfANewerBryggaIsRefusedAndLeftUntouched() throws {
        let directory = try TemporaryDirectory()
        do {
            _ = try SQLiteStateStore(path: directory.databasePath)
            let raw = try Database(path: directory.databasePath, mode: .readWrite)
            try raw.execute("PRAGMA user_version = \(SQLiteStateStore.currentSchemaVersion + 1)")
        }
        let before = try FileFingerprint(path: directory.databasePath)
        let error = #expect(throws: StateStoreError.self) { try SQLiteStateStore(path: directory.databasePath) }
        #expect(error?.kind == .newerSchema)
        #expect(error?.message.contains("upgrade Brygga") == true)
        #expect(error?.description.contains(directory.databasePath) == true)
        #expect(try FileFingerprint(path: directory.databasePath) == before)
    }

    /// Files that are not Brygga state databases.
    enum ForeignFile: String, CaseIterable {
        case garbageBytes
        case shortGarbage
        case damagedSQLite
        case otherProgramsDatabase
        case otherProgramsDatabaseWithVersion

        func write(to path: String) throws {
            switch self {
            case .garbageBytes:
                try Data((0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(
                    to: URL(fileURLWithPath: path))
            case .shortGarbage:
                try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
            case .damagedSQLite:
                try Data(Array("SQLite format 3\0".utf8) + Array(repeating: 0xEE, count: 4_080))
                    .write(to: URL(fileURLWithPath: path))
            case .otherProgramsDatabase, .otherProgramsDatabaseWithVersion:
                _ = FileManager.default.createFile(atPath: path, contents: Data())
                let raw = try Database(path: path, mode: .readWrite)
                try raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, title TEXT)")
                if self == .otherProgramsDatabaseWithVersion {
                    try raw.execute("PRAGMA user_version = 1")
                }
            }
        }
    }

    @Test(
        "a file that is not a Brygga database is refused as corrupt and left untouched", arguments: ForeignFile.allCases
    )
    func aForeignFileIsRefusedAndLeftUntouched(_ file: ForeignFile) throws {
        let directory = try TemporaryDirectory()
        try file.write(to: directory.databasePath)
        let before = try FileFingerprint(path: directory.databasePath)
        let error = #expect(throws: StateStoreError.self) { try SQLiteStateStore(path: directory.databasePath) }
        #expect(error?.kind == .corrupt)
        #expect(error?.description.contains(directory.databasePath) == true)
        #expect(error?.message.contains("untouched") == true)
        #expect(try FileFingerprint(path: directory.databasePath) == before)
    }

    @Test func aMissingDirectoryCannotBeOpenedAndTheErrorSaysWhatToDo() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing/state.sqlite")
        let error = #expect(throws: StateStoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.kind == .cannotOpen)
        #expect(error?.description.contains(path) == true)
        #expect(error?.message.contains("directory exists") == true)
    }

    @Test func theDatabaseAndItsWALFilesAreOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        try store.setSetting("enabled", to: "true")
        // While the store is open, the -wal and -shm files exist.
        for suffix in ["", "-wal", "-shm"] {
            #expect(try permissions(of: directory.databasePath + suffix) == 0o600, "\(suffix)")
        }
    }

    @Test func anExistingDatabaseReadableByOthersIsMadePrivate() throws {
        let directory = try TemporaryDirectory()
        _ = try SQLiteStateStore(path: directory.databasePath)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory.databasePath)
        _ = try SQLiteStateStore(path: directory.databasePath)
        #expect(try permissions(of: directory.databasePath) == 0o600)
    }

    @Test("O3: everything is still there after the store is closed and opened again")
    func reopeningKeepsTheState() throws {
        let directory = try TemporaryDirectory()
        let link = StoreFixtures.link(pm: "guid-1", acct: "1001")
        let run: Int64
        do {
            let store = try SQLiteStateStore(path: directory.databasePath)
            run = try store.startRun(kind: .incremental, at: StoreFixtures.time(0))
            var batch = StateCommit()
            batch.links = [link]
            batch.logEntries = [StoreFixtures.entry(run: run, pm: "guid-1")]
            batch.cursors = [CursorUpdate(side: .accounting, entity: .customer, cursor: ChangeCursor("c9"))]
            try store.commit(batch)
        }
        let store = try SQLiteStateStore(path: directory.databasePath)
        #expect(try store.links(entity: .customer, side: .projectManagement, ids: ["guid-1"]) == ["guid-1": link])
        #expect(try store.transferLog(matching: TransferLogQuery(runID: run)).count == 1)
        #expect(try store.cursor(side: .accounting, entity: .customer) == ChangeCursor("c9"))
        #expect(try store.startRun(kind: .incremental, at: StoreFixtures.time(1)) > run)
    }
}
