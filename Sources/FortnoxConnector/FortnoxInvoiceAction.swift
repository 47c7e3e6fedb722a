/// A state change of a Fortnox customer invoice (`PUT /3/invoices/{DocumentNumber}/<action>`).
///
/// None of them is idempotent although they are PUTs: crediting twice creates two credit notes, and a
/// repeated bookkeep or cancel fails with a misleading "already booked". So they are sent with
/// ``HTTPSupport/HTTPRequest/isIdempotent`` off: never retried after a 5xx or a lost response, which
/// surface as `outcomeUnknown` (read the invoice to see what happened).
public enum FortnoxInvoiceAction: String, Sendable, Hashable, CaseIterable {
    /// Books the invoice (it can no longer be edited).
    case bookkeep
    /// Cancels an unbooked invoice.
    case cancel
    /// Credits a booked invoice: creates a credit note linked through `CreditInvoiceReference`.
    case credit
}
