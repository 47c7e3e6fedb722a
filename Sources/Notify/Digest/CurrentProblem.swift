import Foundation

/// A failure of this run as the digest sees it: a failing record or a fatal cause, with the state
/// columns it is remembered by.
struct CurrentProblem: Sendable, Hashable {
    /// Where it comes from.
    enum Origin: Sendable, Hashable {
        case record(DigestFailure)
        case fatal(FatalCause)
    }

    /// Where it comes from.
    let origin: Origin
    /// Its fingerprint.
    let fingerprint: String

    /// Wraps a failing record.
    init(_ failure: DigestFailure) {
        origin = .record(failure)
        fingerprint = failure.fingerprint
    }

    /// Wraps a fatal cause.
    init(_ cause: FatalCause) {
        origin = .fatal(cause)
        fingerprint = cause.fingerprint
    }

    /// The entity column (`run` for a fatal cause).
    var entity: String {
        switch origin {
        case .record(let failure): failure.entity
        case .fatal: FatalCause.entity
        }
    }

    /// When it started: the record's first failure, else `fallback` (a fatal cause's first report).
    func since(fallback: Date) -> Date {
        if case .record(let failure) = origin { return failure.firstFailedAt }
        return fallback
    }

    /// Its state row with the given dates.
    func row(firstSeenAt: Date, lastSeenAt: Date, mailedAt: Date?) -> NotifiedFailure {
        switch origin {
        case .record(let failure):
            return NotifiedFailure(
                fingerprint: fingerprint, entity: failure.entity, side: failure.side, sourceID: failure.sourceID,
                naturalKey: failure.naturalKey, rule: failure.rule, reason: failure.reason, firstSeenAt: firstSeenAt,
                lastSeenAt: lastSeenAt, mailedAt: mailedAt)
        case .fatal(let cause):
            return NotifiedFailure(
                fingerprint: fingerprint, entity: FatalCause.entity, side: cause.api, sourceID: nil, naturalKey: nil,
                rule: cause.rule, reason: cause.operation, firstSeenAt: firstSeenAt, lastSeenAt: lastSeenAt,
                mailedAt: mailedAt)
        }
    }
}
