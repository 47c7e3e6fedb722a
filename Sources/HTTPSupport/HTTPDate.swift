public import Foundation

/// Parses HTTP dates (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms
/// that recipients must still accept. Always UTC; no locale or `DateFormatter` involved.
public enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

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
