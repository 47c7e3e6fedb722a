import Foundation
import Testing

@testable import BryggaCLI

/// `--since`, `--until` and `--max-age` values: every accepted form, and everything else refused.
@Suite struct TimeArgumentTests {
    static let stockholm = TimeZone(identifier: "Europe/Stockholm") ?? .gmt
    /// 2026-12-07T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_796_644_800)
    static let reader = TimeArgument(zone: stockholm, now: now)

    /// The instant of an ISO 8601 UTC text, for expectations.
    static func utc(_ text: String) throws -> Date {
        try Date(text, strategy: Date.ISO8601FormatStyle())
    }

    @Test(
        "O4: dates and date-times without a zone are local time; with a zone they are that zone's",
        arguments: [
            ("2026-12-07", "2026-12-06T23:00:00Z"),
            ("2026-12-07T08:30", "2026-12-07T07:30:00Z"),
            ("2026-12-07 08:30", "2026-12-07T07:30:00Z"),
            ("2026-12-07t08:30:15", "2026-12-07T07:30:15Z"),
            ("2026-07-01T08:30", "2026-07-01T06:30:00Z"),
            ("2026-12-07T08:30Z", "2026-12-07T08:30:00Z"),
            ("2026-12-07T08:30:00z", "2026-12-07T08:30:00Z"),
            ("2026-12-07T08:30+01:00", "2026-12-07T07:30:00Z"),
            ("2026-12-07T08:30:00-0330", "2026-12-07T12:00:00Z"),
            ("2026-12-07T08:30+05", "2026-12-07T03:30:00Z"),
            ("2024-02-29", "2024-02-28T23:00:00Z"),
        ])
    func acceptedForms(_ text: String, _ expected: String) throws {
        #expect(try Self.reader.instant(text) == Self.utc(expected))
    }

    @Test("O4: a fraction of a second is kept")
    func fractionIsKept() throws {
        let instant = try Self.reader.instant("2026-12-07T08:30:15.250Z")
        #expect(instant.timeIntervalSince(try Self.utc("2026-12-07T08:30:15Z")) == 0.25)
    }

    @Test("O4: every time brygga log prints is accepted back")
    func printedTimesRoundTrip() throws {
        let display = TimeDisplay(zone: Self.stockholm)
        for instant in [Self.now, try Self.utc("2026-07-01T06:30:00Z"), Date(timeIntervalSince1970: 0)] {
            #expect(try Self.reader.instant(display.string(instant)) == instant)
            #expect(try Self.reader.instant(TimeDisplay.utc.string(instant)) == instant)
        }
    }

    @Test("O4: --until with a bare date includes that whole local day")
    func untilBareDateIsTheEndOfTheDay() throws {
        #expect(try Self.reader.instant("2026-12-07", endOfDay: true) == Self.utc("2026-12-07T23:00:00Z"))
        #expect(try Self.reader.instant("2026-12-07T08:30", endOfDay: true) == Self.utc("2026-12-07T07:30:00Z"))
    }

    @Test(
        "O4: ages count back from now",
        arguments: [("30s", 30.0), ("15m", 900), ("12h", 43_200), ("7d", 604_800), ("2w", 1_209_600), ("1h30m", 5_400)])
    func ages(_ text: String, _ seconds: TimeInterval) throws {
        #expect(TimeArgument.age(text) == seconds)
        #expect(try Self.reader.instant(text) == Self.now.addingTimeInterval(-seconds))
    }

    @Test(
        "O4: anything else is refused, not read as midnight",
        arguments: [
            "2026-12-07xyz", "2026-12-07T", "2026-12-07T08", "2026-12-07T8:30", "2026-12-07T08:30:", "2026-12-07T24:00",
            "2026-12-07T08:60", "2026-12-07T08:30:60", "2026-12-07T08:30+1", "2026-12-07T08:30+01:00x",
            "2026-12-07T08:30+19:00", "2026-12-07Z", "2026-13-01", "2026-02-30", "2025-02-29", "26-12-07", "2026/12/07",
            "yesterday", "", " 2026-12-07", "7", "7x", "0d", "d", "-7d", "1.5h", "1d 2h",
        ])
    func refused(_ text: String) {
        #expect(throws: TimeArgument.Refusal.self) { try Self.reader.instant(text) }
    }

    @Test("O4: a local time the clocks skip is refused with the reason; one that occurs twice is the first")
    func daylightSavingChanges() throws {
        // Europe/Stockholm: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00.
        do {
            _ = try Self.reader.instant("2026-03-29T02:30")
            Issue.record("a skipped local time was accepted")
        } catch {
            #expect(error.detail?.contains("does not exist in Europe/Stockholm") == true)
        }
        #expect(try Self.reader.instant("2026-10-25T02:30") == Self.utc("2026-10-25T00:30:00Z"))
        #expect(try Self.reader.instant("2026-03-29T03:30") == Self.utc("2026-03-29T01:30:00Z"))
    }
}

/// How times are shown: local with the UTC offset, or UTC.
@Suite struct TimeDisplayTests {
    @Test("O4: local times carry their offset; UTC is written Z")
    func localTimesCarryTheirOffset() throws {
        let winter = Date(timeIntervalSince1970: 1_796_644_800)  // 2026-12-07T12:00:00Z
        let summer = Date(timeIntervalSince1970: 1_782_909_000.9)  // 2026-07-01T12:30:00.9Z
        let stockholm = TimeDisplay(environment: ["TZ": "Europe/Stockholm"])
        #expect(stockholm.string(winter) == "2026-12-07T13:00:00+01:00")
        #expect(stockholm.string(summer) == "2026-07-01T14:30:00+02:00")
        #expect(
            TimeDisplay(environment: ["TZ": "Europe/Stockholm"], utc: true).string(winter) == "2026-12-07T12:00:00Z")
        #expect(TimeDisplay(environment: ["TZ": "America/St_Johns"]).string(winter) == "2026-12-07T08:30:00-03:30")
        #expect(
            TimeDisplay(environment: ["TZ": "UTC"]).string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(stockholm.zoneName(at: winter) == "Europe/Stockholm (UTC+01:00)")
    }

    @Test(
        "O4: TZ is read in the forms the C library accepts",
        arguments: [":Europe/Stockholm", "/usr/share/zoneinfo/Europe/Stockholm"])
    func timeZoneVariableForms(_ value: String) {
        #expect(TimeDisplay.localZone(environment: ["TZ": value]).identifier == "Europe/Stockholm")
    }
}
