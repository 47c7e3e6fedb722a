import Foundation

/// R4: the invoices in the trigger status go to Fortnox exactly once and move on to the received status.
///
/// A run: recover interrupted writes (journal) → read the whole trigger queue (headers) → confirm
/// status moves of earlier transfers that left the queue → transfer the queue in chunks, each invoice as
/// an ``InvoiceJob`` (rows, checks, create, attachments, status move) with bounded concurrency, so
/// Severa's reads and moves overlap Fortnox's creates → one commit per chunk. Credit notes come after
/// the invoices, so an invoice and its credit note in the same queue are carried out in one run.
struct InvoiceTransferFlow {
    let runner: TransferRunner
    let pm: any ProjectManagementSide
    let accounting: any AccountingSide
    let settings: InvoiceFlowSettings
    let statuses: ResolvedInvoiceStatuses

    init(
        context: RunContext, pm: any ProjectManagementSide, accounting: any AccountingSide,
        settings: InvoiceFlowSettings, statuses: ResolvedInvoiceStatuses
    ) throws(EngineFailure) {
        runner = try TransferRunner(context: context, entity: .invoice, direction: .pmToAccounting)
        self.pm = pm
        self.accounting = accounting
        self.settings = settings
        self.statuses = statuses
    }

    var names: SystemNames { runner.names }

    /// Runs the flow.
    func run(_ mode: FlowMode) async throws(EngineFailure) {
        let unverified = try await recoverIntents()
        let queue: [RemoteRecord<Invoice>]
        switch mode {
        case .retry(let recordID):
            queue = try await reread(runner.selectedRetries(recordID))
        case .incremental, .bootstrap:
            guard let listed = try await listQueue() else { return }
            queue = listed.invoices
            let listedIDs = listed.ids
            let settled = try await settleStatusMoves(excluding: listedIDs)
            try leaveQueue(excluding: listedIDs.union(settled))
        }
        guard !queue.isEmpty, let environment = try await environment() else { return }
        // Credit notes go after the invoices: one credited in the same run is then in Fortnox already.
        let chunk = max(1, runner.context.configuration.batchSize)
        for part in [queue.filter { !$0.record.isCreditNote }, queue.filter(\.record.isCreditNote)] {
            var start = 0
            while start < part.count {
                try runner.checkCancellation()
                let slice = Array(part[start..<min(start + chunk, part.count)])
                start += chunk
                try await process(slice, environment: environment, unverified: unverified)
            }
        }
    }

    /// Every invoice in the trigger status, read before the first write (moving one on shrinks the
    /// filtered listing, and Severa's paging over a shrinking set is not documented), with the lower-cased
    /// guids of everything listed (unreadable invoices too); `nil` when the listing failed (logged).
    private func listQueue() async throws(EngineFailure) -> (invoices: [RemoteRecord<Invoice>], ids: Set<String>)? {
        var invoices: [RemoteRecord<Invoice>] = []
        var seen: Set<String> = []
        var commit = StateCommit()
        do {
            for try await page in pm.invoices(inStatus: statuses.trigger.id) {
                if let stop = runner.context.noteRecordReads(on: .projectManagement, of: page.items) {
                    try runner.commit(commit)
                    throw stop
                }
                for item in page.items {
                    switch item {
                    case .record(let invoice):
                        if seen.insert(invoice.id.lowercased()).inserted { invoices.append(invoice) }
                    case .unreadable(let unreadable):
                        let key = unreadable.naturalKey ?? unreadable.id
                        commit.logEntries.append(
                            runner.entry(
                                .failed, pmID: unreadable.id, accountingID: nil, key: key,
                                reason: "\(names.pm) invoice \(key ?? "?") could not be read: \(unreadable.reason)",
                                hint: "correct the invoice in \(names.pm); it is read again every run", rule: "O7"))
                        if let id = unreadable.id {
                            seen.insert(id.lowercased())
                            runner.queue(id, key: key, reason: unreadable.reason, into: &commit)
                        }
                    }
                }
            }
        } catch let failure as EngineFailure {
            throw failure
        } catch {
            if let fatal = EngineFailure.classify(error) { throw fatal }
            commit.logEntries.append(
                runner.entry(
                    .failed, pmID: nil, accountingID: nil, key: nil,
                    reason: "listing the invoices in \"\(statuses.trigger.name)\" failed, so none was transferred: "
                        + "\(error)", hint: "they are transferred by the next run that can list them", rule: "R4.1"))
            try runner.commit(commit)
            return nil
        }
        try runner.commit(commit)
        return (invoices, seen)
    }

    /// Re-reads the queued invoices an operator retries; those no longer in the trigger status leave the
    /// queue.
    private func reread(_ entries: [PendingRetry]) async throws(EngineFailure) -> [RemoteRecord<Invoice>] {
        let pm = self.pm
        let results = try await runner.readEach(entries, on: .projectManagement) { entry throws(ConnectorError) in
            try await pm.invoice(id: entry.sourceID)
        }
        var queue: [RemoteRecord<Invoice>] = []
        var commit = StateCommit()
        for (entry, result) in zip(entries, results) {
            switch result {
            case .success(let invoice?) where invoice.record.statusID?.lowercased() == statuses.trigger.id.lowercased():
                var header = invoice
                header.record.rows = []
                queue.append(header)
            case .success(let invoice):
                let now = invoice.map { "is in \"\(statuses.name(of: $0.record.statusID ?? ""))\"" } ?? "was deleted"
                runner.dropFromQueue(
                    entry.sourceID, pmID: entry.sourceID, accountingID: nil, key: entry.naturalKey,
                    reason: "invoice \(entry.naturalKey ?? entry.sourceID) \(now), no longer in "
                        + "\"\(statuses.trigger.name)\"", into: &commit)
            case .failure(let error):
                try runner.rereadFailed(
                    error, on: .projectManagement, what: "invoice \(entry.naturalKey ?? entry.sourceID) in \(names.pm)",
                    pmID: entry.sourceID, accountingID: nil, key: entry.naturalKey, into: &commit)
            }
        }
        try runner.commit(commit)
        return queue
    }

    /// Queued invoices that are neither in the trigger status nor awaiting a status move leave the queue:
    /// someone moved them on by hand.
    private func leaveQueue(excluding present: Set<String>) throws(EngineFailure) {
        var commit = StateCommit()
        for entry in runner.selectedRetries(nil) where !present.contains(entry.sourceID.lowercased()) {
            commit.logEntries.append(
                runner.entry(
                    .skipped, pmID: entry.sourceID, accountingID: nil, key: entry.naturalKey,
                    reason: "invoice \(entry.naturalKey ?? entry.sourceID) is no longer in "
                        + "\"\(statuses.trigger.name)\"; removed from the retry queue", rule: "R4.1"))
            runner.resolve(entry.sourceID, into: &commit)
        }
        try runner.commit(commit)
    }

    /// What every job of the run shares; `nil` when Severa's business units or Fortnox's cost centers
    /// cannot be read (logged; no invoice goes without its dimensions).
    private func environment() async throws(EngineFailure) -> InvoiceJobEnvironment? {
        let context = runner.context
        let businessUnits: [BusinessUnit]
        let costCenters: Set<String>
        do throws(ConnectorError) {
            businessUnits = try await pm.businessUnits()
            costCenters = try await accounting.costCenterCodes()
        } catch {
            // Every invoice of the run depends on these reads: an answer that is not the API's stops it (O7).
            if let fatal = EngineFailure.fatalToRun(error) { throw fatal }
            var commit = StateCommit()
            commit.logEntries.append(
                runner.entry(
                    .failed, pmID: nil, accountingID: nil, key: nil,
                    reason: "reading the business units and cost centers failed, so no invoice was transferred: "
                        + "\(error)", hint: "the invoices are transferred by the next run that can read them",
                    rule: "R4.5"))
            try runner.commit(commit)
            return nil
        }
        return InvoiceJobEnvironment(
            pm: pm, accounting: accounting, store: context.store, statuses: statuses,
            preparation: InvoicePreparation(
                settings: settings, names: names, businessUnits: businessUnits, activeCostCenters: costCenters,
                limits: accounting.invoiceTextLimits),
            attachments: settings.attachments, names: names, runID: context.runID, clock: context.clock,
            isDryRun: context.isDryRun, lookups: InvoiceLookups(accounting: accounting),
            plannedProducts: context.plannedLinks[.product] ?? [])
    }

    /// Transfers one chunk of the queue and commits it.
    private func process(
        _ headers: [RemoteRecord<Invoice>], environment: InvoiceJobEnvironment, unverified: Set<String>
    ) async throws(EngineFailure) {
        var works = try InvoiceWorkPlanner(runner: runner).works(for: headers, unverified: unverified)
        let intents = try runner.record(
            works.filter { $0.current == nil && !$0.header.record.isCreditNote && !$0.unverified }.map { work in
                runner.intent(.create, key: work.severaID, sourceID: work.severaID)
            })
        let intentIDs = Dictionary(intents.map { ($0.sourceID, $0.id) }) { first, _ in first }
        for index in works.indices where !runner.isDryRun {
            works[index].intentID = intentIDs[works[index].severaID]
        }
        let outcomes = await runner.map(
            works, stop: { $0.fatal != nil },
            transform: { work in await InvoiceJob(environment: environment, work: work).run() })
        var commit = StateCommit()
        var fatal: EngineFailure?
        for (work, outcome) in zip(works, outcomes) {
            guard let outcome else {
                if let intentID = work.intentID { commit.closedIntents.append(intentID) }  // never started
                continue
            }
            fatal = fatal ?? outcome.fatal
            for read in outcome.reads where fatal == nil {
                fatal = runner.noteRead(on: read.side, read.failure)
            }
            add(outcome, to: &commit)
        }
        try runner.commit(commit)
        if let fatal { throw fatal }
    }

    /// Adds what one job did to the chunk's commit.
    private func add(_ outcome: InvoiceOutcome, to commit: inout StateCommit) {
        commit.logEntries += outcome.entries
        if let link = outcome.link { commit.links.append(link) }
        commit.invoiceTransfers += outcome.transfers
        commit.attachments += outcome.attachments
        commit.closedIntents += outcome.closedIntents
        if let failure = outcome.failure {
            runner.queue(outcome.severaID, key: outcome.key, reason: failure, into: &commit)
        } else if outcome.resolved {
            runner.resolve(outcome.severaID, into: &commit)
        }
    }
}
