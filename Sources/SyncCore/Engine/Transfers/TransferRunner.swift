import Foundation

/// What the three one-way money flows (invoices R4, fees R5, paid state R6) share: the run's context,
/// the retry queue of their entity, log entries, intents and commits.
///
/// They do not run through ``FlowRunner``: that one pairs records of two sides, compares them three
/// ways and updates either side, where these flows create once and follow up (docs/ARCHITECTURE.md,
/// "Departures"). Lives in the run's task, like ``FlowRunner``; only values cross into write tasks.
final class TransferRunner {
    /// The run's state.
    let context: RunContext
    /// The flow's entity.
    let entity: EntityKind
    /// The direction the flow's records travel.
    let direction: SyncDirection
    /// The retry-queue entries of the entity, as read when the runner was made and kept current.
    private(set) var queued: [RecordReference: PendingRetry] = [:]

    /// Creates a runner and reads the entity's retry queue.
    init(context: RunContext, entity: EntityKind, direction: SyncDirection) throws(EngineFailure) {
        self.context = context
        self.entity = entity
        self.direction = direction
        let pending = try context.withStore { () throws(StateStoreError) in
            try context.store.pendingRetries(entity: entity)
        }
        for entry in pending { queued[reference(entry.sourceID)] = entry }
    }

    /// The systems' names.
    var names: SystemNames { context.names }

    /// Whether the run only plans.
    var isDryRun: Bool { context.isDryRun }

    /// The current time.
    func now() -> Date { context.clock.now() }

    /// The queue key of source record `sourceID`.
    func reference(_ sourceID: String) -> RecordReference {
        RecordReference(entity: entity, side: direction.source, id: sourceID)
    }

    /// The queued entries an operator's retry selects: all, or those whose id or key is `recordID` or
    /// for which `matches` holds.
    func selectedRetries(_ recordID: String?, matches: (PendingRetry, String) -> Bool = { _, _ in false })
        -> [PendingRetry]
    {
        queued.values.filter { entry in
            guard let recordID else { return true }
            return entry.sourceID == recordID || entry.naturalKey == recordID || matches(entry, recordID)
        }.sorted { ($0.firstFailedAt, $0.sourceID) < ($1.firstFailedAt, $1.sourceID) }
    }

    /// A log entry of this run and flow.
    func entry(
        _ action: TransferAction, pmID: String?, accountingID: String?, key: String?, reason: String? = nil,
        hint: String? = nil, rule: String?
    ) -> TransferLogEntry {
        TransferLogEntry(
            runID: context.runID, time: now(), entity: entity, direction: direction, action: action, pmID: pmID,
            accountingID: accountingID, naturalKey: key, reason: reason, hint: hint, rule: rule)
    }

    /// Adds to `commit` the failure of source record `sourceID` (queued for retry).
    func queue(_ sourceID: String, key: String?, reason: String, into commit: inout StateCommit) {
        let time = now()
        commit.failures.append(
            PendingRetry(
                entity: entity, side: direction.source, sourceID: sourceID, naturalKey: key, reason: reason,
                firstFailedAt: time, lastFailedAt: time, attempts: 1))
    }

    /// Adds to `commit` the removal of source record `sourceID` from the retry queue, when it is queued.
    func resolve(_ sourceID: String, into commit: inout StateCommit) {
        let ref = reference(sourceID)
        if queued[ref] != nil, !commit.resolvedFailures.contains(ref) { commit.resolvedFailures.append(ref) }
    }

    /// Makes `commit` durable (a dry run keeps its entries only) and keeps the queue current.
    func commit(_ commit: StateCommit) throws(EngineFailure) {
        try context.commit(commit)
        guard !isDryRun else { return }
        for ref in commit.resolvedFailures { queued[ref] = nil }
        for failure in commit.failures where failure.entity == entity {
            queued[RecordReference(entity: entity, side: failure.side, id: failure.sourceID)] = failure
        }
    }

    /// Journals `intents` durably before their writes; a dry run journals nothing.
    func record(_ intents: [WriteIntent]) throws(EngineFailure) -> [WriteIntent] {
        guard !isDryRun, !intents.isEmpty else { return intents }
        return try context.withStore { () throws(StateStoreError) in try context.store.recordIntents(intents) }
    }

    /// An intent of this run and flow.
    func intent(
        _ operation: IntentOperation, key: String, sourceID: String, targetID: String? = nil, payload: String? = nil
    ) -> WriteIntent {
        WriteIntent(
            runID: context.runID, entity: entity, target: direction.target, operation: operation, naturalKey: key,
            sourceID: sourceID, targetID: targetID, openedAt: now(), payload: payload)
    }

    /// The intents of this flow's entity that earlier runs left open.
    var openIntents: [WriteIntent] { context.openIntents.filter { $0.entity == entity } }

    /// Runs a store read, turning its error into a fatal failure.
    func read<Value>(_ body: (any SyncStateStore) throws(StateStoreError) -> Value) throws(EngineFailure) -> Value {
        try context.withStore { () throws(StateStoreError) in try body(context.store) }
    }

    /// Stops the run when its task was cancelled.
    func checkCancellation() throws(EngineFailure) {
        if Task.isCancelled { throw EngineFailure.cancelledRun }
    }

    /// Applies `transform` to `inputs` with the configured write concurrency, stopping new work after
    /// an output `stop` accepts; outputs of inputs never started are `nil`.
    func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], stop: @escaping @Sendable (Output) -> Bool = { _ in false },
        transform: @escaping @Sendable (Input) async -> Output
    ) async -> [Output?] {
        await BoundedConcurrency.map(
            inputs, limit: context.configuration.writeConcurrency, stop: stop, transform: transform)
    }

    /// Notes how one record read on `side` ended (`failure` `nil` when it succeeded); returns the failure
    /// that stops the run when it was the third answer in a row that was not the API's (O7, see
    /// ``UnhealthyReadStreak``).
    func noteRead(on side: SystemSide, _ failure: ConnectorError?) -> EngineFailure? {
        context.noteRecordRead(on: side, failure: failure)
    }

    /// What an operator can do about `error` on `side`.
    func hint(for error: ConnectorError, on side: SystemSide) -> String {
        Failure.hint(for: error, system: names.name(of: side))
    }
}
