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
}
