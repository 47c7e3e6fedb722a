import Foundation

@testable import SyncStore

/// Secrets as Brygga up to e8620cd stored them (`SQLiteStateStore.storeSecret`, since removed): one
/// row per name in the `secrets` table, upserted in a write transaction.
enum LegacySecrets {
    /// Stores `value` as `name` with the SQL the removed `storeSecret` ran.
    static func store(_ value: String, named name: String, in store: SQLiteStateStore) throws {
        let now = Date().epochMilliseconds
        try store.write("storing secret \(name)") { database throws(SQLiteFailure) in
            try database.withStatement(
                """
                INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """
            ) { statement throws(SQLiteFailure) in
                try statement.bind(name, at: 1)
                try statement.bind(value, at: 2)
                try statement.bind(now, at: 3)
                try statement.run()
            }
        }
    }

    /// Whether the raw bytes of the database file or its `-wal` contain the start or the end of any of
    /// `values` (a long value is split between a page and its overflow pages, so never whole).
    static func filesMention(_ values: [String], databasePath: String) throws -> Bool {
        let pieces = values.flatMap { [Data($0.utf8.prefix(24)), Data($0.utf8.suffix(24))] }
        for file in [databasePath, databasePath + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            if pieces.contains(where: { bytes.range(of: $0) != nil }) { return true }
        }
        return false
    }
}
