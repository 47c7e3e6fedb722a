import HTTPSupport

/// A calendar date `YYYY-MM-DD` as Fortnox writes dates, with day arithmetic (proleptic Gregorian).
struct FortnoxCalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    let daysSinceEpoch: Int

    /// Creates a date from days since 1970-01-01.
    init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Parses `YYYY-MM-DD`; `nil` for anything else, including impossible dates such as `2025-02-30`.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= FortnoxCalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.daysSinceEpoch = FortnoxCalendarDate.days(year: year, month: month, day: day)
    }

    /// The date `count` days later (earlier when negative).
    func adding(days count: Int) -> FortnoxCalendarDate {
        FortnoxCalendarDate(daysSinceEpoch: daysSinceEpoch + count)
    }

    /// The year, month and day.
    var components: (year: Int, month: Int, day: Int) {
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: Int64(daysSinceEpoch))
        return (Int(year), Int(month), Int(day))
    }

    /// `YYYY-MM-DD`.
    var description: String {
        let (year, month, day) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func < (lhs: FortnoxCalendarDate, rhs: FortnoxCalendarDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        Int(CivilCalendar.daysSinceEpoch(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
