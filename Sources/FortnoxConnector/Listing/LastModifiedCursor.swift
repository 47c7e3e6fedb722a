import Foundation
import HTTPSupport
import SyncCore

/// Turns the server's or the local clock into Fortnox `lastmodified` values.
///
/// Fortnox has no modification time on its entities, only the `lastmodified` list filter, which takes
/// `YYYY-MM-DD HH:MM` in the company's local time (Swedish time, fortnox-api.md §1/§4). A change feed's
/// cursor is that text:
/// - **From the server's clock** (``cursor(forServerDate:)``), when the first page's answer carries a
///   `Date` header: that time, rounded down to the minute, less one minute. No clock skew enters, and
///   the minute covers both readings of the bound (inclusive `>=` or exclusive `>` at minute
///   resolution) and the time the server took between evaluating the first page and stamping its
///   answer (far below a minute). Records written in that minute are listed again by the next run.
/// - **From the local clock** (``cursor(forListingStartedAt:)``), for a server that sends no `Date`:
///   the time taken before the listing's first request, moved back by ``overlap`` to cover clock
///   skew between this machine and Fortnox and the minute granularity of the filter.
///
/// Records re-read because of either margin compare equal to their snapshots and change nothing.
/// UNVERIFIED (fortnox-api.md §10): the filter's time zone (assumed the company's, Stockholm) and
/// whether its bound is inclusive (the minute less covers both).
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

    /// The cursor for a listing whose first page Fortnox answered at `serverDate` (its `Date` header):
    /// the minute of `serverDate` less one minute.
    func cursor(forServerDate serverDate: Date) -> ChangeCursor {
        ChangeCursor(text(for: serverDate.addingTimeInterval(-60)))
    }

    /// The cursor for a listing that started at `start` by the local clock, for a server without `Date`.
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
