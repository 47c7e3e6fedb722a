import Foundation

/// R5: every supplier-invoice row booked to a project becomes one project fee on the Severa project with
/// the same number, at most once (R5.4).
///
/// A run: recover interrupted creates (journal, with the project number as payload) → retry the queue
/// (re-reading the supplier invoices) → read the supplier invoices changed since the cursor → per batch:
/// decide from the links (created before? changed since?) → check the project → journal → create →
/// commit → store the cursor once everything listed is durable.
struct FeeTransferFlow {
    let runner: TransferRunner
    let pm: any ProjectManagementSide
    let accounting: any AccountingSide

    init(context: RunContext, pm: any ProjectManagementSide, accounting: any AccountingSide) throws(EngineFailure) {
        runner = try TransferRunner(context: context, entity: .projectFee, direction: .accountingToPM)
        self.pm = pm
        self.accounting = accounting
    }

    var names: SystemNames { runner.names }

    /// Runs the flow.
    func run(_ mode: FlowMode) async throws(EngineFailure) {
        let unverified = try await recoverIntents()
        var batcher = FeeBatchProcessor(flow: self, unverified: unverified)
        switch mode {
        case .retry(let recordID):
            try await retry(runner.selectedRetries(recordID, matches: Self.matchesSupplierInvoice), with: &batcher)
        case .incremental, .bootstrap:
            try await retry(runner.selectedRetries(nil), with: &batcher)
            try await processFeed(with: &batcher)
        }
    }

    /// Whether queued fee `entry` belongs to supplier invoice `number` (retry by supplier-invoice number).
    static func matchesSupplierInvoice(_ entry: PendingRetry, _ number: String) -> Bool {
        FeeDecision.supplierInvoice(of: entry.sourceID) == number
    }

    /// Reads the supplier invoices changed since the cursor and transfers their fees.
    private func processFeed(with batcher: inout FeeBatchProcessor) async throws(EngineFailure) {
        let cursor = try runner.read { store throws(StateStoreError) in
            try store.cursor(side: .accounting, entity: .projectFee)
        }
        try await runner.follow(
            accounting.projectFees(since: cursor), on: .accounting, listing: "the supplier invoices", rule: "R5.1"
        ) { items throws(EngineFailure) in try await batcher.process(items) }
    }

    /// Re-reads the supplier invoices of the queued fees and transfers them again; fees whose row is gone
    /// leave the queue.
    private func retry(_ entries: [PendingRetry], with batcher: inout FeeBatchProcessor) async throws(EngineFailure) {
        guard !entries.isEmpty else { return }
        let numbers = Array(Set(entries.map { FeeDecision.supplierInvoice(of: $0.sourceID) })).sorted()
        let accounting = self.accounting
        let results = try await runner.readEach(numbers, on: .accounting) { number throws(ConnectorError) in
            try await accounting.projectFees(ofSupplierInvoice: number)
        }
        var items: [PageItem<ProjectFee>] = []
        var commit = StateCommit()
        for (number, result) in zip(numbers, results) {
            switch result {
            case .success(let found):
                items += found
                let present = Set(
                    found.compactMap { item -> String? in
                        switch item {
                        case .record(let fee): fee.id
                        case .unreadable(let unreadable): unreadable.id
                        }
                    })
                for entry in entries
                where FeeDecision.supplierInvoice(of: entry.sourceID) == number && !present.contains(entry.sourceID) {
                    runner.dropFromQueue(
                        entry.sourceID, pmID: nil, accountingID: entry.sourceID, key: entry.sourceID,
                        reason: "\(entry.sourceID) is no longer a project row of a booked supplier invoice",
                        into: &commit)
                }
            case .failure(let error):
                try runner.rereadFailed(
                    error, on: .accounting, what: "supplier invoice \(number) in \(names.accounting)", pmID: nil,
                    accountingID: "supplierinvoice/\(number)", key: nil, into: &commit)
            }
        }
        try runner.commit(commit)
        try await batcher.process(items)
    }
}
