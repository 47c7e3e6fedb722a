public import Foundation

/// Parses HTTP dates (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms
/// that recipients must still accept. Always UTC; no locale or `DateFormatter` involved.
public enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `date` as an IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (rounded down to the second).
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let monthName = months[Int(month) - 1].prefix(1).uppercased() + months[Int(month) - 1].dropFirst()
        return "\(weekday), \(two(day)) \(monthName) \(year) \(two(secondOfDay / 3600)):"
            + "\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }

    /// The date `text` names, or `nil` when it is not an HTTP date.
    ///
    /// Accepts `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` and
    /// `Sun Nov  6 08:49:37 1994`.
    public static func parse(_ text: String) -> Date? {
        let tokens = text.split { $0 == " " || $0 == "," || $0 == "-" || $0 == ":" }.map(String.init)
        guard let monthIndex = tokens.firstIndex(where: { months.contains($0.lowercased()) }),
            let month = months.firstIndex(of: tokens[monthIndex].lowercased())
        else { return nil }
        let numbers = tokens.compactMap { token in token.allSatisfy(\.isASCII) ? Int(token) : nil }
        guard numbers.count == 5 else { return nil }
        let day: Int
        var year: Int
        let clock: ArraySlice<Int>
        if monthIndex + 1 < tokens.count, Int(tokens[monthIndex + 1]) != nil, tokens.count == 7 {
            // asctime: weekday month day hh mm ss yyyy
            (day, clock, year) = (numbers[0], numbers[1...3], numbers[4])
        } else {
            // IMF-fixdate and RFC 850: weekday day month year hh mm ss GMT
            guard tokens.last?.uppercased() == "GMT" else { return nil }
            (day, year, clock) = (numbers[0], numbers[1], numbers[2...4])
        }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        let (hour, minute, second) = (clock[clock.startIndex], clock[clock.startIndex + 1], clock[clock.startIndex + 2])
        guard (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = Int(CivilCalendar.daysSinceEpoch(year: Int64(year), month: Int64(month + 1), day: Int64(day)))
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
