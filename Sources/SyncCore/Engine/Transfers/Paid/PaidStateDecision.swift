/// What a fully paid Fortnox invoice means for its Severa invoice (R6.1, R6.2), from the Severa status.
enum PaidStateDecision: Sendable, Hashable {
    /// It is in the received status: move it to the paid status (R6.1).
    case move
    /// It is in the paid status already: record that, log nothing.
    case alreadyPaid
    /// It is in the trigger status: a resend is under way; leave it for a later run.
    case resendInFlight
    /// Someone set another status by hand after the transfer: skip, once, naming it (R6.2).
    case manualStep(statusName: String)
    /// The Severa invoice no longer exists.
    case deleted

    /// The decision for a Severa invoice in status `statusID` (`nil`: deleted).
    static func decide(statusID: String?, statuses: ResolvedInvoiceStatuses) -> PaidStateDecision {
        guard let statusID = statusID?.lowercased() else { return .deleted }
        if statusID == statuses.received.id.lowercased() { return .move }
        if let paid = statuses.paid, statusID == paid.id.lowercased() { return .alreadyPaid }
        if statusID == statuses.trigger.id.lowercased() { return .resendInFlight }
        return .manualStep(statusName: statuses.name(of: statusID))
    }
}
