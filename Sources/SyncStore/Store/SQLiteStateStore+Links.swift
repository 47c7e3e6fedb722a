public import SyncCore

extension SQLiteStateStore {
    static let linkColumns =
        "entity, pm_id, acct_id, natural_key, pm_snapshot, acct_snapshot, pm_version, synced_at"

    /// The links of `entity` whose id on `side` is one of `ids`, keyed by that id.
    public func links(
        entity: EntityKind, side: SystemSide, ids: [String]
    ) throws(StateStoreError) -> [String: RecordLink] {
        guard !ids.isEmpty else { return [:] }
        let column = side == .projectManagement ? "pm_id" : "acct_id"
        let sql = "SELECT \(Self.linkColumns) FROM links WHERE entity = ? AND \(column) = ?"
        return try read("reading \(entity.rawValue) links by id") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                var found: [String: RecordLink] = [:]
                for id in Set(ids) {
                    try statement.bind(entity.rawValue, at: 1)
                    try statement.bind(id, at: 2)
                    if try statement.step() {
                        found[id] = try Self.link(from: statement)
                    }
                    statement.reset()
                }
                return found
            }
        }
    }

    /// The links of `entity` whose natural key is one of `keys`, keyed by natural key.
    ///
    /// When several links share a natural key, the most recently synced one is returned.
    public func links(entity: EntityKind, naturalKeys: [String]) throws(StateStoreError) -> [String: RecordLink] {
        guard !naturalKeys.isEmpty else { return [:] }
        let sql = """
            SELECT \(Self.linkColumns) FROM links WHERE entity = ? AND natural_key = ?
            ORDER BY synced_at DESC, rowid DESC LIMIT 1
            """
        return try read("reading \(entity.rawValue) links by natural key") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                var found: [String: RecordLink] = [:]
                for key in Set(naturalKeys) {
                    try statement.bind(entity.rawValue, at: 1)
                    try statement.bind(key, at: 2)
                    if try statement.step() {
                        found[key] = try Self.link(from: statement)
                    }
                    statement.reset()
                }
                return found
            }
        }
    }

    /// The number of links of `entity`.
    public func linkCount(entity: EntityKind) throws(StateStoreError) -> Int {
        try read("counting \(entity.rawValue) links") { database throws(SQLiteFailure) in
            try database.withStatement("SELECT count(*) FROM links WHERE entity = ?") {
                statement throws(SQLiteFailure) in
                try statement.bind(entity.rawValue, at: 1)
                return try statement.step() ? Int(statement.int64(at: 0) ?? 0) : 0
            }
        }
    }

    /// Decodes a row selected with ``linkColumns``.
    static func link(from row: Statement) throws(SQLiteFailure) -> RecordLink {
        RecordLink(
            entity: try row.requiredValue(EntityKind.self, at: 0, column: "links.entity"),
            pmID: try row.requiredString(at: 1, column: "links.pm_id"),
            accountingID: try row.requiredString(at: 2, column: "links.acct_id"),
            naturalKey: try row.requiredString(at: 3, column: "links.natural_key"),
            pmSnapshot: try row.json(at: 4, column: "links.pm_snapshot"),
            accountingSnapshot: try row.json(at: 5, column: "links.acct_snapshot"),
            pmVersion: row.string(at: 6),
            syncedAt: try row.requiredDate(at: 7, column: "links.synced_at")
        )
    }
}
