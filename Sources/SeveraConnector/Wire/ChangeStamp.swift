import HTTPSupport

/// A Severa audit instant (`lastUpdatedDateTime`) as whole milliseconds since 1970, UTC.
///
/// Severa writes `2026-01-01T08:30:00.000Z`; the parser also takes other fraction widths, no
/// fraction, and a `±HH:MM` offset. A value without a zone is read as UTC (UNVERIFIED: Severa may
/// mean the organisation's zone; every value seen in the reference carries `Z`).
struct ChangeStamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    let milliseconds: Int64

    /// Creates a stamp.
    init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// Parses an ISO-8601 date-time, or returns `nil`.
    init?(parsing text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.take("-"), let month = scanner.number(2), scanner.take("-"),
            let day = scanner.number(2), (1...12).contains(month), day >= 1,
            day <= ChangeStamp.daysIn(month: month, year: year)
        else { return nil }
        var total = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) * 86_400_000
        guard scanner.take("T") || scanner.take("t") || scanner.take(" "), let hour = scanner.number(2),
            scanner.take(":"), let minute = scanner.number(2), hour < 24, minute < 60
        else { return nil }
        total += (hour * 60 + minute) * 60_000
        if scanner.take(":") {
            guard let second = scanner.number(2), second < 60 else { return nil }
            total += second * 1000
            if scanner.take(".") {
                guard let fraction = scanner.fractionMilliseconds() else { return nil }
                total += fraction
            }
        }
        if scanner.atEnd || scanner.take("Z") || scanner.take("z") {
            guard scanner.atEnd else { return nil }
            self.milliseconds = total
            return
        }
        let sign: Int64
        if scanner.take("+") {
            sign = 1
        } else if scanner.take("-") {
            sign = -1
        } else {
            return nil
        }
        guard let offsetHours = scanner.number(2) else { return nil }
        _ = scanner.take(":")
        guard let offsetMinutes = scanner.number(2), scanner.atEnd, offsetHours < 24, offsetMinutes < 60 else {
            return nil
        }
        self.milliseconds = total - sign * (offsetHours * 60 + offsetMinutes) * 60_000
    }

    /// The stamp moved back by `duration` (rounded up to whole milliseconds, so never less).
    func movedBack(by duration: Duration) -> ChangeStamp {
        let (seconds, attoseconds) = duration.components
        let extra = attoseconds > 0 ? (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000 : 0
        return ChangeStamp(milliseconds: milliseconds - seconds * 1000 - extra)
    }

    /// `2026-01-01T08:30:00.000Z`, the form Severa writes and `changedSince` accepts.
    var description: String {
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let ofDay = milliseconds - days * 86_400_000
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        let seconds = ofDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):"
            + "\(pad(seconds % 60, 2)).\(pad(ofDay % 1000, 3))Z"
    }

    static func < (lhs: ChangeStamp, rhs: ChangeStamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Reads the fixed-width digit groups of ISO-8601 text.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ character: Character) -> Bool {
        guard position < bytes.count, let ascii = character.asciiValue, bytes[position] == ascii else { return false }
        position += 1
        return true
    }

    mutating func number(_ digits: Int) -> Int64? {
        guard position + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<digits {
            let byte = bytes[position + offset]
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        position += digits
        return value
    }

    /// One or more fraction digits as milliseconds (digits past the third are dropped).
    mutating func fractionMilliseconds() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            if count < 3 { value = value * 10 + Int64(bytes[position] - UInt8(ascii: "0")) }
            count += 1
            position += 1
        }
        guard count > 0 else { return nil }
        var scale = count
        while scale < 3 {
            value *= 10
            scale += 1
        }
        return value
    }
}
