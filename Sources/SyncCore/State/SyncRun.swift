public import Foundation

/// What kind of run a run is.
public enum RunKind: String, Sendable, Hashable, Codable {
    /// A scheduled incremental run (`brygga run`).
    case incremental
    /// A dry run: plans only, writes nothing remote, moves no cursor.
    case dryRun = "dry_run"
    /// A one-shot bootstrap (`brygga bootstrap customers`).
    case bootstrap
    /// An operator's retry of failed items (`brygga retry`).
    case retry
    /// An operator's removal of old transfer-log entries (`brygga log prune`, O4); not a sync run.
    case prune
}

/// Counts of what a run did, for the one-line summary and `brygga status`.
public struct RunSummary: Sendable, Hashable {
    public var created = 0
    public var updated = 0
    public var linked = 0
    public var skipped = 0
    public var conflicts = 0
    public var failed = 0
    public var planned = 0

    /// Creates an empty summary.
    public init() {}

    /// Counts one log entry.
    public mutating func count(_ action: TransferAction) {
        switch action {
        case .created: created += 1
        case .updated: updated += 1
        case .linked: linked += 1
        case .skipped: skipped += 1
        case .conflict: conflicts += 1
        case .failed: failed += 1
        case .planned: planned += 1
        case .resolved, .pruned: break
        }
    }
}

/// A run as the store records it.
public struct SyncRun: Sendable, Hashable {
    /// The run id, increasing.
    public var id: Int64
    /// The kind of run.
    public var kind: RunKind
    /// When it started.
    public var startedAt: Date
    /// When it finished; `nil` while running or when it died.
    public var finishedAt: Date?
    /// What it did (complete once finished).
    public var summary: RunSummary
    /// The process exit code it ended with.
    public var exitCode: Int32?

    /// Creates a run record.
    public init(
        id: Int64, kind: RunKind, startedAt: Date, finishedAt: Date? = nil, summary: RunSummary = RunSummary(),
        exitCode: Int32? = nil
    ) {
        self.id = id
        self.kind = kind
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.summary = summary
        self.exitCode = exitCode
    }
}
