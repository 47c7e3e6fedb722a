import JSONSupport

/// A record to process: read from a listing, re-read for the retry queue, or recovered from the journal.
struct Candidate<Record: SyncRecord>: Sendable {
    /// The record as read.
    var read: ReadRecord<Record>
    /// The retry-queue entry it was re-read for, if any.
    var retryRef: RecordReference?
}

/// One record on its way through a batch: its link, its counterpart and, once known, the decision.
struct WorkItem<Record: SyncRecord>: Sendable {
    /// The record.
    var candidate: Candidate<Record>
    /// Its link, when linked.
    var link: RecordLink?
    /// The natural key to read the counterpart by, when it must be read.
    var lookupKey: String?
    /// The counterpart.
    var partner: PartnerState<Record> = .absent
    /// A decision made before the counterpart was needed (unchanged, rule violation).
    var early: PairDecision<Record>?
    /// For a record an interrupted run created: the created record's members (see ``PairFacts``).
    var adoptedBase: [String: JSONValue]?
    /// For such a record: the reason logged with the link.
    var adoptionReason: String?
    /// For such a record: the journal entry to close.
    var intentID: Int64?
    /// Whether the record was linked earlier in this run (listed again, e.g. as a counterpart).
    var isRecurrence = false
    /// Whether the record must be read again before it is decided (listed again with other content).
    var needsFreshRead = false
    /// Whether reading it again found it gone: nothing to do.
    var isVanished = false

    init(candidate: Candidate<Record>) {
        self.candidate = candidate
    }

    /// The record as read.
    var read: ReadRecord<Record> { candidate.read }

    /// The counterpart's id, when known.
    func partnerID(on side: SystemSide) -> String? {
        if case .found(let partner, _) = partner { return partner.id }
        return link?.id(on: side)
    }
}

/// The items read from a listing that are waiting to be processed together.
struct PendingBatch<Record: SyncRecord> {
    private(set) var candidates: [Candidate<Record>] = []
    private(set) var unreadable: [UnreadableRecord] = []
    private var ids: Set<String> = []
    private var keys: Set<String> = []

    /// The number of items.
    var count: Int { candidates.count + unreadable.count }

    /// Whether `read` has the id or the natural key of a record already in the batch; such a record is
    /// processed in the next batch, after the first one is decided.
    func clashes(with read: ReadRecord<Record>) -> Bool {
        ids.contains(read.id) || keys.contains(read.naturalKey)
    }

    /// Adds a record.
    mutating func append(_ candidate: Candidate<Record>) {
        candidates.append(candidate)
        ids.insert(candidate.read.id)
        keys.insert(candidate.read.naturalKey)
    }

    /// Adds an unreadable item.
    mutating func append(_ item: UnreadableRecord) {
        unreadable.append(item)
    }
}
