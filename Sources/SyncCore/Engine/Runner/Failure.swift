/// The failures the runner itself detects (not rules of one flow), with reasons and hints.
enum Failure {
    /// Reading or writing a record on `side` failed for this record only.
    static func connector<Flow: SyncFlow>(
        _ error: ConnectorError, doing action: String, key: String, side: SystemSide, flow: Flow
    ) -> RuleViolation {
        let system = flow.names.name(of: side)
        return .failed(
            rule: "O7", reason: "\(action) \(flow.vocabulary.recordName) \(key) in \(system) failed: \(error)",
            hint: hint(for: error, system: system))
    }

    /// Reading the counterpart failed.
    static func reading<Flow: SyncFlow>(_ error: ConnectorError, key: String, side: SystemSide, flow: Flow)
        -> RuleViolation
    {
        connector(error, doing: "reading", key: key, side: side, flow: flow)
    }

    /// A linked counterpart is gone.
    static func vanished<Flow: SyncFlow>(link: RecordLink, side: SystemSide, flow: Flow) -> RuleViolation {
        let system = flow.names.name(of: side)
        return .failed(
            rule: flow.vocabulary.matchingRule,
            reason:
                "the linked \(system) \(flow.vocabulary.recordName) \(link.id(on: side)) (\(flow.vocabulary.keyName) "
                + "\(link.naturalKey)) was not found; it was deleted or renumbered",
            hint: "restore it in \(system) with \(flow.vocabulary.keyName) \(link.naturalKey), then run `brygga retry`")
    }

    /// A linked counterpart's natural key now belongs to another record.
    static func replaced<Flow: SyncFlow>(link: RecordLink, found: String, side: SystemSide, flow: Flow)
        -> RuleViolation
    {
        let system = flow.names.name(of: side)
        return .failed(
            rule: flow.vocabulary.matchingRule,
            reason: "\(flow.vocabulary.keyName) \(link.naturalKey) in \(system) now belongs to record \(found), not to "
                + "the linked record \(link.id(on: side))",
            hint: "give the linked \(system) record its \(flow.vocabulary.keyName) back, then run `brygga retry`")
    }

    /// The counterpart found by natural key is linked to another record.
    static func alreadyLinked<Flow: SyncFlow>(
        key: String, partnerID: String, linkedTo: String, side: SystemSide, flow: Flow
    ) -> RuleViolation {
        let system = flow.names.name(of: side)
        let otherSystem = flow.names.name(of: side.opposite)
        return .failed(
            rule: flow.vocabulary.matchingRule,
            reason: "\(system) \(flow.vocabulary.recordName) \(partnerID) with \(flow.vocabulary.keyName) \(key) is "
                + "already linked to \(otherSystem) record \(linkedTo); two \(otherSystem) records use \(key)",
            hint: "give one of the \(otherSystem) records another \(flow.vocabulary.keyName), then run `brygga retry`")
    }

    /// Two records on one side with the same natural key were listed in one run.
    static func duplicateKey<Flow: SyncFlow>(key: String, firstID: String, side: SystemSide, flow: Flow)
        -> RuleViolation
    {
        let system = flow.names.name(of: side)
        return .failed(
            rule: flow.vocabulary.matchingRule,
            reason: "\(flow.vocabulary.keyName) \(key) is also used by \(system) \(flow.vocabulary.recordName) "
                + "\(firstID), which was processed first in this run",
            hint: "give each \(system) \(flow.vocabulary.recordName) its own \(flow.vocabulary.keyName); this one is "
                + "retried next run")
    }

    /// An interrupted create of this key could not be checked yet, so creating it again might duplicate it.
    static func unverifiedCreate<Flow: SyncFlow>(key: String, side: SystemSide, flow: Flow) -> RuleViolation {
        .failed(
            rule: "O3",
            reason: "an interrupted run may already have created \(flow.vocabulary.recordName) \(key) in "
                + "\(flow.names.name(of: side)) and it could not be checked yet; not created again",
            hint: "nothing to do: the next run looks the record up first and creates it only if it is missing")
    }

    /// A listed record that could not be read.
    static func unreadable<Flow: SyncFlow>(_ item: UnreadableRecord, side: SystemSide, flow: Flow) -> RuleViolation {
        let system = flow.names.name(of: side)
        let label = item.naturalKey.map { "\(flow.vocabulary.keyName) \($0)" } ?? item.id.map { "id \($0)" } ?? "?"
        return .failed(
            rule: "O7", reason: "\(system) \(flow.vocabulary.recordName) \(label) could not be read: \(item.reason)",
            hint: "correct the record in \(system); it is read again every run until it can be transferred")
    }

    /// What an operator can do about a connector error that concerns one record (the fatal kinds, among
    /// them `forbidden`, stop the run instead).
    static func hint(for error: ConnectorError, system: String) -> String {
        switch error.kind {
        case .rejected:
            "\(system) refused the data: correct the record as the message says, then run `brygga retry`"
        case .invalidRecord:
            "change the record so that \(system) can hold it, then run `brygga retry`"
        case .notFound:
            "the record no longer exists in \(system); restore it or correct the reference, then run `brygga retry`"
        case .malformedResponse where error.isUnhealthyAnswer:
            "something other than the \(system) API answered (a maintenance page, a proxy); the item is retried "
                + "every run, and three such answers in a row stop the run"
        case .malformedResponse:
            "\(system) answered in an unexpected way; the item is retried every run; report it if it persists"
        case .outcomeUnknown:
            "nothing to do: the next run looks the record up first, so nothing is created twice"
        default:
            "the item is retried every run"
        }
    }
}
