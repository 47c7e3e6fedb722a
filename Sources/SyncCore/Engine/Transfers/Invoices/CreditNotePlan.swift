/// What a Severa credit note does in Fortnox (MONEY-FLOWS decision 3).
enum CreditNotePlan: Sendable, Hashable {
    /// Credit booked invoice `number` (Fortnox makes a credit invoice).
    case credit(number: String)
    /// Cancel unbooked invoice `number`.
    case cancel(number: String)
    /// Fortnox invoice `number` was already credited by `creditNumber` (by hand): only record it.
    case alreadyCredited(number: String, creditNumber: String)
    /// Fortnox invoice `number` was already cancelled (by hand): only record it.
    case alreadyCancelled(number: String)
    /// The credit note cannot be carried out by Brygga.
    case refused(RuleViolation)

    /// The plan for credit note `note`, given the original invoice's transfer, its Severa snapshot and
    /// the Fortnox state of the invoice it made.
    ///
    /// - Parameters:
    ///   - note: The credit note as read from Severa.
    ///   - original: The current transfer of the invoice it credits, if Brygga transferred it.
    ///   - originalInvoice: The original as Severa had it when it was transferred.
    ///   - fortnox: The Fortnox invoice the original became, when it could be read.
    ///   - received: The received status's name, for the hint.
    /// - Returns: What to do in Fortnox, or the refusal.
    static func plan(
        _ note: Invoice, original: InvoiceTransfer?, originalInvoice: Invoice?, fortnox: AccountingInvoice?,
        received: String
    ) -> CreditNotePlan {
        let label = InvoiceLabel(note)
        let byHand =
            "credit it in Fortnox by hand, then move the Severa credit note to \"\(received)\" by hand"
        guard let originalID = note.creditedInvoiceID else {
            return .refused(
                .failed(rule: "R4.4", reason: "\(label) does not name the invoice it credits", hint: byHand))
        }
        guard let original, original.kind == .invoice, let number = original.fortnoxNumber else {
            return .refused(
                .failed(
                    rule: "R4.4",
                    reason: "\(label) credits Severa invoice \(originalID), which Brygga did not transfer to Fortnox",
                    hint: byHand))
        }
        guard let credited = note.totals?.total, let owed = originalInvoice?.totals?.total,
            credited.currency == owed.currency
        else {
            return .refused(
                .failed(
                    rule: "R4.4",
                    reason: "\(label): the totals of it and of invoice \(original.severaNumber ?? originalID) "
                        + "cannot be compared", hint: byHand))
        }
        guard credited.minorUnits == -owed.minorUnits else {
            return .refused(
                .failed(
                    rule: "R4.4",
                    reason: "\(label) credits \(credited) of invoice \(original.severaNumber ?? originalID)'s "
                        + "\(owed) (Fortnox \(number)): a partial credit, which Brygga does not make", hint: byHand))
        }
        guard let fortnox else {
            return .refused(
                .failed(
                    rule: "R4.4", reason: "\(label): Fortnox invoice \(number) it would credit does not exist",
                    hint: byHand))
        }
        if let creditNumber = fortnox.creditedBy {
            return .alreadyCredited(number: number, creditNumber: creditNumber)
        }
        if fortnox.isCancelled { return .alreadyCancelled(number: number) }
        return fortnox.isBooked ? .credit(number: number) : .cancel(number: number)
    }
}
