import Foundation
import SyncCore

/// The position of a Severa change feed: one `changedSince` instant per route the feed reads, written
/// `customers=2026-01-01T08:30:00.000Z;addresses=2026-01-01T08:29:59.000Z`.
///
/// A feed reading several routes (customers and their addresses; the three product registers) keeps
/// one position per route in one ``ChangeCursor``. A route never listed yet has no position and is
/// listed in full.
struct FeedCursor: Sendable, Equatable {
    /// The instant per route name.
    var positions: [String: ChangeStamp]

    /// Creates a cursor.
    init(positions: [String: ChangeStamp] = [:]) {
        self.positions = positions
    }

    /// Reads a stored cursor of a feed over `routes`; `nil` gives the empty cursor (list everything).
    ///
    /// - Throws: ``ConnectorError`` (`invalidRecord`) naming the cursor when it is not one of this feed's.
    init(_ cursor: ChangeCursor?, routes: [String], feed: String) throws(ConnectorError) {
        self.positions = [:]
        guard let cursor else { return }
        for part in cursor.value.split(separator: ";") {
            let halves = part.split(separator: "=", maxSplits: 1)
            guard halves.count == 2, routes.contains(String(halves[0])),
                let stamp = ChangeStamp(parsing: String(halves[1]))
            else {
                throw ConnectorError(
                    kind: .invalidRecord, system: SeveraAPI.system, operation: "list \(feed) changes",
                    message: "the stored change cursor \"\(cursor.value)\" is not a Severa \(feed) cursor (expected "
                        + routes.map { "\($0)=<ISO-8601 instant>" }.joined(separator: ";")
                        + "); reset this flow's cursor to list everything again")
            }
            positions[String(halves[0])] = stamp
        }
    }

    /// The cursor text, or `nil` when no route has a position.
    var changeCursor: ChangeCursor? {
        guard !positions.isEmpty else { return nil }
        return ChangeCursor(
            positions.keys.sorted().map { "\($0)=\(positions[$0]?.description ?? "")" }.joined(separator: ";"))
    }

    /// The query filter for `route`: `changedSince` when it has a position.
    func filter(_ route: String) -> [QueryItem] {
        positions[route].map { [QueryItem("changedSince", $0.description)] } ?? []
    }
}

/// Collects the latest `lastUpdatedDateTime` per route during one listing and computes the next cursor.
///
/// The next position of a route is the latest stamp seen, moved back by the time the listing took plus
/// a configurable overlap (never before the previous position):
/// - Severa stamps come from Severa's clock, so our clock's skew never enters; only a duration measured
///   on our clock is subtracted.
/// - Pages are served in storage order, not by time, so a record changed while the listing runs may be
///   passed over while a later one is seen. Its stamp is not earlier than the listing's start, and
///   `latest − duration` is not later than the start, so the next listing (`changedSince` is
///   greater-or-equal) reads it.
/// - Re-reading a record is harmless: its version stamp is unchanged and the engine skips it.
struct CursorTracker: Sendable {
    private let previous: FeedCursor
    private let started: Date
    private var latest: [String: ChangeStamp] = [:]

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

    /// The cursor for the next listing.
    ///
    /// - Parameters:
    ///   - finished: When the listing's last page arrived (same clock as `started`).
    ///   - overlap: Extra time to go back, for commits that become visible late.
    /// - Returns: The cursor, or `nil` when no route has a position yet.
    func cursor(finished: Date, overlap: Duration) -> ChangeCursor? {
        let elapsed = max(0, finished.timeIntervalSince(started))
        let lookback = overlap + .milliseconds(Int64((elapsed * 1000).rounded(.up)))
        var next = previous
        for (route, stamp) in latest {
            let candidate = stamp.movedBack(by: lookback)
            if let old = previous.positions[route], old >= candidate { continue }
            next.positions[route] = candidate
        }
        return next.changeCursor
    }
}
