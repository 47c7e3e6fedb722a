/// A rule a record breaks, with the decision it leads to and what an operator can do about it.
struct RuleViolation: Error, Sendable, Hashable {
    /// What happens to the record.
    enum Disposition: Sendable, Hashable {
        /// Not transferred; logged as failed and queued for retry.
        case failed
        /// Not transferred on purpose; logged as skipped, not retried.
        case skipped
    }

    /// What happens to the record.
    var disposition: Disposition
    /// The requirement, e.g. `R1.2`.
    var rule: String
    /// Why, naming the record and the value at fault.
    var reason: String
    /// How to fix it (failures only).
    var hint: String?

    /// A violation that fails the record.
    static func failed(rule: String, reason: String, hint: String) -> RuleViolation {
        RuleViolation(disposition: .failed, rule: rule, reason: reason, hint: hint)
    }

    /// A violation that skips the record.
    static func skipped(rule: String, reason: String) -> RuleViolation {
        RuleViolation(disposition: .skipped, rule: rule, reason: reason, hint: nil)
    }

    /// The transfer-log action this violation is logged as.
    var action: TransferAction { disposition == .failed ? .failed : .skipped }
}
