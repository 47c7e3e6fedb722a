import Foundation
import JSONSupport
import Notify
import SyncStore

/// Where the failure digest remembers what it mailed (O5): the state database, or, while that is
/// unusable, a small owner-only marker file beside it (`<stateDatabase>.notified`).
///
/// The marker keeps a broken disk from mailing every five minutes: it holds the rows of the causes
/// mailed while the database could not be used. Once the database works again, its rows join the
/// database's, the next digest reports them resolved, and the marker is removed once that mail was
/// accepted.
struct DigestState {
    /// The state database, when it can be used.
    let store: SQLiteStateStore?
    /// The marker file's path.
    let markerPath: String

    /// The marker file of the state database at `databasePath`.
    static func markerPath(forStateDatabase databasePath: String) -> String {
        databasePath + ".notified"
    }

    /// The rows the digest composes against: the database's and the marker's.
    ///
    /// - Throws: `StateStoreError` when the database cannot be read.
    func load() throws -> [NotifiedFailure] {
        let marker = DigestMarker.read(markerPath)
        guard let store else { return marker }
        let stored = try store.notifiedFailures()
        let known = Set(stored.map(\.fingerprint))
        return stored + marker.filter { !known.contains($0.fingerprint) }
    }

    /// Records `delivery` and, when it was accepted, the state `changes` commits.
    ///
    /// - Throws: `StateStoreError` or ``FileSystemError`` when the state cannot be written; the mail
    ///   may then be sent again by the next run.
    func record(_ delivery: DigestDelivery, changes: DigestStateChanges, previous: [NotifiedFailure]) throws {
        guard let store else {
            guard delivery.wasAccepted else { return }
            try DigestMarker.write(changes.applied(to: previous), to: markerPath)
            return
        }
        try store.recordDigest(delivery, changes: changes)
        if delivery.wasAccepted { DigestMarker.remove(markerPath) }
    }
}

/// The marker file's contents: `{"version": 1, "notified": [{…row…}, …]}`, times as epoch milliseconds.
enum DigestMarker {
    /// The rows in the marker at `path`; none when it is missing or unreadable (then the cause is
    /// mailed again, which is better than never).
    static func read(_ path: String) -> [NotifiedFailure] {
        guard let file = try? LocalFile.read(path), let document = try? JSONParser.parse(file.contents),
            let rows = document["notified"]?.arrayValue
        else { return [] }
        return rows.compactMap(row(from:))
    }

    /// Replaces the marker at `path` with `rows`, owner-only.
    static func write(_ rows: [NotifiedFailure], to path: String) throws {
        let document: JSONValue = ["version": 1, "notified": .array(rows.map(json))]
        try AtomicFileWriter.write(JSONSerializer.data(document), to: path, replacing: true, mode: 0o600)
    }

    /// Removes the marker at `path`, if there is one.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func json(_ row: NotifiedFailure) -> JSONValue {
        var members: [String: JSONValue] = [
            "fingerprint": .string(row.fingerprint), "entity": .string(row.entity), "reason": .string(row.reason),
            "firstSeenAt": milliseconds(row.firstSeenAt), "lastSeenAt": milliseconds(row.lastSeenAt),
        ]
        let optional: [(String, JSONValue?)] = [
            ("side", row.side.map { .string($0.rawValue) }), ("sourceID", row.sourceID.map(JSONValue.string)),
            ("naturalKey", row.naturalKey.map(JSONValue.string)), ("rule", row.rule.map(JSONValue.string)),
            ("mailedAt", row.mailedAt.map(milliseconds)), ("resolvedAt", row.resolvedAt.map(milliseconds)),
            ("resolvedMailedAt", row.resolvedMailedAt.map(milliseconds)),
        ]
        for case (let key, let value?) in optional { members[key] = value }
        return .object(members)
    }

    private static func row(from value: JSONValue) -> NotifiedFailure? {
        guard let fingerprint = value["fingerprint"]?.stringValue, let entity = value["entity"]?.stringValue,
            let reason = value["reason"]?.stringValue, let firstSeen = date(value["firstSeenAt"]),
            let lastSeen = date(value["lastSeenAt"])
        else { return nil }
        return NotifiedFailure(
            fingerprint: fingerprint, entity: entity, side: value["side"]?.stringValue.flatMap(RecordSide.init),
            sourceID: value["sourceID"]?.stringValue, naturalKey: value["naturalKey"]?.stringValue,
            rule: value["rule"]?.stringValue, reason: reason, firstSeenAt: firstSeen, lastSeenAt: lastSeen,
            mailedAt: date(value["mailedAt"]), resolvedAt: date(value["resolvedAt"]),
            resolvedMailedAt: date(value["resolvedMailedAt"]))
    }

    private static func milliseconds(_ date: Date) -> JSONValue {
        .number(JSONNumber(Int64((date.timeIntervalSince1970 * 1000).rounded())))
    }

    private static func date(_ value: JSONValue?) -> Date? {
        value?.numberValue?.int64.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }
}
