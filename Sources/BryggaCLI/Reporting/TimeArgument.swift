import Foundation
import HTTPSupport
import SyncCore

/// Reads the times and ages operators type on the command line (`--since`, `--until`, `--max-age`).
///
/// Accepted, nothing else:
/// - a date, `2026-12-07` (midnight at the start of that day in the local zone);
/// - a date and time, `2026-12-07T08:30`, `2026-12-07 08:30`, `2026-12-07T08:30:15`, seconds may
///   have a fraction; without a zone it is local time, with one (`Z`, `+01:00`, `+0100`, `+01`) it
///   is that zone's — so every time `brygga log` prints is accepted back;
/// - an age, a whole number and a unit, `30s`, `15m` (minutes), `12h`, `7d`, `2w`, or several, `1h30m`:
///   that long before now.
///
/// A local time the clocks skip (the hour of the spring change) is refused; one that occurs twice
/// (the autumn change) is the first.
struct TimeArgument {
    /// The accepted forms, for error messages.
    static let forms =
        "a date (2026-12-07), a local date and time (2026-12-07T08:30 or \"2026-12-07 08:30:15\"), "
        + "either with a zone (2026-12-07T08:30Z, 2026-12-07T08:30+01:00), or an age (30m, 12h, 7d, 2w)"
    /// The accepted forms of an age, for error messages.
    static let ageForms = "an age: a whole number and a unit, s, m (minutes), h, d or w, e.g. 15m, 2h, 1d or 1h30m"

    /// Why a value was refused, when more can be said than "not one of the forms".
    struct Refusal: Error {
        /// The explanation, e.g. that a local time does not exist.
        let detail: String?
    }

    /// The zone of times written without one.
    let zone: TimeZone
    /// What ages count back from.
    let now: Date

    /// The instant `text` names.
    ///
    /// - Parameters:
    ///   - text: The value as typed.
    ///   - endOfDay: Whether a bare date means the end of that day (the start of the next), as
    ///     `--until 2026-12-07` includes all of December 7.
    /// - Returns: The instant.
    /// - Throws: ``Refusal`` when `text` is none of the forms or names no instant.
    func instant(_ text: String, endOfDay: Bool = false) throws(Refusal) -> Date {
        if let age = Self.age(text) { return now.addingTimeInterval(-age) }
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
            let dayOfMonth = scanner.digits(2),
            LocalDate(year: Int(year), month: Int(month), day: Int(dayOfMonth)) != nil
        else { throw Refusal(detail: nil) }
        let day = CivilCalendar.daysSinceEpoch(year: year, month: month, day: dayOfMonth)
        if scanner.atEnd { return try local(seconds: (day + (endOfDay ? 1 : 0)) * 86_400, text: text) }
        guard scanner.take("T") || scanner.take("t") || scanner.take(" "), let hour = scanner.digits(2),
            scanner.take(":"), let minute = scanner.digits(2), hour < 24, minute < 60
        else { throw Refusal(detail: nil) }
        var second: Int64 = 0
        var fraction = 0.0
        if scanner.take(":") {
            guard let value = scanner.digits(2), value < 60 else { throw Refusal(detail: nil) }
            second = value
            if scanner.take(".") {
                guard let digits = scanner.fraction() else { throw Refusal(detail: nil) }
                fraction = digits
            }
        }
        let wallClock = day * 86_400 + hour * 3600 + minute * 60 + second
        if scanner.atEnd {
            return try local(seconds: wallClock, text: text).addingTimeInterval(fraction)
        }
        guard let offset = scanner.zoneOffset(), scanner.atEnd else { throw Refusal(detail: nil) }
        return Date(timeIntervalSince1970: TimeInterval(wallClock - offset) + fraction)
    }

    /// The length of an age such as `15m`, `2h`, `7d` or `1h30m`, or `nil` when `text` is not one.
    static func age(_ text: String) -> TimeInterval? {
        var scanner = Scanner(Array(text.utf8))
        var total: Int64 = 0
        repeat {
            guard let number = scanner.number(maxDigits: 7), let unit = scanner.next() else { return nil }
            let seconds: Int64
            switch unit {
            case UInt8(ascii: "s"): seconds = 1
            case UInt8(ascii: "m"): seconds = 60
            case UInt8(ascii: "h"): seconds = 3600
            case UInt8(ascii: "d"): seconds = 86_400
            case UInt8(ascii: "w"): seconds = 604_800
            default: return nil
            }
            total += number * seconds
        } while !scanner.atEnd
        return total > 0 ? TimeInterval(total) : nil
    }

    /// `seconds` of local wall-clock time (counted like UTC seconds since 1970) as an instant.
    ///
    /// Offsets change at most once within a day, so the instant is one of the wall-clock time minus
    /// the offset a day before or a day after; the earlier one that maps back is it.
    private func local(seconds wallClock: Int64, text: String) throws(Refusal) -> Date {
        let candidates = [-86_400, 86_400].map { shift -> Int64 in
            let probe = Date(timeIntervalSince1970: TimeInterval(wallClock + Int64(shift)))
            return wallClock - Int64(zone.secondsFromGMT(for: probe))
        }
        let valid = candidates.filter { instant in
            instant + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))) == wallClock
        }
        guard let instant = valid.min() else {
            throw Refusal(
                detail: "\(text) does not exist in \(zone.identifier) (the clocks skip it); "
                    + "write the time with its zone, e.g. \(text)Z")
        }
        return Date(timeIntervalSince1970: TimeInterval(instant))
    }
}

/// Reads ASCII text left to right.
private struct Scanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { index == bytes.count }

    mutating func next() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    /// Consumes `character` when it comes next.
    mutating func take(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    /// Exactly `count` decimal digits.
    mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<(index + count)] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        index += count
        return value
    }

    /// One to `maxDigits` decimal digits.
    mutating func number(maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, (48...57).contains(bytes[index]), count < maxDigits {
            value = value * 10 + Int64(bytes[index] - 48)
            index += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// One to nine digits after a decimal point, as a fraction of a second.
    mutating func fraction() -> Double? {
        let start = index
        guard let value = number(maxDigits: 9) else { return nil }
        return Double(value) / pow(10, Double(index - start))
    }

    /// `Z`, `±HH:MM`, `±HHMM` or `±HH`, as seconds east of UTC.
    mutating func zoneOffset() -> Int64? {
        if take("Z") || take("z") { return 0 }
        let sign: Int64
        if take("+") {
            sign = 1
        } else if take("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = digits(2), hours <= 18 else { return nil }
        var minutes: Int64 = 0
        if take(":") {
            guard let value = digits(2) else { return nil }
            minutes = value
        } else if !atEnd {
            guard let value = digits(2) else { return nil }
            minutes = value
        }
        guard minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
