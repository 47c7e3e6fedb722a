import Foundation
import HTTPSupport
import SandboxKit

/// Severa's wire formats for time: audit stamps as UTC ISO-8601 with milliseconds
/// (`2026-01-01T08:30:00.000Z`) and calendar dates as `YYYY-MM-DD`.
///
/// The emulator keeps instants as integer milliseconds since 1970 so that comparisons
/// (`changedSince`, `deletedSince`) are exact and records stay small.
enum SeveraTime {
    /// Milliseconds since 1970 for `date`, rounded down.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// `2026-01-01T08:30:00.000Z` for `milliseconds` since 1970.
    ///
    /// UNVERIFIED: Severa's exact fraction width; the emulator always writes three digits and `Z`.
    static func formatInstant(_ milliseconds: Int64) -> String {
        let (days, msOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        let seconds = msOfDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):"
            + "\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(msOfDay % 1000, 3))Z"
    }

    /// Appends `"2026-01-01T08:30:00.000Z"` (with quotes) for `milliseconds` since 1970.
    static func writeQuotedInstant(_ milliseconds: Int64, to output: inout [UInt8]) {
        let (days, msOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        let seconds = msOfDay / 1000
        output.append(UInt8(ascii: "\""))
        appendDigits(year, 4, &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(month, 2, &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(day, 2, &output)
        output.append(UInt8(ascii: "T"))
        appendDigits(seconds / 3600, 2, &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, 2, &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, 2, &output)
        output.append(UInt8(ascii: "."))
        appendDigits(msOfDay % 1000, 3, &output)
        output.append(UInt8(ascii: "Z"))
        output.append(UInt8(ascii: "\""))
    }

    private static func appendDigits(_ value: Int64, _ width: Int, _ output: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
            remaining %= divisor
            divisor /= 10
        }
    }

    /// The UTC calendar date `YYYY-MM-DD` of `milliseconds` since 1970.
    ///
    /// UNVERIFIED: Severa uses the organisation's time zone for "today"; the emulator uses UTC.
    static func formatDay(_ milliseconds: Int64) -> String {
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: floorDivide(milliseconds, 86_400_000).quotient)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses an ISO-8601 instant as clients send it in `changedSince`: a date, or a date and time with
    /// optional seconds, fraction and zone (`Z` or `±HH:MM`).
    ///
    /// UNVERIFIED: a value without a zone is read as UTC (Severa may use the organisation's zone).
    /// - Returns: Milliseconds since 1970, or `nil` when `text` is not such a value.
    static func parseInstant(_ text: String) -> Int64? {
        var scanner = DigitScanner(text)
        guard let days = scanner.date() else { return nil }
        var milliseconds = days * 86_400_000
        if scanner.atEnd { return milliseconds }
        guard scanner.take("T") || scanner.take(" "), let hour = scanner.number(digits: 2), scanner.take(":"),
            let minute = scanner.number(digits: 2), hour < 24, minute < 60
        else { return nil }
        milliseconds += (hour * 60 + minute) * 60_000
        if scanner.take(":") {
            guard let second = scanner.number(digits: 2), second < 60 else { return nil }
            milliseconds += second * 1000
            if scanner.take(".") {
                guard let fraction = scanner.fractionMilliseconds() else { return nil }
                milliseconds += fraction
            }
        }
        if scanner.atEnd || scanner.take("Z") || scanner.take("z") { return scanner.atEnd ? milliseconds : nil }
        let sign: Int64
        if scanner.take("+") {
            sign = 1
        } else if scanner.take("-") {
            sign = -1
        } else {
            return nil
        }
        guard let offsetHours = scanner.number(digits: 2) else { return nil }
        _ = scanner.take(":")
        guard let offsetMinutes = scanner.number(digits: 2), scanner.atEnd else { return nil }
        return milliseconds - sign * (offsetHours * 60 + offsetMinutes) * 60_000
    }

    /// Normalises a calendar date: `YYYY-MM-DD`, or a date-time whose date part is taken.
    ///
    /// - Returns: `YYYY-MM-DD`, or `nil` when `text` is not a valid date.
    static func normalizeDay(_ text: String) -> String? {
        var scanner = DigitScanner(text)
        guard let days = scanner.date() else { return nil }
        if !scanner.atEnd {
            guard parseInstant(text) != nil else { return nil }
        }
        return formatDay(days * 86_400_000)
    }

    /// The number of days since 1970-01-01 of a `YYYY-MM-DD` date, or `nil` when invalid.
    static func dayNumber(_ text: String) -> Int64? {
        var scanner = DigitScanner(text)
        guard let days = scanner.date(), scanner.atEnd else { return nil }
        return days
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// Reads the fixed-width digit groups of ISO-8601 text.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ character: Character) -> Bool {
        guard position < bytes.count, let ascii = character.asciiValue, bytes[position] == ascii else { return false }
        position += 1
        return true
    }

    mutating func number(digits: Int) -> Int64? {
        guard position + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<digits {
            let byte = bytes[position + offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        position += digits
        return value
    }

    /// Reads `YYYY-MM-DD` and returns its day number.
    mutating func date() -> Int64? {
        guard let year = number(digits: 4), take("-"), let month = number(digits: 2), take("-"),
            let day = number(digits: 2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// Reads one or more fraction digits and returns the milliseconds they denote (truncated).
    mutating func fractionMilliseconds() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            if count < 3 { value = value * 10 + Int64(bytes[position] - UInt8(ascii: "0")) }
            count += 1
            position += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 3) { value *= 10 }
        return value
    }

    private func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
