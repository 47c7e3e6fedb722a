package import Foundation

/// One thing failing now that the operator must fix: a record in the retry queue, or a failed step
/// of the run that concerns no single record (e.g. reading the units failed).
package struct DigestFailure: Sendable, Hashable {
    /// The record kind as the state store writes it, e.g. `customer`, `project_fee`.
    package var entity: String
    /// The side the record is read from; `nil` when no record is concerned.
    package var side: RecordSide?
    /// The record's id on ``side``; `nil` for a failure that concerns no single record, which only a
    /// run that finished can resolve.
    package var sourceID: String?
    /// The linked record's id on the other side, when there is one.
    package var counterpartID: String?
    /// The natural key: customer number, article number, project number, invoice number.
    package var naturalKey: String?
    /// The record's name, when known.
    package var recordName: String?
    /// The requirement behind the failure, e.g. `R2.2`.
    package var rule: String?
    /// Why it failed; must hold no timestamps or request ids, or every run would look new.
    package var reason: String
    /// How to fix it.
    package var hint: String?
    /// When it first failed.
    package var firstFailedAt: Date
    /// How many times it was tried.
    package var attempts: Int

    /// Creates a failure.
    package init(
        entity: String, side: RecordSide?, sourceID: String?, counterpartID: String? = nil, naturalKey: String? = nil,
        recordName: String? = nil, rule: String? = nil, reason: String, hint: String? = nil, firstFailedAt: Date,
        attempts: Int = 1
    ) {
        self.entity = entity
        self.side = side
        self.sourceID = sourceID
        self.counterpartID = counterpartID
        self.naturalKey = naturalKey
        self.recordName = recordName
        self.rule = rule
        self.reason = reason
        self.hint = hint
        self.firstFailedAt = firstFailedAt
        self.attempts = attempts
    }

    /// The fingerprint that recognises this failure in later runs.
    package var fingerprint: String {
        FailureFingerprint.make(entity: entity, side: side, sourceID: sourceID, rule: rule, reason: reason)
    }
}
