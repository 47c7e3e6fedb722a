/// Runs one flow within a run: recovers interrupted creates, retries the queue, then reads each source
/// side's change feed and processes it batch by batch.
///
/// Not `Sendable`: it lives in the run's task; only ``WriteExecutor`` and endpoint reads cross into the
/// bounded-concurrency child tasks.
final class FlowRunner<Flow: SyncFlow> {
    typealias Record = Flow.Record

    /// How a listing ended.
    enum ListingResult {
        /// Every page was read and processed; the cursor of the last page.
        case complete(ChangeCursor?)
        /// The listing failed part way (logged); the cursor must not move.
        case failed
    }

    /// The reason logged when a record created by an interrupted run or request is linked.
    static var adoptionReason: String { "adopted record created by an interrupted run" }

    let flow: Flow
    let context: RunContext
    let decider: PairDecider<Flow>
    let executor: WriteExecutor<Flow>
    /// The members compared and written, per record and pair.
    let fields: FieldSelection<Flow>
    /// Complete key indexes per side, built when a side is listed in full.
    var indices: [SystemSide: SideIndex] = [:]
    /// The keys decided in this run.
    let ledger = DecisionLedger()
    /// The retry-queue keys of this flow (kept current as batches commit).
    var queued: Set<RecordReference> = []
    /// Keys whose interrupted create could not be checked: never created again in this run.
    var unverifiedKeys: Set<String> = []

    /// Creates a runner. For a bootstrap, `pairingSource` is the side whose values win when two existing
    /// records are paired for the first time; writes of such pairings then go to the other side only.
    init(flow: Flow, context: RunContext, pairingSource: SystemSide? = nil) {
        self.flow = flow
        self.context = context
        let fields = FieldSelection(flow: flow)
        self.fields = fields
        let linkedMerge = FieldMerge(master: flow.master, directions: flow.directions)
        let pairingMerge =
            pairingSource.map { FieldMerge(master: $0, directions: [SyncDirection(from: $0)]) } ?? linkedMerge
        self.decider = PairDecider(
            flow: flow, fields: fields, linkedMerge: linkedMerge, pairingMerge: pairingMerge)
        self.executor = WriteExecutor(flow: flow)
    }

    /// Runs the flow.
    ///
    /// - Throws: ``EngineFailure`` when the run must stop; everything decided before is committed.
    func run(_ mode: FlowMode) async throws(EngineFailure) {
        let entity = flow.entity
        let pending = try context.withStore { () throws(StateStoreError) in
            try context.store.pendingRetries(entity: entity)
        }
        queued = Set(pending.map { RecordReference(entity: $0.entity, side: $0.side, id: $0.sourceID) })
        try await recoverIntents()
        switch mode {
        case .incremental:
            try await processRetries(pending, explicit: false)
            for side in flow.sourceSides {
                try await processFeed(of: side)
            }
        case .retry(let recordID):
            let selected = pending.filter { $0.matches(recordID: recordID) }
            try await processRetries(selected, explicit: true)
        case .bootstrap(let source):
            try await bootstrap(from: source)
        }
    }

    /// Processes the changes of `side` since its cursor and stores the new cursor when all is durable.
    private func processFeed(of side: SystemSide) async throws(EngineFailure) {
        let entity = flow.entity
        let cursor = try context.withStore { () throws(StateStoreError) in
            try context.store.cursor(side: side, entity: entity)
        }
        let isFullListing = cursor == nil
        if isFullListing, indices[side.opposite]?.isComplete != true {
            _ = try await buildIndex(of: side.opposite, required: false)
        }
        let seen: SideIndex? = isFullListing && indices[side]?.isComplete != true ? SideIndex() : nil
        if let seen { indices[side] = seen }
        guard case .complete(let next) = try await list(side, since: cursor, recordingInto: seen) else { return }
        seen?.isComplete = true
        if let next, !context.isDryRun {
            var commit = StateCommit()
            commit.cursors = [CursorUpdate(side: side, entity: entity, cursor: next)]
            try commitBatch(commit)
        }
    }

    /// Transfers every record of `source` and sets the cursors so the next run does not redo it (R2.6).
    ///
    /// The other side is listed first, before any write, and its cursor (stored only when it has none)
    /// comes from that listing: the accounting side has no per-record timestamps, so a cursor taken after
    /// our writes could hide a change someone made meanwhile. The price: the next incremental run reads
    /// back the records this bootstrap wrote (they compare equal to their snapshots, nothing is written).
    private func bootstrap(from source: SystemSide) async throws(EngineFailure) {
        let target = source.opposite
        let entity = flow.entity
        guard case .complete(let targetCursor) = try await buildIndex(of: target, required: true) else { return }
        guard case .complete(let sourceCursor) = try await list(source, since: nil, recordingInto: nil),
            !context.isDryRun
        else { return }
        var commit = StateCommit()
        if let sourceCursor {
            commit.cursors.append(CursorUpdate(side: source, entity: entity, cursor: sourceCursor))
        }
        let storedTarget = try context.withStore { () throws(StateStoreError) in
            try context.store.cursor(side: target, entity: entity)
        }
        if let targetCursor, storedTarget == nil {
            commit.cursors.append(CursorUpdate(side: target, entity: entity, cursor: targetCursor))
        }
        try commitBatch(commit)
    }

    /// Commits `commit` and keeps the in-memory retry-queue keys current.
    func commitBatch(_ commit: StateCommit) throws(EngineFailure) {
        try context.commit(commit)
        guard !context.isDryRun else { return }
        queued.subtract(commit.resolvedFailures)
        for failure in commit.failures {
            queued.insert(RecordReference(entity: failure.entity, side: failure.side, id: failure.sourceID))
        }
    }

    /// Stops the run when its task was cancelled.
    func checkCancellation() throws(EngineFailure) {
        if Task.isCancelled { throw EngineFailure.cancelledRun }
    }
}
