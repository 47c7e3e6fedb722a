import Foundation
public import HTTPSupport
import JSONSupport
public import SyncStore

/// The Fortnox OAuth tokens kept in the state database's `secrets` table (O1).
///
/// ``save(_:)`` returns once SQLite has committed the row with `synchronous = FULL`, so a rotated
/// refresh token is on disk before the new access token is used. The database file is created with
/// mode 0600 (owner only). Tokens are stored as one JSON document under ``secretName``; no error or
/// description ever contains a token.
public struct StateDatabaseTokenStore: TokenStore {
    /// The name of the row in the `secrets` table.
    public static let secretName = "fortnox.oauth-tokens"

    /// The state database.
    public let store: SQLiteStateStore

    /// Creates a token store over `store`.
    public init(store: SQLiteStateStore) {
        self.store = store
    }

    public func load() async throws(TokenStoreError) -> StoredTokens? {
        try loadNow()
    }

    public func save(_ tokens: StoredTokens) async throws(TokenStoreError) {
        do {
            try store.storeSecret(JSONSerializer.string(Self.document(tokens)), named: Self.secretName)
        } catch {
            throw TokenStoreError(reason: "cannot save the Fortnox tokens: \(error)")
        }
    }

    /// The stored tokens, read synchronously (for `brygga status`).
    ///
    /// - Throws: ``TokenStoreError`` when the database cannot be read or the row is not a token document.
    public func loadNow() throws(TokenStoreError) -> StoredTokens? {
        let text: String?
        do {
            text = try store.secret(named: Self.secretName)
        } catch {
            throw TokenStoreError(reason: "cannot read the Fortnox tokens: \(error)")
        }
        guard let text else { return nil }
        guard let document = try? JSONParser.parse(text), let tokens = Self.tokens(from: document) else {
            throw TokenStoreError(
                reason: "the stored Fortnox tokens are unreadable; run `brygga auth fortnox` to authorize again")
        }
        return tokens
    }

    private static func document(_ tokens: StoredTokens) -> JSONValue {
        var members: [String: JSONValue] = [
            "accessToken": .string(tokens.accessToken),
            "accessTokenExpiresAt": milliseconds(tokens.accessTokenExpiresAt),
            "refreshToken": .string(tokens.refreshToken),
            "scope": .string(tokens.scope),
        ]
        if let expiry = tokens.refreshTokenExpiresAt { members["refreshTokenExpiresAt"] = milliseconds(expiry) }
        return .object(members)
    }

    private static func tokens(from document: JSONValue) -> StoredTokens? {
        guard let access = document["accessToken"]?.stringValue,
            let accessExpiry = date(document["accessTokenExpiresAt"]),
            let refresh = document["refreshToken"]?.stringValue,
            let scope = document["scope"]?.stringValue
        else { return nil }
        return StoredTokens(
            accessToken: access, accessTokenExpiresAt: accessExpiry, refreshToken: refresh,
            refreshTokenExpiresAt: date(document["refreshTokenExpiresAt"]), scope: scope)
    }

    private static func milliseconds(_ date: Date) -> JSONValue {
        .number(JSONNumber(Int64((date.timeIntervalSince1970 * 1000).rounded())))
    }

    private static func date(_ value: JSONValue?) -> Date? {
        guard let milliseconds = value?.numberValue?.int64 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
