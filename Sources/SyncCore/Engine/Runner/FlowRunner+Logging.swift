import Foundation

extension FlowRunner {
    /// A transfer-log entry of this run and flow.
    func makeEntry(
        _ action: TransferAction, direction: SyncDirection?, pmID: String?, accountingID: String?, key: String?,
        at time: Date
    ) -> TransferLogEntry {
        TransferLogEntry(
            runID: context.runID, time: time, entity: flow.entity, direction: direction, action: action, pmID: pmID,
            accountingID: accountingID, naturalKey: key)
    }

    /// Logs a record that is not transferred; a failure is queued for retry, a skip leaves the queue.
    func reject(
        _ item: WorkItem<Record>, _ violation: RuleViolation, side: SystemSide, at now: Date,
        into commit: inout StateCommit
    ) {
        let partnerID = item.partnerID(on: side.opposite)
        var entry = makeEntry(
            violation.action, direction: SyncDirection(from: side),
            pmID: side == .projectManagement ? item.read.id : partnerID,
            accountingID: side == .accounting ? item.read.id : partnerID, key: item.read.naturalKey, at: now)
        entry.recordName = item.read.name
        entry.reason = violation.reason
        entry.hint = violation.hint
        entry.rule = violation.rule
        commit.logEntries.append(entry)
        let key = item.read.naturalKey
        ledger.record(key: key, side: side, id: item.read.id, fingerprint: item.read.fingerprint)
        if case .found(let partner, _) = item.partner {
            ledger.record(key: key, side: side.opposite, id: partner.id, fingerprint: partner.fingerprint)
        }
        if violation.disposition == .failed {
            queue(item.candidate, side: side, reason: violation.reason, at: now, into: &commit)
        } else {
            resolve(item.candidate, side: side, partnerID: nil, into: &commit)
        }
        closeIntent(of: item, into: &commit)
    }

    /// Logs a listed item that could not be read and queues it when it can be found again (id or key).
    func rejectUnreadable(_ item: UnreadableRecord, side: SystemSide, into commit: inout StateCommit) {
        let now = context.clock.now()
        let violation = Failure.unreadable(item, side: side, flow: flow)
        var entry = makeEntry(
            .failed, direction: SyncDirection(from: side), pmID: side == .projectManagement ? item.id : nil,
            accountingID: side == .accounting ? item.id : nil, key: item.naturalKey, at: now)
        entry.reason = violation.reason
        entry.hint = violation.hint
        entry.rule = violation.rule
        commit.logEntries.append(entry)
        guard let sourceID = item.id ?? item.naturalKey else { return }
        commit.failures.append(
            PendingRetry(
                entity: flow.entity, side: side, sourceID: sourceID, naturalKey: item.naturalKey,
                reason: violation.reason, firstFailedAt: now, lastFailedAt: now, attempts: 1))
    }

    /// Queues `candidate` for retry (the store keeps the first failure time and counts attempts).
    func queue(
        _ candidate: Candidate<Record>, side: SystemSide, reason: String, at now: Date,
        into commit: inout StateCommit
    ) {
        commit.failures.append(
            PendingRetry(
                entity: flow.entity, side: side, sourceID: candidate.read.id, naturalKey: candidate.read.naturalKey,
                reason: reason, firstFailedAt: now, lastFailedAt: now, attempts: 1))
        if let retryRef = candidate.retryRef, retryRef.id != candidate.read.id, queued.contains(retryRef) {
            commit.resolvedFailures.append(retryRef)
        }
    }

    /// Takes `candidate` (and its counterpart `partnerID`) out of the retry queue when queued.
    func resolve(_ candidate: Candidate<Record>, side: SystemSide, partnerID: String?, into commit: inout StateCommit) {
        guard !queued.isEmpty else { return }
        var refs = [RecordReference(entity: flow.entity, side: side, id: candidate.read.id)]
        if let retryRef = candidate.retryRef { refs.append(retryRef) }
        if let partnerID { refs.append(RecordReference(entity: flow.entity, side: side.opposite, id: partnerID)) }
        for ref in refs where queued.contains(ref) && !commit.resolvedFailures.contains(ref) {
            commit.resolvedFailures.append(ref)
        }
    }

    /// Closes the journal entry the item was recovered from or created under.
    func closeIntent(of item: WorkItem<Record>, into commit: inout StateCommit) {
        if let intentID = item.intentID { commit.closedIntents.append(intentID) }
    }
}
