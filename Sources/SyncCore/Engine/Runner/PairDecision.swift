import JSONSupport

/// What the runner decided for one record and its counterpart on the other side.
enum PairDecision<Record: SyncRecord>: Sendable {
    /// Nothing to write and nothing to log: the record is unchanged against its snapshot (or it is our
    /// own write coming back).
    case unchanged
    /// Not transferred: failed (logged, queued for retry) or skipped (logged).
    case rejected(RuleViolation)
    /// The record has no counterpart: create it on the other side.
    case create(CreatePlan<Record>)
    /// The pair exists (linked, newly matched or adopted): write what the merge says, then link.
    case sync(SyncPlan<Record>)
}

/// A create of a record that has no counterpart yet.
struct CreatePlan<Record: SyncRecord>: Sendable {
    /// The record as read on its side.
    var source: ReadRecord<Record>
    /// The side it was read from.
    var sourceSide: SystemSide

    /// The side the record is created on.
    var target: SystemSide { sourceSide.opposite }
}

/// A pair to bring in line: the updates to make on either side, then the link with both snapshots.
struct SyncPlan<Record: SyncRecord>: Sendable {
    /// The PM record as read.
    var pm: ReadRecord<Record>
    /// The accounting record as read.
    var accounting: ReadRecord<Record>
    /// The side whose record was being processed.
    var processedSide: SystemSide
    /// Why the two were paired, for a pair that was not linked before (`nil` for an existing link).
    var linkReason: String?
    /// The writes, at most one per side.
    var updates: [SideUpdate<Record>]
    /// The fields that differed on both sides and which side won.
    var conflicts: [FieldConflict]

    /// The record of `side`.
    func record(on side: SystemSide) -> ReadRecord<Record> {
        side == .projectManagement ? pm : accounting
    }
}

/// An update of one side's record: the fields to write and the full record they come from.
struct SideUpdate<Record: SyncRecord>: Sendable {
    /// The side written to.
    var side: SystemSide
    /// The record's id there.
    var targetID: String
    /// The canonical members written.
    var fields: Set<String>
    /// The record as it should be after the write (the side's record with the merged fields).
    var record: Record
    /// The field diff for the log: old value on that side, new value.
    var changes: [FieldChange]
}

/// What the runner knows about a record's counterpart on the other side.
enum PartnerState<Record: SyncRecord>: Sendable {
    /// There is none.
    case absent
    /// The counterpart as read; `link` is the counterpart's own link when the processed record is unlinked.
    case found(ReadRecord<Record>, link: RecordLink?)
    /// Reading it failed for this record only.
    case failed(ConnectorError)
    /// A rule stops the pairing before any read (duplicate key, name-only match).
    case violation(RuleViolation)
}

/// Everything the decider needs about one record.
struct PairFacts<Record: SyncRecord>: Sendable {
    /// The side the record was read from.
    var side: SystemSide
    /// The record as read.
    var source: ReadRecord<Record>
    /// Its link, when it is linked.
    var link: RecordLink?
    /// Its counterpart.
    var partner: PartnerState<Record>
    /// For a record an interrupted run created: the created record's canonical members, used as both
    /// snapshots so that only later edits of the source are copied.
    var adoptedBase: [String: JSONValue]?
    /// For such a record: the `linked` entry's reason.
    var adoptionReason: String?
}
