public import Foundation
public import JSONSupport

/// What a transfer-log entry records (O4).
public enum TransferAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// A record was created on the target side.
    case created
    /// Fields of a record were updated on the target side.
    case updated
    /// Two existing records were paired without writing (match by number or code, or adoption of a
    /// record an earlier interrupted run created).
    case linked
    /// Nothing was transferred, on purpose (the reason says why, e.g. a private customer, R2.3).
    case skipped
    /// The same field changed on both sides; the master rule chose the winner.
    case conflict
    /// The transfer failed; the reason and hint say why and how to fix it; retried next run.
    case failed
    /// A dry run's plan: what a real run would do.
    case planned
    /// A record that had failed no longer fails, and nothing needed transferring to make it so (a
    /// transfer that clears a failure is logged as that transfer). Written by the state store (O4).
    case resolved
    /// Old entries were removed by `brygga log prune` (O4); the entry says how many and up to when.
    case pruned
}

/// One field's change in a transfer.
public struct FieldChange: Sendable, Hashable {
    /// The canonical member, e.g. `vatNumber`.
    public var field: String
    /// The value before (on the target side); `nil` when absent.
    public var old: JSONValue?
    /// The value written; `nil` when removed.
    public var new: JSONValue?

    /// Creates a change.
    public init(field: String, old: JSONValue?, new: JSONValue?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// A field that changed on both sides, with both values and the side whose value won.
public struct FieldConflict: Sendable, Hashable {
    /// The canonical member.
    public var field: String
    /// The value on the project-management side.
    public var pmValue: JSONValue?
    /// The value on the accounting side.
    public var accountingValue: JSONValue?
    /// The side whose value was kept (the master for this entity).
    public var winner: SystemSide

    /// Creates a conflict.
    public init(field: String, pmValue: JSONValue?, accountingValue: JSONValue?, winner: SystemSide) {
        self.field = field
        self.pmValue = pmValue
        self.accountingValue = accountingValue
        self.winner = winner
    }
}

/// One decision in the append-only transfer log (O4): never updated in place, kept when records are deleted.
public struct TransferLogEntry: Sendable, Hashable {
    /// The store's sequence number; `0` until appended.
    public var sequence: Int64
    /// The run that made the decision.
    public var runID: Int64
    /// When.
    public var time: Date
    /// The flow's record kind.
    public var entity: EntityKind
    /// The direction, when the decision has one.
    public var direction: SyncDirection?
    /// What was done.
    public var action: TransferAction
    /// The record's id on the project-management side, when known.
    public var pmID: String?
    /// The record's id on the accounting side, when known.
    public var accountingID: String?
    /// The natural key (number, code, reference), when known.
    public var naturalKey: String?
    /// The record's name (a customer's, product's or project's), when known; entries written before
    /// schema version 3 have none.
    public var recordName: String?
    /// Why, in words an operator understands (for skipped, conflict, failed, planned).
    public var reason: String?
    /// How to fix it (for failed).
    public var hint: String?
    /// The requirement behind the decision, e.g. `R1.2`.
    public var rule: String?
    /// The fields written.
    public var changes: [FieldChange]
    /// The fields that changed on both sides.
    public var conflicts: [FieldConflict]

    /// Creates an entry.
    public init(
        sequence: Int64 = 0, runID: Int64, time: Date, entity: EntityKind, direction: SyncDirection?,
        action: TransferAction, pmID: String? = nil, accountingID: String? = nil, naturalKey: String? = nil,
        recordName: String? = nil, reason: String? = nil, hint: String? = nil, rule: String? = nil,
        changes: [FieldChange] = [], conflicts: [FieldConflict] = []
    ) {
        self.sequence = sequence
        self.runID = runID
        self.time = time
        self.entity = entity
        self.direction = direction
        self.action = action
        self.pmID = pmID
        self.accountingID = accountingID
        self.naturalKey = naturalKey
        self.recordName = recordName
        self.reason = reason
        self.hint = hint
        self.rule = rule
        self.changes = changes
        self.conflicts = conflicts
    }
}

/// Which transfer-log entries to read (`brygga log` filters, O4).
public struct TransferLogQuery: Sendable, Hashable {
    /// Only this run.
    public var runID: Int64?
    /// Only this flow.
    public var entity: EntityKind?
    /// Only these actions; empty means all.
    public var actions: Set<TransferAction>
    /// Only entries whose pmID, accountingID or naturalKey equals this, or whose record name equals it
    /// ignoring the case of ASCII letters.
    public var recordID: String?
    /// Only entries at or after this time.
    public var since: Date?
    /// Only entries before this time.
    public var until: Date?
    /// At most this many entries, the newest ones, returned oldest first.
    public var limit: Int

    /// Creates a query; by default the newest 100 entries of any kind.
    public init(
        runID: Int64? = nil, entity: EntityKind? = nil, actions: Set<TransferAction> = [], recordID: String? = nil,
        since: Date? = nil, limit: Int = 100
    ) {
        self.runID = runID
        self.entity = entity
        self.actions = actions
        self.recordID = recordID
        self.since = since
        self.limit = limit
    }
}
