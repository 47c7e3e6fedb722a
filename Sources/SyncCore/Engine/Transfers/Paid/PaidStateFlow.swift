import Foundation

/// R6: a transferred invoice that is fully paid in Fortnox moves to the paid status in Severa, but only
/// from the received status; a status someone set by hand is left alone and the skip logged once (R6.2).
///
/// Only invoices Brygga transferred count (found through the transfer state by document number, never
/// by the external reference alone), and only the first generation still current; credit notes never
/// get the paid status. A run reads the invoices paid since the cursor (fully paid, not credited or
/// cancelled, so a partial payment never counts), looks each one's Severa status up and moves it.
struct PaidStateFlow {
    /// What came of one paid invoice.
    private enum Step: Sendable {
        case moved
        case decided(PaidStateDecision)
        case failed(ConnectorError)
    }

    let runner: TransferRunner
    let pm: any ProjectManagementSide
    let accounting: any AccountingSide
    let statuses: ResolvedInvoiceStatuses
    let paid: InvoiceStatus

    init(
        context: RunContext, pm: any ProjectManagementSide, accounting: any AccountingSide,
        statuses: ResolvedInvoiceStatuses, paid: InvoiceStatus
    ) throws(EngineFailure) {
        runner = try TransferRunner(context: context, entity: .paidState, direction: .accountingToPM)
        self.pm = pm
        self.accounting = accounting
        self.statuses = statuses
        self.paid = paid
    }

    var names: SystemNames { runner.names }

    /// Runs the flow.
    func run(_ mode: FlowMode) async throws(EngineFailure) {
        switch mode {
        case .retry(let recordID):
            try await retry(runner.selectedRetries(recordID))
        case .incremental, .bootstrap:
            try await retry(runner.selectedRetries(nil))
            try await processFeed()
        }
    }

    private func processFeed() async throws(EngineFailure) {
        let stored = try runner.read { store throws(StateStoreError) in
            try store.cursor(side: .accounting, entity: .paidState)
        }
        let unpaid = try runner.read { store throws(StateStoreError) in try store.unpaidInvoiceNumbers() }
        let cursor: ChangeCursor
        if let stored { cursor = stored } else { cursor = try firstCursor(unpaid: unpaid) }
        try await runner.follow(
            accounting.paidInvoices(since: cursor, isRelevant: { unpaid.contains($0) }), on: .accounting,
            listing: "the paid invoices", rule: "R6.1"
        ) { items throws(EngineFailure) in try await process(items) }
    }

    /// Where the first paid-state check starts: at the creation of the oldest transfer not yet paid (a
    /// payment changes its invoice after Brygga created it), or now when there is none. So turning R6
    /// on never lists the company's whole invoice history.
    private func firstCursor(unpaid: Set<String>) throws(EngineFailure) -> ChangeCursor {
        let transfers = try runner.read { store throws(StateStoreError) in
            try store.invoiceTransfers(fortnoxNumbers: Array(unpaid))
        }
        return accounting.changeCursor(from: transfers.values.map(\.createdAt).min() ?? runner.now())
    }

    /// Reads the queued invoices again in Fortnox and processes those that are paid.
    private func retry(_ entries: [PendingRetry]) async throws(EngineFailure) {
        guard !entries.isEmpty else { return }
        let accounting = self.accounting
        let results = try await runner.readEach(entries, on: .accounting) { entry throws(ConnectorError) in
            try await accounting.invoice(documentNumber: entry.sourceID)
        }
        var items: [PageItem<PaidInvoice>] = []
        var commit = StateCommit()
        for (entry, result) in zip(entries, results) {
            switch result {
            case .success(let state?) where state.isLive && state.balance <= 0 && state.finalPayDate != nil:
                guard let paidOn = state.finalPayDate else { continue }
                items.append(
                    .record(
                        RemoteRecord(
                            id: entry.sourceID,
                            record: PaidInvoice(
                                documentNumber: entry.sourceID,
                                externalReference: state.remote.record.externalReference,
                                finalPayDate: paidOn, isOverpaid: state.balance < 0))))
            case .success:
                runner.dropFromQueue(
                    entry.sourceID, pmID: nil, accountingID: entry.sourceID, key: entry.naturalKey,
                    reason: "Fortnox invoice \(entry.sourceID) is no longer fully paid", into: &commit)
            case .failure(let error):
                try runner.rereadFailed(
                    error, on: .accounting, what: "Fortnox invoice \(entry.sourceID)", pmID: nil,
                    accountingID: entry.sourceID, key: entry.naturalKey, into: &commit)
            }
        }
        try runner.commit(commit)
        try await process(items)
    }

    /// Moves the Severa invoices of paid Fortnox invoices to the paid status, where R6.2 allows.
    private func process(_ items: [PageItem<PaidInvoice>]) async throws(EngineFailure) {
        var commit = StateCommit()
        var paidInvoices: [PaidInvoice] = []
        for item in items {
            switch item {
            case .record(let remote): paidInvoices.append(remote.record)
            case .unreadable(let unreadable):
                let id = unreadable.id ?? "?"
                commit.logEntries.append(
                    runner.entry(
                        .failed, pmID: nil, accountingID: id, key: unreadable.naturalKey,
                        reason: "the paid state of Fortnox invoice \(id) could not be read: \(unreadable.reason)",
                        hint: "it is read again every run", rule: "R6.1"))
                runner.queue(id, key: unreadable.naturalKey, reason: unreadable.reason, into: &commit)
            }
        }
        let transfers = try runner.read { store throws(StateStoreError) in
            try store.invoiceTransfers(fortnoxNumbers: paidInvoices.map(\.documentNumber))
        }
        let work: [(PaidInvoice, InvoiceTransfer)] = paidInvoices.compactMap { invoice in
            guard let transfer = transfers[invoice.documentNumber], transfer.kind == .invoice,
                transfer.supersededAt == nil, transfer.paidOutcome == nil
            else { return nil }  // not ours, a credit note, replaced or settled: nothing to do
            return (invoice, transfer)
        }
        let pm = self.pm
        let paidID = paid.id
        let statuses = self.statuses
        let dryRun = runner.isDryRun
        let steps = await runner.map(work, stop: Self.stopsRun) { item -> Step in
            await Self.step(for: item.1, pm: pm, statuses: statuses, paidID: paidID, dryRun: dryRun)
        }
        var fatal: EngineFailure?
        for ((invoice, transfer), step) in zip(work, steps) {
            guard let step else { continue }
            if case .failed(let error) = step, let stop = EngineFailure.fatal(error) {
                fatal = fatal ?? stop
                continue
            }
            record(step, of: invoice, transfer: transfer, into: &commit)
        }
        try runner.commit(commit)
        if let fatal { throw fatal }
    }

    /// Looks up the Severa status of `transfer`'s invoice and moves it to the paid status when R6.1 allows.
    private static func step(
        for transfer: InvoiceTransfer, pm: any ProjectManagementSide, statuses: ResolvedInvoiceStatuses,
        paidID: String, dryRun: Bool
    ) async -> Step {
        do throws(ConnectorError) {
            let status: String?
            do throws(ConnectorError) {
                status = try await pm.invoiceStatusID(invoiceID: transfer.severaID)
            } catch  where error.kind == .notFound {
                status = nil
            }
            let decision = PaidStateDecision.decide(statusID: status, statuses: statuses)
            guard decision == .move, !dryRun else { return .decided(decision) }
            try await pm.setInvoiceStatus(invoiceID: transfer.severaID, statusID: paidID)
            return .moved
        } catch {
            return .failed(error)
        }
    }

    /// Whether a step failed in a way that stops the run.
    @Sendable private static func stopsRun(_ step: Step) -> Bool {
        if case .failed(let error) = step { return EngineFailure.fatal(error) != nil }
        return false
    }

    /// Adds what one paid invoice's step did to `commit`.
    private func record(
        _ step: Step, of invoice: PaidInvoice, transfer: InvoiceTransfer, into commit: inout StateCommit
    ) {
        let key = transfer.severaNumber ?? transfer.severaID
        let number = invoice.documentNumber
        var settled = transfer
        settled.paidAt = runner.now()
        switch step {
        case .moved, .decided(.move):
            settled.paidOutcome = .moved
            let overpaid = invoice.isOverpaid ? " (overpaid: more was paid than owed)" : ""
            commit.logEntries.append(
                runner.entry(
                    .updated, pmID: transfer.severaID, accountingID: number, key: key,
                    reason: "Fortnox invoice \(number) was fully paid on \(invoice.finalPayDate)\(overpaid); moved "
                        + "from \"\(statuses.received.name)\" to \"\(paid.name)\"", rule: "R6.1"))
        case .decided(.alreadyPaid):
            settled.paidOutcome = .alreadyPaid
        case .decided(.resendInFlight):
            return
        case .decided(.manualStep(let name)):
            settled.paidOutcome = .manualStep
            commit.logEntries.append(
                runner.entry(
                    .skipped, pmID: transfer.severaID, accountingID: number, key: key,
                    reason: "invoice \(key) is in \"\(name)\", not \"\(statuses.received.name)\": a manual step "
                        + "follows the transfer, so the paid status \"\(paid.name)\" is not set (Fortnox invoice "
                        + "\(number) was paid on \(invoice.finalPayDate))", rule: "R6.2"))
        case .decided(.deleted):
            settled.paidOutcome = .deleted
            commit.logEntries.append(
                runner.entry(
                    .skipped, pmID: transfer.severaID, accountingID: number, key: key,
                    reason: "Fortnox invoice \(number) was paid, but invoice \(key) was deleted in \(names.pm)",
                    rule: "R6.1"))
        case .failed(let error):
            commit.logEntries.append(
                runner.entry(
                    .failed, pmID: transfer.severaID, accountingID: number, key: key,
                    reason: "moving invoice \(key) to \"\(paid.name)\" failed: \(error)",
                    hint: runner.hint(for: error, on: .projectManagement), rule: "R6.1"))
            runner.queue(
                number, key: key, reason: "moving invoice \(key) to \"\(paid.name)\" failed: \(error)", into: &commit)
            return
        }
        commit.invoiceTransfers.append(settled)
        runner.resolve(number, into: &commit)
    }
}
