import Foundation
import HTTPSupport
import JSONSupport

@testable import SyncStore

/// A state database as Brygga up to e8620cd left it: the Fortnox tokens in the `secrets` table, under
/// `fortnox.oauth-tokens`, as one JSON document, upserted by the removed `SQLiteStateStore.storeSecret`
/// with the SQL below (its `StateDatabaseTokenStore` wrote the document).
enum LegacyTokenRows {
    /// Stores `tokens` the way the removed code did.
    static func store(_ tokens: StoredTokens, in store: SQLiteStateStore) throws {
        try storeRow(JSONSerializer.string(document(tokens)), in: store)
    }

    /// Stores `value` as the tokens' row, as it is (to store a damaged one).
    static func storeRow(_ value: String, in store: SQLiteStateStore) throws {
        let now = Date().epochMilliseconds
        try store.write("storing secret fortnox.oauth-tokens") { database throws(SQLiteFailure) in
            try database.withStatement(
                """
                INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """
            ) { statement throws(SQLiteFailure) in
                try statement.bind("fortnox.oauth-tokens", at: 1)
                try statement.bind(value, at: 2)
                try statement.bind(now, at: 3)
                try statement.run()
            }
        }
    }

    /// Tokens shaped like Fortnox's: an access token as long as its JWTs (so the row spills onto
    /// overflow pages), distinct per `number`.
    static func tokens(
        _ number: Int,
        expiringAt expiry: Date = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 3600).rounded())
    ) -> StoredTokens {
        StoredTokens(
            accessToken: "eyJ-ACCESS-\(number)-" + String(repeating: "a\(number % 10)b", count: 400) + "-END-\(number)",
            accessTokenExpiresAt: expiry, refreshToken: "REFRESH-\(number)-f3b8c1d2e4a5968778695a4b3c2d1e0f",
            refreshTokenExpiresAt: expiry.addingTimeInterval(45 * 86_400), scope: "article customer")
    }

    /// Whether the raw bytes of the database or its `-wal` hold the start or the end of any of the
    /// tokens (a long one is split between a page and its overflow pages, so never whole).
    static func filesMention(_ tokens: [StoredTokens], databasePath: String) throws -> Bool {
        let secrets = tokens.flatMap { [$0.accessToken, $0.refreshToken] }
        let pieces = secrets.flatMap { [Data($0.utf8.prefix(20)), Data($0.utf8.suffix(20))] }
        for file in [databasePath, databasePath + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            if pieces.contains(where: { bytes.range(of: $0) != nil }) { return true }
        }
        return false
    }

    private static func document(_ tokens: StoredTokens) -> JSONValue {
        func milliseconds(_ date: Date) -> JSONValue {
            .number(JSONNumber(Int64((date.timeIntervalSince1970 * 1000).rounded())))
        }
        var members: [String: JSONValue] = [
            "accessToken": .string(tokens.accessToken),
            "accessTokenExpiresAt": milliseconds(tokens.accessTokenExpiresAt),
            "refreshToken": .string(tokens.refreshToken),
            "scope": .string(tokens.scope),
        ]
        if let expiry = tokens.refreshTokenExpiresAt { members["refreshTokenExpiresAt"] = milliseconds(expiry) }
        return .object(members)
    }
}
