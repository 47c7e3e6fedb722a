import Foundation
import HTTPSupport
import SyncCore

/// Turns the local clock into Fortnox `lastmodified` values and back.
///
/// Fortnox has no modification time on its entities, only the `lastmodified` list filter, which takes
/// `YYYY-MM-DD HH:MM` in the company's local time (Swedish time, fortnox-api.md §1/§4). A change feed's
/// cursor is that text, taken from **before the listing's first request** and moved back by
/// ``overlap``:
/// - the overlap covers clock skew between this machine and Fortnox, and the minute granularity of
///   the filter (the time is also rounded down to the whole minute);
/// - records re-read because of the overlap compare equal to their snapshots, so they cost one detail
///   GET each and nothing else.
///
/// Around the autumn daylight-saving change a local time occurs twice. When the instant lies in the
/// hour before a clock change that moves local time back, the cursor is moved back by the size of
/// the change first, so whichever of the two instants Fortnox reads the text as, it is not later than
/// the intended one.
struct LastModifiedCursor: Sendable {
    /// Fortnox's time zone (Europe/Stockholm).
    let timeZone: TimeZone
    /// How far before the listing's start the cursor is placed.
    let overlap: Duration

    /// The cursor for a listing that started at `start`.
    func cursor(forListingStartedAt start: Date) -> ChangeCursor {
        ChangeCursor(text(for: start.addingTimeInterval(-overlap.timeInterval)))
    }

    /// `instant` as a `lastmodified` value: local `YYYY-MM-DD HH:MM`, rounded down to the minute and
    /// moved back before an ambiguous (repeated) local hour.
    func text(for instant: Date) -> String {
        var moment = instant
        let offsetNow = timeZone.secondsFromGMT(for: moment)
        let offsetSoon = timeZone.secondsFromGMT(for: moment.addingTimeInterval(3600))
        if offsetSoon < offsetNow {
            moment = moment.addingTimeInterval(-TimeInterval(offsetNow - offsetSoon))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) \(pad(parts.hour, 2)):"
            + pad(parts.minute, 2)
    }
}
