import Foundation

/// The state of one run shared by its flows: the run id, the store, the counts and the entries logged.
///
/// Used from the run's own task only (never from the write tasks), so it needs no lock.
final class RunContext {
    /// The run's id.
    let runID: Int64
    /// The kind of run.
    let kind: RunKind
    /// The state store.
    let store: any SyncStateStore
    /// The engine's settings.
    let configuration: EngineConfiguration
    /// The time source.
    let clock: SyncClock
    /// The systems' names.
    let names: SystemNames
    /// The intents left open by earlier runs, read at the start.
    let openIntents: [WriteIntent]

    private(set) var summary = RunSummary()
    private(set) var projected = RunSummary()
    /// ``summary`` per flow (``projected`` for a dry run).
    private(set) var entitySummaries: [EntityKind: RunSummary] = [:]
    private(set) var entries: [TransferLogEntry] = []
    private(set) var omittedEntryCount = 0
    /// The natural keys a dry run would have linked, per entity: it links nothing, yet the records that
    /// depend on them (R3.3: a project and its customer) must be planned as the real run would decide.
    private(set) var plannedLinks: [EntityKind: Set<String>] = [:]
    /// Unhealthy answers in a row to record reads, per side, across the flows of the run.
    private var unhealthyReads = UnhealthyReadStreak()

    init(
        runID: Int64, kind: RunKind, store: any SyncStateStore, configuration: EngineConfiguration, clock: SyncClock,
        names: SystemNames, openIntents: [WriteIntent]
    ) {
        self.runID = runID
        self.kind = kind
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.names = names
        self.openIntents = openIntents
    }

    /// Whether this run only plans: no remote write, no link, cursor, intent or retry-queue change.
    var isDryRun: Bool { kind == .dryRun }

    /// Makes `commit` durable; a dry run keeps only its log entries, turned into `planned` ones.
    ///
    /// The entries are named after their records where the commit's links know them, and the commit
    /// names this run (see ``StateCommit/run``). The entries count in the result only once the store has
    /// them; they count even when the store does not append an entry again (a record failing as
    /// before, O4), so the counts and the exit code say what the run met.
    func commit(_ commit: StateCommit) throws(EngineFailure) {
        var durable = commit
        durable.logEntries = RecordNaming.named(commit.logEntries, links: commit.links)
        durable.run = (runID, clock.now())
        if isDryRun {
            let named = durable.logEntries
            durable = StateCommit()
            durable.logEntries = named.map(planned)
            for entry in commit.logEntries where entry.action == .created || entry.action == .linked {
                if let key = entry.naturalKey { plannedLinks[entry.entity, default: []].insert(key) }
            }
        }
        if durable.isEmpty { return }
        do {
            try store.commit(durable)
        } catch {
            throw EngineFailure.stateStore(error)
        }
        for entry in commit.logEntries {
            projected.count(entry.action)
            if isDryRun { entitySummaries[entry.entity, default: RunSummary()].count(entry.action) }
        }
        for entry in durable.logEntries {
            summary.count(entry.action)
            if !isDryRun { entitySummaries[entry.entity, default: RunSummary()].count(entry.action) }
            if entries.count < configuration.resultEntryLimit {
                entries.append(entry)
            } else {
                omittedEntryCount += 1
            }
        }
    }

    /// Notes how one record read on `side` ended (`failure` `nil` when it succeeded), for the rule that
    /// ``UnhealthyReadStreak/limit`` answers in a row that were not the API's stop the run (exit 69).
    ///
    /// Every runner calls it for each record read, in the order it handles the results: the flows'
    /// ``FlowRunner`` and the money flows' runner alike.
    ///
    /// - Returns: The failure that must stop the run, after the caller committed what it did.
    func noteRecordRead(on side: SystemSide, failure: ConnectorError?) -> EngineFailure? {
        unhealthyReads.note(failure, on: side)
    }

    /// Notes the record reads behind a listed page's items: a record read or mapped is a good answer,
    /// an unreadable one counts with the failure that made it so (``UnreadableRecord/cause``).
    func noteRecordReads<Record>(on side: SystemSide, of items: [PageItem<Record>]) -> EngineFailure? {
        for item in items {
            let failure: ConnectorError?
            switch item {
            case .record: failure = nil
            case .unreadable(let unreadable): failure = unreadable.cause
            }
            if let stop = noteRecordRead(on: side, failure: failure) { return stop }
        }
        return nil
    }

    /// Runs a store call, turning its error into a fatal engine failure.
    func withStore<Value>(_ body: () throws(StateStoreError) -> Value) throws(EngineFailure) -> Value {
        do {
            return try body()
        } catch {
            throw EngineFailure.stateStore(error)
        }
    }

    /// The dry-run form of `entry`: action `planned`, with the decision spelled out in the reason.
    private func planned(_ entry: TransferLogEntry) -> TransferLogEntry {
        var plannedEntry = entry
        plannedEntry.action = .planned
        let target = entry.direction.map { names.name(of: $0.target) } ?? "the other system"
        let detail = entry.reason.map { ": \($0)" } ?? ""
        switch entry.action {
        case .created: plannedEntry.reason = "would create in \(target)\(detail)"
        case .updated: plannedEntry.reason = "would update in \(target)\(detail)"
        case .linked: plannedEntry.reason = "would link\(detail)"
        case .skipped: plannedEntry.reason = "would skip\(detail)"
        case .failed: plannedEntry.reason = "would fail\(detail)"
        case .conflict: plannedEntry.reason = "conflict\(detail)"
        case .planned, .resolved, .pruned: break
        }
        return plannedEntry
    }
}
