/// What a run, bootstrap or retry did: counts, the decisions it logged and why it stopped early, if it did.
public struct RunResult: Sendable {
    /// The run's id in the state store; `nil` when the store could not even record the start.
    public var runID: Int64?
    /// The kind of run.
    public var kind: RunKind
    /// Counts of the transfer-log entries this run appended (a dry run counts only `planned`).
    public var summary: RunSummary
    /// Counts of the decisions themselves: equal to ``summary`` for real runs; for a dry run, what a real
    /// run would have logged (created, updated, failed …).
    public var projected: RunSummary
    /// ``summary`` per flow (for a dry run, ``projected`` per flow): every decision of the run, also
    /// those the store did not log again (a record failing as before, O4).
    public var entitySummaries: [EntityKind: RunSummary]
    /// The entries this run logged, oldest first, at most ``EngineConfiguration/resultEntryLimit``.
    public var entries: [TransferLogEntry]
    /// How many entries were left out of ``entries`` (read them with `transferLog(matching:)` and the run id).
    public var omittedEntryCount: Int
    /// Why the run stopped early; `nil` when it went to the end.
    public var fatal: EngineFailure?

    /// Creates a result.
    public init(
        runID: Int64?, kind: RunKind, summary: RunSummary = RunSummary(), projected: RunSummary = RunSummary(),
        entitySummaries: [EntityKind: RunSummary] = [:], entries: [TransferLogEntry] = [], omittedEntryCount: Int = 0,
        fatal: EngineFailure? = nil
    ) {
        self.runID = runID
        self.kind = kind
        self.summary = summary
        self.projected = projected
        self.entitySummaries = entitySummaries
        self.entries = entries
        self.omittedEntryCount = omittedEntryCount
        self.fatal = fatal
    }

    /// Whether some item failed (for a dry run: would fail); such items are queued for retry.
    public var hasFailures: Bool { projected.failed > 0 }

    /// The process exit code: the fatal failure's, else 1 when items failed (partial failure), else 0.
    public var exitCode: Int32 {
        if let fatal { return fatal.exitCode }
        return hasFailures ? RunResult.partialFailureExitCode : 0
    }

    /// The exit code of a run in which some items failed and the others went through.
    public static let partialFailureExitCode: Int32 = 1
}
