import Foundation
import JSONSupport
import SyncCore
import Testing

@testable import SyncStore

@Suite struct TransferLogTests {
    /// A store holding two runs of log entries, and the entries as stored.
    func filledStore(in directory: TemporaryDirectory) throws -> (SQLiteStateStore, [TransferLogEntry]) {
        let store = try SQLiteStateStore(path: directory.databasePath)
        let first = try store.startRun(kind: .incremental, at: StoreFixtures.time(0))
        let second = try store.startRun(kind: .incremental, at: StoreFixtures.time(10_000))
        var batch = StateCommit()
        batch.logEntries = [
            StoreFixtures.entry(run: first, .customer, .created, pm: "c-1", acct: "1001", key: "1001", at: 1),
            StoreFixtures.entry(run: first, .customer, .failed, pm: "c-2", key: "1002", at: 2),
            StoreFixtures.entry(run: first, .invoice, .skipped, pm: "i-1", at: 3),
        ]
        try store.commit(batch)
        batch.logEntries = [
            StoreFixtures.entry(run: second, .invoice, .created, pm: "i-1", acct: "5001", key: "INV-1", at: 10_001),
            StoreFixtures.entry(run: second, .customer, .conflict, pm: "c-1", acct: "1001", key: "1001", at: 10_002),
            StoreFixtures.entry(run: second, .customer, .failed, acct: "c-1", at: 10_003),
        ]
        try store.commit(batch)
        return (store, try store.transferLog(matching: TransferLogQuery(limit: 1_000)))
    }

    @Test("O4: entries round-trip with their field diffs and get increasing sequence numbers")
    func entriesRoundTripInOrder() throws {
        let directory = try TemporaryDirectory()
        let (_, entries) = try filledStore(in: directory)
        #expect(entries.count == 6)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
        var expected = StoreFixtures.entry(run: entries[1].runID, .customer, .failed, pm: "c-2", key: "1002", at: 2)
        expected.sequence = entries[1].sequence
        #expect(entries[1] == expected)
        // nil (absent) and JSON null stay apart in field changes.
        #expect(entries[1].changes[1].old == .null && entries[1].changes[1].new == nil)
        #expect(entries[1].conflicts[0].accountingValue == nil && entries[1].conflicts[0].winner == .accounting)
    }

    @Test(
        "O4: every filter of the log query",
        arguments: [
            ("run", TransferLogQuery(runID: 2), [3, 4, 5]),
            ("entity", TransferLogQuery(entity: .invoice), [2, 3]),
            ("actions", TransferLogQuery(actions: [.failed, .conflict]), [1, 4, 5]),
            ("record by pm id", TransferLogQuery(recordID: "i-1"), [2, 3]),
            ("record by accounting id or pm id", TransferLogQuery(recordID: "c-1"), [0, 4, 5]),
            ("record by natural key", TransferLogQuery(recordID: "INV-1"), [3]),
            ("since", TransferLogQuery(since: StoreFixtures.time(10_002)), [4, 5]),
            ("newest two, oldest first", TransferLogQuery(limit: 2), [4, 5]),
            ("combined", TransferLogQuery(runID: 1, entity: .customer, actions: [.failed, .created], limit: 1), [1]),
            ("nothing matches", TransferLogQuery(entity: .unit), []),
            ("zero limit", TransferLogQuery(limit: 0), []),
        ])
    func logQueriesFilter(name: String, query: TransferLogQuery, expectedIndexes: [Int]) throws {
        let directory = try TemporaryDirectory()
        let (store, entries) = try filledStore(in: directory)
        let found = try store.transferLog(matching: query)
        #expect(found == expectedIndexes.map { entries[$0] }, "\(name)")
    }

    @Test(
        "O4: the database itself refuses to update or delete log entries",
        arguments: [
            "UPDATE transfer_log SET reason = 'rewritten'",
            "UPDATE transfer_log SET action = 'created' WHERE action = 'failed'",
            "DELETE FROM transfer_log",
            "DELETE FROM transfer_log WHERE sequence = 1",
            "INSERT OR REPLACE INTO transfer_log SELECT * FROM transfer_log",
        ])
    func transferLogIsAppendOnly(sql: String) throws {
        let directory = try TemporaryDirectory()
        let (store, before) = try filledStore(in: directory)
        let raw = try Database(path: directory.databasePath, mode: .readWrite)
        let failure = #expect(throws: SQLiteFailure.self) { try raw.execute(sql) }
        #expect(failure?.detail.contains("transfer_log is append-only") == true)
        #expect(try store.transferLog(matching: TransferLogQuery(limit: 1_000)) == before)
    }

    @Test("O4: replacing links keeps the log entries about them")
    func replacingLinksKeepsTheLog() throws {
        let directory = try TemporaryDirectory()
        let (store, before) = try filledStore(in: directory)
        var batch = StateCommit()
        batch.links = [StoreFixtures.link(pm: "c-1", acct: "1001")]
        try store.commit(batch)
        batch.links = [StoreFixtures.link(pm: "c-1", acct: "2002")]
        try store.commit(batch)
        #expect(try store.transferLog(matching: TransferLogQuery(limit: 1_000)) == before)
    }

    @Test("O4: every filter of the log query is served by an index, in sequence order")
    func filteredQueriesUseAnIndex() throws {
        let directory = try TemporaryDirectory()
        _ = try filledStore(in: directory)
        let raw = try Database(path: directory.databasePath, mode: .readOnly)
        // (query, whether sorting the matches is fine: one record's entries are few).
        let queries = [
            (TransferLogQuery(runID: 2), false), (TransferLogQuery(entity: .invoice), false),
            (TransferLogQuery(actions: [.failed]), false),
            (TransferLogQuery(entity: .invoice, actions: [.failed]), false),
            (TransferLogQuery(since: StoreFixtures.time(0)), false), (TransferLogQuery(recordID: "c-1"), true),
        ]
        for (query, maySort) in queries {
            let filter = TransferLogFilter(query)
            let sql =
                "EXPLAIN QUERY PLAN SELECT * FROM transfer_log\(filter.whereClause) ORDER BY sequence DESC LIMIT 100"
            let plan = try raw.withStatement(sql) { statement throws(SQLiteFailure) in
                var details: [String] = []
                while try statement.step() {
                    details.append(statement.string(at: 3) ?? "")
                }
                return details.joined(separator: "; ")
            }
            // An index or the sequence range, and (but for one record) no sort of all matches: the
            // backwards walk stops after `limit` rows.
            #expect(plan.contains("USING"), "\(filter.whereClause): \(plan)")
            #expect(maySort || !plan.contains("TEMP B-TREE"), "\(filter.whereClause): \(plan)")
        }
    }
}

@Suite struct FieldDiffCodingTests {
    @Test func fieldDiffsAreWrittenAsCanonicalJSONAndReadBack() throws {
        let changes = [
            FieldChange(field: "name", old: nil, new: "Acme"),
            FieldChange(field: "vat", old: .null, new: nil),
            FieldChange(field: "amount", old: StoreFixtures.number("0.10"), new: ["a": 1, "b": [true, nil]]),
            FieldChange(field: "gone", old: nil, new: nil),
        ]
        let conflicts = [
            FieldConflict(field: "email", pmValue: "a@x.se", accountingValue: nil, winner: .accounting),
            FieldConflict(field: "phone", pmValue: nil, accountingValue: "+46 31", winner: .projectManagement),
            FieldConflict(field: "city", pmValue: nil, accountingValue: nil, winner: .projectManagement),
        ]
        var changeBytes: [UInt8] = []
        FieldDiffCoding.write(changes, to: &changeBytes)
        var conflictBytes: [UInt8] = []
        FieldDiffCoding.write(conflicts, to: &conflictBytes)

        // The same bytes JSONSerializer gives for the equivalent objects (sorted keys, absent = no member).
        let expectedChanges: JSONValue = [
            ["field": "name", "new": "Acme"], ["field": "vat", "old": nil],
            ["field": "amount", "old": StoreFixtures.number("0.10"), "new": ["a": 1, "b": [true, nil]]],
            ["field": "gone"],
        ]
        let expectedConflicts: JSONValue = [
            ["field": "email", "pm": "a@x.se", "winner": "acct"], ["field": "phone", "acct": "+46 31", "winner": "pm"],
            ["field": "city", "winner": "pm"],
        ]
        #expect(changeBytes == Array(JSONSerializer.data(expectedChanges)))
        #expect(conflictBytes == Array(JSONSerializer.data(expectedConflicts)))
        #expect(FieldDiffCoding.changes(from: try JSONParser.parse(Data(changeBytes))) == changes)
        #expect(FieldDiffCoding.conflicts(from: try JSONParser.parse(Data(conflictBytes))) == conflicts)
        #expect(FieldDiffCoding.changes(from: ["not an object"]) == nil)
    }
}

extension TransferLogTests {
    @Test("O4: a run's entries are counted per entity and action")
    func runEntriesAreCountedPerEntity() throws {
        let directory = try TemporaryDirectory()
        let (store, entries) = try filledStore(in: directory)
        let first = try #require(entries.first?.runID)
        let counts = try store.transferLogCounts(runID: first)
        #expect(counts.count == 2)
        #expect(counts[.customer]?.created == 1)
        #expect(counts[.customer]?.failed == 1)
        #expect(counts[.invoice]?.skipped == 1)
        #expect(counts[.invoice]?.created == 0)
        #expect(try store.transferLogCounts(runID: 999).isEmpty)
    }
}
