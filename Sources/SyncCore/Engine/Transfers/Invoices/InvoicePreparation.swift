/// The invoice as it is sent, with the notes its preparation made (dimensions left empty, texts split,
/// references shortened).
struct PreparedInvoice: Sendable, Hashable {
    /// What goes to Fortnox.
    var invoice: Invoice
    /// What the log entry says about it.
    var notes: [String]
}

/// The stages a Severa invoice passes before it is sent (R4.2, R4.5, R4.6), in order: dependencies,
/// amounts, dimensions, field routes, long texts. The first two can refuse it; the rest only note.
struct InvoicePreparation: Sendable {
    let dependencyCheck: InvoiceDependencyCheck
    let amountCheck: InvoiceAmountCheck
    let dimensions: InvoiceDimensionMapper
    let router: InvoiceFieldRouter
    let splitter: InvoiceRowTextSplitter

    /// Builds the stages from the flow's settings and what this run read of both systems.
    init(
        settings: InvoiceFlowSettings, names: SystemNames, businessUnits: [BusinessUnit],
        activeCostCenters: Set<String>, limits: InvoiceTextLimits
    ) {
        dependencyCheck = InvoiceDependencyCheck(names: names)
        amountCheck = InvoiceAmountCheck()
        dimensions = InvoiceDimensionMapper(
            businessUnitMap: settings.businessUnitCostCenters, costCenterMap: settings.costCenters,
            businessUnits: Dictionary(businessUnits.map { ($0.id.lowercased(), $0) }) { first, _ in first },
            activeCostCenters: activeCostCenters)
        router = InvoiceFieldRouter(routes: settings.fieldRoutes, dates: settings.dates, limits: limits)
        splitter = InvoiceRowTextSplitter(limit: limits.rowDescription)
    }

    /// `invoice` ready to send, or the rule it breaks.
    func prepare(_ invoice: Invoice, _ dependencies: InvoiceDependencies) -> Result<PreparedInvoice, RuleViolation> {
        if let violation = dependencyCheck.violation(invoice, dependencies) ?? amountCheck.violation(invoice) {
            return .failure(violation)
        }
        let mapped = dimensions.map(invoice)
        let routed = router.route(mapped.invoice)
        let split = splitter.split(routed.invoice)
        return .success(PreparedInvoice(invoice: split.invoice, notes: mapped.notes + routed.notes + split.notes))
    }
}

/// What to do with an invoice that reached the trigger status again while an earlier transfer of it
/// exists (R4.4, MONEY-FLOWS §3 "Trigger status reached twice").
enum RepeatedTransferDecision: Sendable, Hashable {
    /// The earlier transfer's Fortnox side stands and its status move never happened: move it now.
    case moveStatus(InvoiceTransfer)
    /// The Fortnox invoice is live and the invoice was moved on before: sent again without a credit.
    case alreadyInFortnox(InvoiceTransfer)
    /// The Fortnox invoice was credited or cancelled after the invoice was moved on and back: send it again
    /// as the next generation.
    case resend(previous: InvoiceTransfer, why: String)
    /// The Fortnox invoice was cancelled, credited or removed while its status move was still pending: the
    /// invoice is neither moved (Fortnox no longer bills it) nor sent again (nobody asked); an operator
    /// decides. `what` says what happened in Fortnox.
    case voidedBeforeMove(InvoiceTransfer, what: String)
    /// Brygga itself credited or cancelled the Fortnox invoice, transferring the invoice's full credit
    /// note, while the invoice's own status move was pending: the invoice was transferred and is
    /// accounted for, so it moves on like its credit note did. `what` says what happened in Fortnox.
    case moveStatusAfterItsCreditNote(InvoiceTransfer, what: String)

    /// The decision for `transfer`, given the state of its Fortnox invoice (`nil` when it is gone) and
    /// Brygga's transfer of a credit note that credited or cancelled that invoice, if any.
    static func decide(
        _ transfer: InvoiceTransfer, fortnox: AccountingInvoice?, voidingCreditNote: InvoiceTransfer? = nil
    ) -> RepeatedTransferDecision {
        guard transfer.kind == .invoice, let number = transfer.fortnoxNumber else {
            // A credit note's action cannot be undone by Brygga; only its status move can be missing.
            return transfer.stage == .created ? .moveStatus(transfer) : .alreadyInFortnox(transfer)
        }
        guard let fortnox, fortnox.isLive else {
            let why: String
            if let fortnox, let credit = fortnox.creditedBy {
                // Fortnox's credit action credits the whole invoice; a partial credit is a separate credit
                // invoice that leaves the original's `CreditInvoiceReference` unset (and the original live).
                why = "Fortnox invoice \(number) was credited by \(credit)"
            } else if fortnox?.isCancelled == true {
                why = "Fortnox invoice \(number) was cancelled"
            } else {
                why = "Fortnox invoice \(number) no longer exists"
            }
            // A pending move means the invoice never left the trigger status, so no operator asked for a
            // resend: moving it would claim Fortnox bills it, creating again would bill twice (R4.4). Unless
            // the voiding was Brygga's own transfer of the invoice's credit note: then Severa says the same.
            if transfer.stage == .created, let creditNote = voidingCreditNote,
                fortnox?.isCancelled == true
                    || fortnox?.creditedBy != nil
            {
                let by = creditNote.severaNumber.map { " by the transfer of credit note \($0)" } ?? ""
                return .moveStatusAfterItsCreditNote(transfer, what: why + by)
            }
            if transfer.stage == .created { return .voidedBeforeMove(transfer, what: why) }
            return .resend(previous: transfer, why: why)
        }
        return transfer.stage == .created ? .moveStatus(transfer) : .alreadyInFortnox(transfer)
    }
}
