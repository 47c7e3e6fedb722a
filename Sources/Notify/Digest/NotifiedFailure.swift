package import Foundation

/// What the digest remembers about one failure between runs: one row of the `notified_failures`
/// table (MONEY-FLOWS §4.3), member for column.
///
/// A fatal cause is stored with entity `run`, its API as ``side``, no ``sourceID``, the exit code
/// as ``rule`` (`exit 77`) and what failed as ``reason``.
package struct NotifiedFailure: Sendable, Hashable {
    /// `fingerprint`: the primary key (``DigestFailure/fingerprint``, ``FatalCause/fingerprint``).
    package var fingerprint: String
    /// `entity`.
    package var entity: String
    /// `side` (`pm`/`acct`), `NULL` when no record or API is concerned.
    package var side: RecordSide?
    /// `source_id`.
    package var sourceID: String?
    /// `natural_key`.
    package var naturalKey: String?
    /// `rule`.
    package var rule: String?
    /// `reason`.
    package var reason: String
    /// `first_seen_at`: when a digest first reported it (again, after a resolution).
    package var firstSeenAt: Date
    /// `last_seen_at`: the last mailed digest that saw it failing.
    package var lastSeenAt: Date
    /// `mailed_at`: when it was last mailed in full (first report or reminder).
    package var mailedAt: Date?
    /// `resolved_at`: when a digest found it no longer failing.
    package var resolvedAt: Date?
    /// `resolved_mailed_at`: when its resolution was mailed.
    package var resolvedMailedAt: Date?

    /// Creates a row.
    package init(
        fingerprint: String, entity: String, side: RecordSide?, sourceID: String?, naturalKey: String?, rule: String?,
        reason: String, firstSeenAt: Date, lastSeenAt: Date, mailedAt: Date?, resolvedAt: Date? = nil,
        resolvedMailedAt: Date? = nil
    ) {
        self.fingerprint = fingerprint
        self.entity = entity
        self.side = side
        self.sourceID = sourceID
        self.naturalKey = naturalKey
        self.rule = rule
        self.reason = reason
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.mailedAt = mailedAt
        self.resolvedAt = resolvedAt
        self.resolvedMailedAt = resolvedMailedAt
    }

    /// Whether the row is a fatal cause rather than a record.
    package var isFatalCause: Bool { entity == FatalCause.entity }

    /// Whether the operator was told it fails and not yet that it stopped failing.
    var isOpen: Bool { mailedAt != nil && resolvedMailedAt == nil }
}
