import Foundation

extension Date {
    /// Whole milliseconds since 1970-01-01 00:00 UTC (rounded to the nearest), how the store keeps times.
    var epochMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    /// The time `milliseconds` after 1970-01-01 00:00 UTC.
    init(epochMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
