import Foundation
import SandboxKit

/// Converts between instants and Fortnox's local time: `lastmodified` filters and dates such as
/// "today" are Swedish local time (configurable through ``FortnoxEmulator/Configuration/timeZone``).
struct FortnoxLocalTime: Sendable {
    /// The time zone of the emulated company.
    let timeZone: TimeZone

    /// The modification stamp of `instant`: milliseconds since 1970 (UTC).
    static func stamp(_ instant: Date) -> Int64 {
        Int64((instant.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The local calendar date of `instant`.
    func date(of instant: Date) -> FortnoxCalendarDate {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        return FortnoxCalendarDate(daysSinceEpoch: Int((Double(local) / 86_400).rounded(.down)))
    }

    /// The stamp of a `lastmodified` value, `YYYY-MM-DD HH:MM` local time (a bare date means
    /// midnight); `nil` when malformed. Fortnox documents the filter at minute resolution
    /// (`2022-11-25 06:00`), so seconds are refused: a client that relied on them would pass here and
    /// fail against Fortnox.
    func stamp(ofLastModified text: String) -> Int64? {
        let parts = FortnoxText.trimmed(text).split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), let date = FortnoxCalendarDate(String(parts[0])) else { return nil }
        var secondsOfDay = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard clock.count == 2 else { return nil }
            let limits = [23, 59]
            for (index, piece) in clock.enumerated() {
                guard piece.count == 2, let value = Int(piece), value >= 0, value <= limits[index] else { return nil }
                secondsOfDay += value * [3600, 60, 1][index]
            }
        }
        let localSeconds = date.daysSinceEpoch * 86_400 + secondsOfDay
        // The offset at the local time itself: guess with the offset at the same wall-clock reading
        // taken as UTC, then correct once (exact except inside a DST gap, where either answer is fine).
        let guess = Date(timeIntervalSince1970: TimeInterval(localSeconds))
        var utc = localSeconds - timeZone.secondsFromGMT(for: guess)
        utc = localSeconds - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        return Int64(utc) * 1000
    }
}
