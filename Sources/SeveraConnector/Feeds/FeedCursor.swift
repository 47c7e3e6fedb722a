import Foundation
import SyncCore

/// The position of a Severa change feed: one `changedSince` instant per route the feed reads, and per
/// route the records already delivered at or after that instant, written
/// `customers=2026-01-01T08:30:00.000Z;customers.seen=<guid>:1500,<guid>:0;addresses=…`.
///
/// A feed reading several routes (customers and their addresses; the three product registers) keeps
/// one position per route in one ``ChangeCursor``. A route never listed yet has no position and is
/// listed in full.
///
/// `changedSince` is greater-or-equal and the position lies a look-back before the latest stamp seen, so
/// the next listing lists the newest records again. `<route>.seen` names them: each record's guid (lower
/// case) and its `lastUpdatedDateTime` as milliseconds after the route's position. A listed record whose
/// guid and stamp are both remembered has not changed since it was delivered and is skipped (rule O3).
/// Cursors written before `.seen` existed read as remembering nothing.
struct FeedCursor: Sendable, Equatable {
    /// The most records remembered per route; a listing that delivered more inside the look-back
    /// remembers the newest ones and lists the others once more.
    static let rememberedLimit = 500
    /// The suffix of a route's remembered-records part.
    static let seenSuffix = ".seen"

    /// The instant per route name.
    var positions: [String: ChangeStamp]
    /// Per route name, the stamp per record guid (lower case) already delivered at or after the
    /// route's position.
    var delivered: [String: [String: ChangeStamp]]

    /// Creates a cursor.
    init(positions: [String: ChangeStamp] = [:], delivered: [String: [String: ChangeStamp]] = [:]) {
        self.positions = positions
        self.delivered = delivered
    }

    /// Reads a stored cursor of a feed over `routes`; `nil` gives the empty cursor (list everything).
    ///
    /// - Throws: ``ConnectorError`` (`invalidRecord`) naming the cursor when it is not one of this feed's.
    init(_ cursor: ChangeCursor?, routes: [String], feed: String) throws(ConnectorError) {
        self.positions = [:]
        self.delivered = [:]
        guard let cursor else { return }
        var seenParts: [String: Substring] = [:]
        for part in cursor.value.split(separator: ";") {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard halves.count == 2 else { throw Self.foreign(cursor, routes: routes, feed: feed) }
            let name = String(halves[0])
            if name.hasSuffix(Self.seenSuffix), routes.contains(String(name.dropLast(Self.seenSuffix.count))) {
                seenParts[String(name.dropLast(Self.seenSuffix.count))] = halves[1]
                continue
            }
            guard routes.contains(name), let stamp = ChangeStamp(parsing: String(halves[1])) else {
                throw Self.foreign(cursor, routes: routes, feed: feed)
            }
            positions[name] = stamp
        }
        for (route, text) in seenParts {
            guard let position = positions[route], let records = Self.records(text, after: position) else {
                throw Self.foreign(cursor, routes: routes, feed: feed)
            }
            delivered[route] = records
        }
    }

    /// The cursor text, or `nil` when no route has a position.
    var changeCursor: ChangeCursor? {
        guard !positions.isEmpty else { return nil }
        var parts: [String] = []
        for route in positions.keys.sorted() {
            guard let position = positions[route] else { continue }
            parts.append("\(route)=\(position)")
            let records = (delivered[route] ?? [:]).filter { $0.value >= position }
            guard !records.isEmpty else { continue }
            let entries = records.sorted { $0.key < $1.key }.map {
                "\($0.key):\($0.value.milliseconds - position.milliseconds)"
            }
            parts.append("\(route)\(Self.seenSuffix)=\(entries.joined(separator: ","))")
        }
        return ChangeCursor(parts.joined(separator: ";"))
    }

    /// The query filter for `route`: `changedSince` when it has a position.
    func filter(_ route: String) -> [QueryItem] {
        positions[route].map { [QueryItem("changedSince", $0.description)] } ?? []
    }

    /// Whether the record `guid` of `route` was delivered with stamp `stamp` already.
    func wasDelivered(_ route: String, guid: String, stamp: ChangeStamp) -> Bool {
        delivered[route]?[guid.lowercased()] == stamp
    }

    /// Reads `guid:offset,…`; `nil` when an entry is malformed.
    private static func records(_ text: Substring, after position: ChangeStamp) -> [String: ChangeStamp]? {
        var records: [String: ChangeStamp] = [:]
        for entry in text.split(separator: ",") {
            let halves = entry.split(separator: ":", omittingEmptySubsequences: false)
            guard halves.count == 2, !halves[0].isEmpty, let offset = Int64(halves[1]), offset >= 0 else { return nil }
            records[halves[0].lowercased()] = ChangeStamp(milliseconds: position.milliseconds + offset)
        }
        return records
    }

    private static func foreign(_ cursor: ChangeCursor, routes: [String], feed: String) -> ConnectorError {
        ConnectorError(
            kind: .invalidRecord, system: SeveraAPI.system, operation: "list \(feed) changes",
            message: "the stored change cursor \"\(cursor.value)\" is not a Severa \(feed) cursor (expected "
                + routes.map { "\($0)=<ISO-8601 instant>" }.joined(separator: ";")
                + ", each route optionally with <route>\(seenSuffix)=<guid>:<milliseconds>,…)"
                + "; reset this flow's cursor to list everything again")
    }
}
