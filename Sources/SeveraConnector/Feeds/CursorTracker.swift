import Foundation
import SyncCore

/// Collects the latest `lastUpdatedDateTime` per route and the records delivered during one listing,
/// and computes the next cursor.
///
/// The next position of a route is the latest stamp seen, moved back by the time the listing took plus
/// a configurable overlap (never before the previous position):
/// - Severa stamps come from Severa's clock, so our clock's skew never enters; only a duration measured
///   on our clock is subtracted.
/// - Pages are served in storage order, not by time, so a record changed while the listing runs may be
///   passed over while a later one is seen. Its stamp is not earlier than the listing's start, and
///   `latest − duration` is not later than the start, so the next listing (`changedSince` is
///   greater-or-equal) reads it.
///
/// The next listing therefore lists the records stamped inside that look-back again. The cursor keeps
/// the guid and stamp of those delivered (or skipped as delivered before) with a stamp at or after the
/// next position, and the feeds skip a listed record whose guid and stamp are both remembered (rule O3).
/// A record committed late with an older stamp was never remembered and is delivered; a record changed
/// since has a new stamp and is delivered.
struct CursorTracker: Sendable {
    private let previous: FeedCursor
    private let started: Date
    private var latest: [String: ChangeStamp] = [:]
    private var delivered: [String: [String: ChangeStamp]] = [:]

    /// Starts tracking a listing that began at `started` from `previous`.
    init(previous: FeedCursor, started: Date) {
        self.previous = previous
        self.started = started
    }

    /// Notes a record of `route` last updated at `stamp`.
    mutating func see(_ route: String, _ stamp: ChangeStamp) {
        if let known = latest[route], known >= stamp { return }
        latest[route] = stamp
    }

    /// Whether the previous listings delivered record `guid` of `route` with this same `stamp`.
    func wasDelivered(_ route: String, guid: String, stamp: ChangeStamp) -> Bool {
        previous.wasDelivered(route, guid: guid, stamp: stamp)
    }

    /// Notes that record `guid` of `route`, stamped `stamp`, has been delivered (in this listing or before).
    mutating func deliver(_ route: String, guid: String, stamp: ChangeStamp) {
        let key = guid.lowercased()
        if let known = delivered[route]?[key], known >= stamp { return }
        delivered[route, default: [:]][key] = stamp
    }

    /// The cursor for the next listing.
    ///
    /// - Parameters:
    ///   - finished: When the listing's last page arrived (same clock as `started`).
    ///   - overlap: Extra time to go back, for commits that become visible late.
    /// - Returns: The cursor, or `nil` when no route has a position yet.
    func cursor(finished: Date, overlap: Duration) -> ChangeCursor? {
        let elapsed = max(0, finished.timeIntervalSince(started))
        let lookback = overlap + .milliseconds(Int64((elapsed * 1000).rounded(.up)))
        var next = FeedCursor(positions: previous.positions)
        for (route, stamp) in latest {
            let candidate = stamp.movedBack(by: lookback)
            if let old = previous.positions[route], old >= candidate { continue }
            next.positions[route] = candidate
        }
        for (route, records) in delivered {
            guard let position = next.positions[route] else { continue }
            let inside = records.filter { $0.value >= position }
            guard inside.count > FeedCursor.rememberedLimit else {
                next.delivered[route] = inside
                continue
            }
            let newest = inside.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(FeedCursor.rememberedLimit)
            next.delivered[route] = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
        }
        return next.changeCursor
    }
}
