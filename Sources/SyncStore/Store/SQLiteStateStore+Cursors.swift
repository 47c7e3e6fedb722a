public import SyncCore

extension SQLiteStateStore {
    /// The stored cursor of `side`'s change feed for `entity`.
    public func cursor(side: SystemSide, entity: EntityKind) throws(StateStoreError) -> ChangeCursor? {
        try read("reading the \(side.rawValue) \(entity.rawValue) cursor") { database throws(SQLiteFailure) in
            try database.withStatement("SELECT value FROM cursors WHERE side = ? AND entity = ?") {
                statement throws(SQLiteFailure) in
                try statement.bind(side.rawValue, at: 1)
                try statement.bind(entity.rawValue, at: 2)
                guard try statement.step() else { return nil }
                return ChangeCursor(try statement.requiredString(at: 0, column: "cursors.value"))
            }
        }
    }
}
