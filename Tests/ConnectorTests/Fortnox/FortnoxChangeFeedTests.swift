import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SyncCore
import Testing

@Suite("Fortnox connector: change feeds (O3)")
struct FortnoxChangeFeedTests {
    /// A connector limit that never waits, for tests about paging rather than pacing.
    static let unlimited = RateLimit(maxRequests: 1_000_000, window: .seconds(1), maxInFlight: 4)

    /// 10,000 records in-process; over loopback 1,201 (three pages, the last partial) keeps the suite
    /// fast while still paging through URLSession.
    @Test(
        "O3: every customer is listed page by page, each exactly once",
        arguments: [(FortnoxWire.inProcess, 10_000), (FortnoxWire.loopback, 1_201)])
    func everyCustomerIsListedOnce(wire: FortnoxWire, count: Int) async throws {
        let bed = try await FortnoxTestbed(wire, emulatorRateLimit: nil, rateLimit: Self.unlimited, collectsLog: false)
        for number in 1...count {
            try bed.seed(.customers, ["CustomerNumber": .string(String(number)), "Name": .string("Kund \(number)")])
        }
        let listed = try await FortnoxTestbed.collect(bed.connector.customers.changes(since: nil))
        let pages = (count + 499) / 500
        #expect(listed.records.count == count)
        #expect(Set(listed.records.map(\.id)) == Set((1...count).map(String.init)))
        #expect(listed.unreadable.isEmpty)
        #expect(listed.pages == pages)
        #expect(listed.cursor != nil)
        let lists = bed.recorder.exchanges(.get, path: "/3/customers")
        #expect(lists.map { $0.queryValue("page") } == (1...pages).map(String.init))
        #expect(lists.allSatisfy { $0.queryValue("limit") == "500" })
        #expect(bed.recorder.exchanges(.get, prefix: "/3/customers/").count == count)
        bed.finish()
    }

    @Test("O3: an incremental listing returns only what changed since the cursor", arguments: FortnoxWire.allCases)
    func anIncrementalListingReturnsOnlyChanges(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire, emulatorRateLimit: nil)
        for number in 1...30 {
            try bed.seed(.customers, ["CustomerNumber": .string(String(number)), "Name": .string("Kund \(number)")])
        }
        bed.clock.advance(by: 600)
        let full = try await FortnoxTestbed.collect(bed.connector.customers.changes(since: nil))
        #expect(full.records.count == 30)
        let cursor = try #require(full.cursor)

        bed.clock.advance(by: 600)
        for number in [4, 17, 29] {
            try await bed.fortnoxUser(
                .put, "/3/customers/\(number)", ["Customer": ["Email": .string("ny@kund\(number).se")]])
        }
        try bed.seed(.customers, ["CustomerNumber": "31", "Name": "Ny kund"])
        bed.recorder.reset()
        let changed = try await FortnoxTestbed.collect(bed.connector.customers.changes(since: cursor))
        #expect(changed.records.map(\.id).sorted(by: { Int($0) ?? 0 < Int($1) ?? 0 }) == ["4", "17", "29", "31"])
        #expect(changed.records.first { $0.id == "17" }?.record.email == "ny@kund17.se")
        #expect(bed.recorder.exchanges(.get, path: "/3/customers").first?.queryValue("lastmodified") == cursor.value)
        #expect(try #require(changed.cursor).value > cursor.value)
        bed.finish()
    }

    @Test("O3: the cursor comes from before the listing started, however long the listing took")
    func theCursorIsTakenBeforeTheListing() async throws {
        let bed = try await FortnoxTestbed(.inProcess)  // Fortnox's own 25 per 5 s on both sides, virtual time
        for number in 1...120 {
            try bed.seed(.customers, ["CustomerNumber": .string(String(number)), "Name": .string("Kund \(number)")])
        }
        let started = bed.clock.now()
        let listed = try await FortnoxTestbed.collect(bed.connector.customers.changes(since: nil))
        #expect(listed.records.count == 120)
        #expect(bed.clock.now().timeIntervalSince(started) > 20, "the rate limit made the listing take a while")
        // The first page was answered at 2026-01-01T00:00Z (its Date), 01:00 in Stockholm; one minute
        // less covers either reading of the filter's bound. No local overlap is needed.
        #expect(listed.cursor == ChangeCursor("2026-01-01 00:59"))
        #expect(bed.recorder.count(status: 429) == 0)
        bed.finish()
    }

    @Test(
        "The cursor is Stockholm local time, rounded down to the minute, moved before a repeated hour",
        arguments: [
            ("2026-01-01T00:00:00Z", 300, "2026-01-01 00:55"),
            ("2026-07-01T12:00:59Z", 0, "2026-07-01 14:00"),
            ("2025-10-26T00:30:00Z", 0, "2025-10-26 01:30"),  // 02:30 CEST would recur at 01:30Z
            ("2025-10-26T01:30:00Z", 0, "2025-10-26 02:30"),  // the second 02:30: reading it early is safe
            ("2026-03-29T01:30:00Z", 0, "2026-03-29 03:30"),
        ])
    func theCursorIsLocalTime(instant: String, overlapSeconds: Int, expected: String) async throws {
        let start = try #require(try? Date(instant, strategy: .iso8601))
        var options = FortnoxConnector.Options()
        options.changeOverlap = .seconds(overlapSeconds)
        let scripted = try FortnoxScriptedConnector(options: options, start: start)
        scripted.handler.answer("GET /3/customers", json: FortnoxScriptedHandler.list("Customers", [], pages: 0))
        let listed = try await FortnoxTestbed.collect(scripted.connector.customers.changes(since: nil))
        #expect(listed.pages == 1)
        #expect(listed.cursor == ChangeCursor(expected))
    }

    @Test("O7: list items without a key and details that cannot be mapped are unreadable; vanished ones left out")
    func unreadableItemsAreReportedNotDropped() async throws {
        let scripted = try FortnoxScriptedConnector()
        scripted.handler.answer(
            "GET /3/customers",
            json: FortnoxScriptedHandler.list(
                "Customers",
                [
                    ["CustomerNumber": "1", "Name": "Ett AB"], ["Name": "Utan nummer"], ["CustomerNumber": "2"],
                    ["CustomerNumber": "3"], ["CustomerNumber": "1", "Name": "Ett AB"],
                ]))
        scripted.handler.answer("GET /3/customers/1", json: ["Customer": ["CustomerNumber": 1, "Name": "Ett AB"]])
        scripted.handler.answer(
            "GET /3/customers/3", json: ["Customer": ["CustomerNumber": "3", "Name": "Tre AB", "Type": "ALIEN"]])
        let listed = try await FortnoxTestbed.collect(scripted.connector.customers.changes(since: nil))
        #expect(listed.records.map(\.id) == ["1"])
        #expect(listed.unreadable.count == 2)
        #expect(listed.unreadable[0].naturalKey == nil)
        #expect(listed.unreadable[0].reason.contains("CustomerNumber"))
        #expect(listed.unreadable[1].naturalKey == "3")
        #expect(listed.unreadable[1].reason.contains("Type"))
        #expect(listed.unreadable[1].reason.contains("ALIEN"))
    }

    @Test("O3: when a deletion shifts the pages, the listing restarts and still lists every record once")
    func aShrinkingListRestarts() async throws {
        var options = FortnoxConnector.Options()
        options.pageSize = 2
        let scripted = try FortnoxScriptedConnector(options: options)
        func page(_ numbers: [Int], page: Int, total: Int) -> HTTPResponse {
            .json(
                200,
                FortnoxScriptedHandler.list(
                    "Customers", numbers.map { ["CustomerNumber": .string(String($0))] }, page: page,
                    pages: (total + 1) / 2, total: total))
        }
        // Page 1 lists 1 and 2; then customer 1 is deleted, so page 2 would hold only 4 and skip 3.
        scripted.handler.answer(
            "GET /3/customers?limit=2&page=1", with: page([1, 2], page: 1, total: 4), page([2, 3], page: 1, total: 3))
        scripted.handler.answer("GET /3/customers?limit=2&page=2", with: page([4], page: 2, total: 3))
        for number in 1...4 {
            scripted.handler.answer(
                "GET /3/customers/\(number)",
                json: ["Customer": ["CustomerNumber": .string(String(number)), "Name": .string("Kund \(number)")]])
        }
        let listed = try await FortnoxTestbed.collect(scripted.connector.customers.changes(since: nil))
        #expect(listed.records.map(\.id) == ["1", "2", "3", "4"])
    }
}
