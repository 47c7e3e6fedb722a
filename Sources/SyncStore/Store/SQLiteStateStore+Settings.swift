import Foundation
public import SyncCore

extension SQLiteStateStore {
    /// The value of setting `key` (e.g. `enabled`).
    public func setting(_ key: String) throws(StateStoreError) -> String? {
        try read("reading setting \(key)") { database throws(SQLiteFailure) in
            try database.withStatement("SELECT value FROM settings WHERE key = ?") { statement throws(SQLiteFailure) in
                try statement.bind(key, at: 1)
                return try statement.step() ? statement.string(at: 0) : nil
            }
        }
    }

    /// Sets or (with `nil`) removes setting `key`.
    public func setSetting(_ key: String, to value: String?) throws(StateStoreError) {
        let sql =
            value == nil
            ? "DELETE FROM settings WHERE key = ?"
            : "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        try write("storing setting \(key)") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                try statement.bind(key, at: 1)
                if let value { try statement.bind(value, at: 2) }
                try statement.run()
            }
        }
    }

    /// The secret stored as `name` (e.g. an OAuth refresh token), or `nil`.
    ///
    /// Secrets are not part of the engine's protocol: the CLI adapts them to the HTTP layer's token
    /// store. Their values never appear in an error.
    public func secret(named name: String) throws(StateStoreError) -> String? {
        try read("reading secret \(name)") { database throws(SQLiteFailure) in
            try database.withStatement("SELECT value FROM secrets WHERE name = ?") { statement throws(SQLiteFailure) in
                try statement.bind(name, at: 1)
                return try statement.step() ? statement.string(at: 0) : nil
            }
        }
    }

    /// Stores (or with `nil` deletes) the secret `name`; durable when this returns, so that a rotated
    /// refresh token is on disk before it is used (O1).
    public func storeSecret(_ value: String?, named name: String) throws(StateStoreError) {
        let sql =
            value == nil
            ? "DELETE FROM secrets WHERE name = ?"
            : """
            INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """
        let now = Date().epochMilliseconds
        try write("storing secret \(name)") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                try statement.bind(name, at: 1)
                if let value {
                    try statement.bind(value, at: 2)
                    try statement.bind(now, at: 3)
                }
                try statement.run()
            }
        }
    }
}
