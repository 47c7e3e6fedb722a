import Foundation
import SyncCore
import Testing

@testable import SeveraConnector

@Suite struct SeveraChangeCursorTests {
    @Test(arguments: [
        ("2026-01-01T08:30:00.000Z", "2026-01-01T08:30:00.000Z"),
        ("2026-01-01T08:30:00Z", "2026-01-01T08:30:00.000Z"),
        ("2026-01-01T08:30:00.1234567Z", "2026-01-01T08:30:00.123Z"),
        ("2026-01-01T10:30:00+02:00", "2026-01-01T08:30:00.000Z"),
        ("2026-01-01T08:30", "2026-01-01T08:30:00.000Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ("2024-02-29T00:00:00.5Z", "2024-02-29T00:00:00.500Z"),
    ])
    func stampsParseAndPrintInSeverasForm(_ text: String, _ printed: String) throws {
        #expect(try #require(ChangeStamp(parsing: text)).description == printed)
    }

    @Test(arguments: ["", "2026-01-01", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T08:30:00.Z", "x"])
    func malformedStampsAreRefused(_ text: String) {
        #expect(ChangeStamp(parsing: text) == nil)
    }

    @Test func cursorKeepsOnePositionPerRouteAndRefusesAnotherFeedsCursor() throws {
        let cursor = ChangeCursor("customers=2026-01-01T00:00:00.000Z;addresses=2026-01-02T00:00:00.000Z")
        let parsed = try FeedCursor(cursor, routes: ["addresses", "customers"], feed: "customer")
        #expect(parsed.filter("addresses") == [QueryItem("changedSince", "2026-01-02T00:00:00.000Z")])
        #expect(parsed.changeCursor?.value == "addresses=2026-01-02T00:00:00.000Z;customers=2026-01-01T00:00:00.000Z")
        let error = #expect(throws: ConnectorError.self) {
            try FeedCursor(ChangeCursor("projects=2026-01-01T00:00:00Z"), routes: ["customers"], feed: "customer")
        }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.message.contains("projects=2026-01-01T00:00:00Z") == true)
    }

    @Test func nextPositionIsTheLatestStampLessTheListingTimeAndOverlapButNeverEarlierThanBefore() throws {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let stamp = try #require(ChangeStamp(parsing: "2026-01-01T00:10:00.000Z"))
        var tracker = CursorTracker(previous: FeedCursor(), started: start)
        tracker.see("projects", stamp)
        tracker.see("projects", stamp.movedBack(by: .seconds(60)))
        let next = tracker.cursor(finished: start.addingTimeInterval(3), overlap: .seconds(2))
        #expect(next?.value == "projects=2026-01-01T00:09:55.000Z")
        let later = try #require(ChangeStamp(parsing: "2026-01-01T01:00:00.000Z"))
        var kept = CursorTracker(previous: FeedCursor(positions: ["projects": later]), started: start)
        kept.see("projects", stamp)
        #expect(kept.cursor(finished: start, overlap: .zero)?.value == "projects=2026-01-01T01:00:00.000Z")
        #expect(CursorTracker(previous: FeedCursor(), started: start).cursor(finished: start, overlap: .zero) == nil)
    }

    @Test("O3: the cursor remembers the records delivered at or after each route's next position")
    func cursorRemembersRecordsDeliveredInsideTheLookBack() throws {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let newest = try #require(ChangeStamp(parsing: "2026-01-01T00:10:00.000Z"))
        var tracker = CursorTracker(previous: FeedCursor(), started: start)
        for (guid, stamp) in [
            ("AAA", newest), ("bbb", newest.movedBack(by: .seconds(1))), ("ccc", ChangeStamp(milliseconds: 0)),
        ] {
            tracker.see("projects", stamp)
            tracker.deliver("projects", guid: guid, stamp: stamp)
        }
        let text = try #require(tracker.cursor(finished: start, overlap: .seconds(2))?.value)
        #expect(text == "projects=2026-01-01T00:09:58.000Z;projects.seen=aaa:2000,bbb:1000")
        let read = try FeedCursor(ChangeCursor(text), routes: ["projects"], feed: "project")
        #expect(read.wasDelivered("projects", guid: "AAA", stamp: newest))
        #expect(!read.wasDelivered("projects", guid: "aaa", stamp: newest.movedBack(by: .milliseconds(1))))
        #expect(!read.wasDelivered("projects", guid: "ccc", stamp: ChangeStamp(milliseconds: 0)))
        #expect(read.changeCursor?.value == text)
        let old = try FeedCursor(
            ChangeCursor("projects=2026-01-01T00:09:58.000Z"), routes: ["projects"], feed: "project")
        #expect(old.delivered.isEmpty)
    }

    @Test(arguments: [
        "customers=2026-01-01T00:00:00.000Z;customers.seen=abc:x",
        "customers=2026-01-01T00:00:00.000Z;customers.seen=abc:-5",
        "customers=2026-01-01T00:00:00.000Z;customers.seen=:5",
        "customers.seen=abc:0",
        "customers=2026-01-01T00:00:00.000Z;projects.seen=abc:0",
    ])
    func malformedRememberedRecordsAreRefused(_ text: String) {
        let error = #expect(throws: ConnectorError.self) {
            try FeedCursor(ChangeCursor(text), routes: ["customers"], feed: "customer")
        }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.message.contains(text) == true)
    }
}
