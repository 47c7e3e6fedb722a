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
}
