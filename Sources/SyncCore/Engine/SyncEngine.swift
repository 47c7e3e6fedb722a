/// The sync engine: runs the product, customer and project flows between the two sides (R1–R3), the
/// money flows (invoices R4, project fees R5, paid state R6), bootstraps customers (R2.6), retries failed
/// items (O6) and reports product matches (R1.4).
///
/// The master-data flows run through ``FlowRunner`` (two-way pairing); the money flows are one-way,
/// create-once transfers with follow-ups and run through their own small flows on ``TransferRunner``.
///
/// It reaches the systems only through ``ProjectManagementSide`` and ``AccountingSide`` and keeps all
/// state in a ``SyncStateStore``. Every method records a run in the store, returns a ``RunResult`` and
/// never throws: fatal failures (authentication, an unreachable system, the state store) end the run
/// early with everything done until then committed, and are reported in ``RunResult/fatal``.
///
/// One run at a time: the CLI holds the lock (O3) and checks the enabled setting (O2) before calling.
public final class SyncEngine: Sendable {
    private let pm: any ProjectManagementSide
    private let accounting: any AccountingSide
    private let store: any SyncStateStore
    private let configuration: EngineConfiguration
    private let clock: SyncClock
    private let cancellationExitCode: @Sendable () -> Int32

    /// Creates an engine.
    ///
    /// - Parameters:
    ///   - pm: The project-management side (Severa).
    ///   - accounting: The accounting side (Fortnox).
    ///   - store: The state store (links, cursors, journal, retry queue, transfer log).
    ///   - configuration: Masters, enabled flows, concurrency and batch size.
    ///   - clock: The time source.
    ///   - cancellationExitCode: Asked when a run was cancelled, for the exit code the run records and
    ///     returns: 128 + the signal that stopped it (130 for SIGINT, 143 for SIGTERM). By default 130.
    public init(
        pm: any ProjectManagementSide, accounting: any AccountingSide, store: any SyncStateStore,
        configuration: EngineConfiguration = EngineConfiguration(), clock: SyncClock = .system,
        cancellationExitCode: @escaping @Sendable () -> Int32 = { EngineFailure.cancelledExitCode }
    ) {
        self.pm = pm
        self.accounting = accounting
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.cancellationExitCode = cancellationExitCode
    }

    /// Runs every enabled flow in dependency order (products, customers, projects, invoices, fees, paid
    /// state; R3.3, R4.2): retries the queue, then transfers what changed on either side since the last
    /// run (O3). With the invoice or paid-state flow on, the configured invoice statuses are checked first
    /// (R4.1): an unusable trigger or received status stops the run before any flow (exit 78).
    ///
    /// - Parameter dryRun: Plan only: the plan is logged as `planned` entries under the run's id and
    ///   returned; nothing is written to either system, no cursor, link, intent or queue entry changes.
    /// - Returns: What the run did, and why it stopped early if it did.
    public func run(dryRun: Bool = false) async -> RunResult {
        let flows = EntityKind.flowOrder.filter { configuration.enabledFlows.contains($0) }
        return await execute(kind: dryRun ? .dryRun : .incremental) { context throws(EngineFailure) in
            let statuses = try await self.invoiceStatuses(for: flows, context: context)
            for entity in flows {
                try await self.runFlow(entity, mode: .incremental, context: context, statuses: statuses)
            }
        }
    }

    /// Transfers every customer of `side` to the other side (R2.6): (a) from the PM side all customers,
    /// (b) from the accounting side all companies (private customers are skipped, R2.3), (c) nothing
    /// when there is nothing to transfer.
    ///
    /// Existing customers are matched by number (R2.1) and paired, the bootstrap's source side winning
    /// where they differ; already linked ones are synced as in a normal run. Re-running creates nothing
    /// twice. Afterwards the cursors are set so the next run does not redo the work.
    /// - Parameters:
    ///   - side: The side whose customers are transferred.
    ///   - dryRun: Plan only, as in ``run(dryRun:)``.
    /// - Returns: What the bootstrap did, and why it stopped early if it did.
    public func bootstrapCustomers(from side: SystemSide, dryRun: Bool = false) async -> RunResult {
        await execute(kind: dryRun ? .dryRun : .bootstrap) { context throws(EngineFailure) in
            try await self.runFlow(.customer, mode: .bootstrap(source: side), context: context, statuses: nil)
        }
    }

    /// Retries failed items after the operator fixed their cause (O6): every queued item of the enabled
    /// flows, of `entity` only, or the one item whose id or natural key is `recordID`.
    ///
    /// What went through before is linked and is not sent again.
    public func retryFailed(entity: EntityKind? = nil, recordID: String? = nil) async -> RunResult {
        let flows = retryFlows(entity: entity)
        return await execute(kind: .retry) { context throws(EngineFailure) in
            let statuses = try await self.invoiceStatuses(for: flows, context: context)
            for flow in flows {
                try await self.runFlow(flow, mode: .retry(recordID: recordID), context: context, statuses: statuses)
            }
        }
    }

    /// The queued items ``retryFailed(entity:recordID:)`` would try, without recording a run: those
    /// of `entity` (of every enabled flow when `nil`) that ``PendingRetry/matches(recordID:)``.
    ///
    /// - Throws: `StateStoreError` when the retry queue cannot be read.
    public func queuedRetries(entity: EntityKind? = nil, recordID: String? = nil) throws(StateStoreError)
        -> [PendingRetry]
    {
        var items: [PendingRetry] = []
        for flow in retryFlows(entity: entity) {
            items += try store.pendingRetries(entity: flow).filter { $0.matches(recordID: recordID) }
        }
        return items
    }

    /// The flows a retry covers: `entity`, or every enabled flow.
    private func retryFlows(entity: EntityKind?) -> [EntityKind] {
        EntityKind.flowOrder.filter { flow in entity.map { $0 == flow } ?? configuration.enabledFlows.contains(flow) }
    }

    /// Runs `body` as a recorded run of `kind` and collects its result.
    private func execute(kind: RunKind, _ body: (RunContext) async throws(EngineFailure) -> Void) async -> RunResult {
        let runID: Int64
        let intents: [WriteIntent]
        do {
            runID = try store.startRun(kind: kind, at: clock.now())
            intents = try store.openIntents()
        } catch {
            return RunResult(runID: nil, kind: kind, fatal: EngineFailure.stateStore(error))
        }
        let context = RunContext(
            runID: runID, kind: kind, store: store, configuration: configuration, clock: clock,
            names: SystemNames(pm: pm.systemName, accounting: accounting.systemName), openIntents: intents)
        var fatal: EngineFailure?
        do {
            try await body(context)
        } catch {
            fatal = error.kind == .cancelled ? EngineFailure.cancelled(exitCode: cancellationExitCode()) : error
        }
        var result = RunResult(
            runID: runID, kind: kind, summary: context.summary,
            projected: kind == .dryRun ? context.projected : context.summary,
            entitySummaries: context.entitySummaries, entries: context.entries,
            omittedEntryCount: context.omittedEntryCount, fatal: fatal)
        do {
            try store.finishRun(id: runID, at: clock.now(), summary: result.summary, exitCode: result.exitCode)
        } catch {
            if result.fatal == nil { result.fatal = EngineFailure.stateStore(error) }
        }
        return result
    }

    /// The invoice statuses for the invoice and paid-state flows among `flows` (R4.1), checked before any
    /// flow runs; `nil` when neither runs or the statuses could not be read.
    private func invoiceStatuses(for flows: [EntityKind], context: RunContext) async throws(EngineFailure)
        -> ResolvedInvoiceStatuses?
    {
        let money = flows.filter { $0 == .invoice || $0 == .paidState }
        guard !money.isEmpty else { return nil }
        guard let settings = configuration.invoices else {
            throw EngineFailure.configuration(
                "R4.1: the \(money.map(\.rawValue).joined(separator: " and ")) flow needs the invoice statuses "
                    + "(invoices.triggerStatus, invoices.receivedStatus)")
        }
        return try await InvoiceStatusCheck(pm: pm, context: context)
            .resolve(settings, paidFlow: money.contains(.paidState))
    }

    /// Builds the flow for `entity` and runs it.
    private func runFlow(
        _ entity: EntityKind, mode: FlowMode, context: RunContext, statuses: ResolvedInvoiceStatuses?
    ) async throws(EngineFailure) {
        let names = context.names
        var pairingSource: SystemSide?
        if case .bootstrap(let source) = mode { pairingSource = source }
        let both: Set<SyncDirection> = [.pmToAccounting, .accountingToPM]
        switch entity {
        case .product:
            guard let units = try await accountingUnits(context: context) else { return }
            let flow = ProductFlow(
                pmEndpoint: pm.products, accountingEndpoint: accounting.products, names: names, directions: both,
                master: configuration.productMaster, accountingUnits: units)
            try await FlowRunner(flow: flow, context: context, pairingSource: pairingSource).run(mode)
        case .customer:
            let flow = CustomerFlow(
                pmEndpoint: pm.customers, accountingEndpoint: accounting.customers, names: names, directions: both,
                master: configuration.customerMaster)
            try await FlowRunner(flow: flow, context: context, pairingSource: pairingSource).run(mode)
        case .project:
            let flow = ProjectFlow(pmEndpoint: pm.projects, accountingEndpoint: accounting.projects, names: names)
            try await FlowRunner(flow: flow, context: context, pairingSource: pairingSource).run(mode)
        case .invoice:
            guard let statuses, let settings = configuration.invoices else { return }
            try await InvoiceTransferFlow(
                context: context, pm: pm, accounting: accounting, settings: settings, statuses: statuses
            ).run(mode)
        case .projectFee:
            try await FeeTransferFlow(context: context, pm: pm, accounting: accounting).run(mode)
        case .paidState:
            guard let statuses, let paid = statuses.paid else { return }
            try await PaidStateFlow(
                context: context, pm: pm, accounting: accounting, statuses: statuses, paid: paid
            ).run(mode)
        case .unit, .transferLog:
            return
        }
    }

    /// The accounting side's unit codes for R1.3, or `nil` (logged) when they cannot be read.
    private func accountingUnits(context: RunContext) async throws(EngineFailure) -> Set<String>? {
        do {
            return Set(try await accounting.units().map(\.code))
        } catch {
            if let fatal = EngineFailure.fatalToRun(error) { throw fatal }
            var commit = StateCommit()
            commit.logEntries = [
                TransferLogEntry(
                    runID: context.runID, time: clock.now(), entity: .product, direction: nil, action: .failed,
                    reason: "reading the units of \(context.names.accounting) failed, so no product was "
                        + "synchronised: \(error)",
                    hint: "the products are synchronised on the next run that can read the units", rule: "R1.3")
            ]
            try context.commit(commit)
            return nil
        }
    }
}

extension SyncEngine {
    /// The pre-flight product report (R1.4): pairs, code-only and name-only matches, and the products
    /// on one side only, from full listings of both sides. Reads only; records no run.
    ///
    /// - Throws: ``EngineFailure`` when either side cannot be listed.
    public func productMatchReport() async throws(EngineFailure) -> ProductMatchReport {
        try await ProductMatchReporter(pmProducts: pm.products, accountingProducts: accounting.products).report()
    }
}
