import Foundation
import HTTPSupport

/// How commands write times for people: in the local time zone with its UTC offset
/// (`2026-12-07T09:30:04+01:00`), or in UTC (`2026-12-07T08:30:04Z`) with `--utc`.
///
/// The local zone is the `TZ` environment variable of the command's context when it names a zone
/// (`Europe/Stockholm`, `:Europe/Stockholm`, `/usr/share/zoneinfo/Europe/Stockholm`, `UTC`), else the
/// system's zone. Every time carries its offset, so it is unambiguous, and the same text is accepted
/// by `--since` and `--until`. An offset of zero is written `Z`.
struct TimeDisplay: Sendable {
    /// The zone times are written in.
    let zone: TimeZone

    /// UTC.
    static let utc = TimeDisplay(zone: TimeZone(secondsFromGMT: 0) ?? .gmt)

    /// Times in `zone`.
    init(zone: TimeZone) {
        self.zone = zone
    }

    /// The display a command's context asks for: UTC when `utc` is set, else the local zone.
    init(environment: [String: String], utc: Bool = false) {
        self = utc ? .utc : TimeDisplay(zone: Self.localZone(environment: environment))
    }

    /// The zone named by `environment["TZ"]`, or the system's zone.
    static func localZone(environment: [String: String]) -> TimeZone {
        guard var name = environment["TZ"], !name.isEmpty else { return .current }
        if name.hasPrefix(":") { name.removeFirst() }
        if let range = name.range(of: "zoneinfo/") { name = String(name[range.upperBound...]) }
        return TimeZone(identifier: name) ?? TimeZone(abbreviation: name) ?? .current
    }

    /// `2026-12-07T09:30:04+01:00`, or `…Z` when the zone's offset at `date` is zero.
    func string(_ date: Date) -> String {
        let seconds = Int64((date.timeIntervalSince1970).rounded(.down))
        let offset = Int64(zone.secondsFromGMT(for: date))
        let local = seconds + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        let time = "\(Self.pad(secondOfDay / 3600)):\(Self.pad(secondOfDay / 60 % 60)):\(Self.pad(secondOfDay % 60))"
        return "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))T\(time)\(Self.offsetText(offset))"
    }

    /// The zone for headings: `Europe/Stockholm (UTC+01:00)` with the offset `date` has.
    func zoneName(at date: Date) -> String {
        let offset = Int64(zone.secondsFromGMT(for: date))
        let name = zone.identifier == "GMT" && offset == 0 ? "UTC" : zone.identifier
        return offset == 0 ? name : "\(name) (UTC\(Self.offsetText(offset)))"
    }

    /// `Z`, `+01:00`, `-03:30`.
    private static func offsetText(_ offset: Int64) -> String {
        guard offset != 0 else { return "Z" }
        let minutes = abs(offset) / 60
        return (offset < 0 ? "-" : "+") + pad(minutes / 60) + ":" + pad(minutes % 60)
    }

    private static func pad(_ value: Int64, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
