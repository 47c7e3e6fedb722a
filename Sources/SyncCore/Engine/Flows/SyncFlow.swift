/// What makes one entity's synchronisation different from another's: its endpoints, directions,
/// master, matching rule and the rules a record must meet before it is written.
///
/// Everything else (listing, pairing by link or natural key, three-way compare, journalling, batching,
/// logging, retries) is the same for every entity and lives in ``FlowRunner``. Adding a flow (invoices,
/// project fees) means adding a conforming type.
protocol SyncFlow: Sendable {
    /// The canonical record type.
    associatedtype Record: SyncRecord

    /// The words used in messages and the rules named in log entries.
    var vocabulary: FlowVocabulary { get }
    /// The systems' names for messages.
    var names: SystemNames { get }
    /// The directions records travel in; a one-way flow lists only the source side.
    var directions: Set<SyncDirection> { get }
    /// The side whose value wins when a field changed on both sides.
    var master: SystemSide { get }
    /// The entity whose links this flow's records depend on (R3.3: a project's customer), if any.
    var dependency: EntityKind? { get }

    /// The endpoint of this entity on `side`.
    func endpoint(on side: SystemSide) -> any RecordEndpoint<Record>
    /// A second matching key (products: the name, R1.1), used to report name-only matches; `nil` for none.
    func secondaryKey(of record: Record) -> String?
    /// The violation for `record` on `side` whose ``secondaryKey(of:)`` matches the other side's record
    /// `otherKey` while the natural keys differ (R1.1, name matches but code does not).
    func secondaryKeyViolation(_ record: Record, on side: SystemSide, otherKey: String) -> RuleViolation
    /// Why `record` on `side` cannot take part in syncing at all (R1.2), or `nil`.
    func recordViolation(_ record: Record, on side: SystemSide) -> RuleViolation?
    /// Why a pair (or a lone record) is kept out of syncing (R2.3 private customers), or `nil`.
    ///
    /// - Parameters:
    ///   - pm: The PM record, when known.
    ///   - accounting: The accounting record, when known.
    ///   - processedSide: The side whose record is being processed.
    ///   - linked: Whether the two are already linked.
    /// - Returns: The violation, or `nil` when the pair may be synchronised.
    func exclusion(pm: Record?, accounting: Record?, processedSide: SystemSide, linked: Bool) -> RuleViolation?
    /// Why two unlinked records with the same natural key must not be paired (R1.1), or `nil`.
    func pairingViolation(pm: RemoteRecord<Record>, accounting: RemoteRecord<Record>) -> RuleViolation?
    /// The natural key of the record `record` depends on (R3.3), or `nil`.
    func dependencyKey(of record: Record) -> String?
    /// Why `record` must not be written to `target` (R1.2, R1.3, R2.2, R3.3), or `nil`.
    ///
    /// - Parameters:
    ///   - record: The record as it would be written.
    ///   - target: The side it would be written to.
    ///   - linkedDependencies: The dependency keys of the batch that are linked.
    /// - Returns: The violation, or `nil` when the write may go ahead.
    func writeViolation(_ record: Record, to target: SystemSide, linkedDependencies: Set<String>) -> RuleViolation?
}

extension SyncFlow {
    /// The kind of record.
    var entity: EntityKind { Record.entity }

    /// Whether records may travel from `side` to the other side.
    func allows(from side: SystemSide) -> Bool { directions.contains(SyncDirection(from: side)) }

    /// The sides whose change feeds a run reads, PM side first.
    var sourceSides: [SystemSide] { SystemSide.allCases.filter { allows(from: $0) } }

    var dependency: EntityKind? { nil }
    func secondaryKey(of record: Record) -> String? { nil }
    func secondaryKeyViolation(_ record: Record, on side: SystemSide, otherKey: String) -> RuleViolation {
        .failed(
            rule: vocabulary.matchingRule, reason: "\(vocabulary.recordName) \(record.naturalKey) matches \(otherKey)",
            hint: "check both records")
    }
    func exclusion(pm: Record?, accounting: Record?, processedSide: SystemSide, linked: Bool) -> RuleViolation? {
        nil
    }
    func pairingViolation(pm: RemoteRecord<Record>, accounting: RemoteRecord<Record>) -> RuleViolation? { nil }
    func dependencyKey(of record: Record) -> String? { nil }
}

/// The words a flow's messages use and the rules its log entries name.
struct FlowVocabulary: Sendable, Hashable {
    /// The record in words, e.g. `product`.
    var recordName: String
    /// The natural key in words, e.g. `code`, `customer number`.
    var keyName: String
    /// The canonical member holding the natural key, e.g. `code`, `number`.
    var keyField: String
    /// The rule that pairs records (R1.1, R2.1, R3.1).
    var matchingRule: String
    /// How two records were paired, for the `linked` log entry, e.g. `matched by code and name`.
    var matchDescription: String
    /// The rule behind creates and updates (R1.5, R2.5, R3.1).
    var transferRule: String
}

/// The two systems' names, for messages (`Severa`, `Fortnox`).
struct SystemNames: Sendable, Hashable {
    /// The project-management system's name.
    var pm: String
    /// The accounting system's name.
    var accounting: String

    /// The name of `side`.
    func name(of side: SystemSide) -> String { side == .projectManagement ? pm : accounting }
}
