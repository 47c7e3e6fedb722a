import Foundation

extension FlowRunner {
    /// Re-reads the queued records by natural key and processes them like listed ones (O3, O6).
    ///
    /// A record that is gone leaves the queue with a `skipped` entry. An entry without a natural key (an
    /// unreadable item known only by id, or a product without a code) cannot be re-read; it leaves the queue when a listing shows the
    /// record again, and an explicit retry (`explicit`: an operator's `brygga retry`) logs that.
    func processRetries(_ entries: [PendingRetry], explicit: Bool) async throws(EngineFailure) {
        let batchSize = context.configuration.batchSize
        for side in flow.sourceSides {
            let sideEntries = entries.filter { $0.side == side }
            var start = 0
            while start < sideEntries.count {
                try checkCancellation()
                let chunk = Array(sideEntries[start..<min(start + batchSize, sideEntries.count)])
                start += batchSize
                try await retry(chunk, side: side, explicit: explicit)
            }
        }
    }

    private func retry(_ entries: [PendingRetry], side: SystemSide, explicit: Bool) async throws(EngineFailure) {
        var commit = StateCommit()
        let now = context.clock.now()
        // An empty key (a product without a code, R1.2) finds nothing, which must not read as "deleted".
        let keyed = entries.compactMap { entry in entry.naturalKey.flatMap { $0.isEmpty ? nil : (entry, $0) } }
        if explicit {
            for entry in entries where entry.naturalKey?.isEmpty ?? true {
                commit.logEntries.append(
                    retryEntry(
                        .failed, for: entry, at: now,
                        reason: "\(flow.vocabulary.recordName) \(entry.sourceID) in \(flow.names.name(of: side)) "
                            + "cannot be re-read: it had no readable \(flow.vocabulary.keyName)",
                        hint: "correct the record in \(flow.names.name(of: side)); the next run that lists it "
                            + "transfers it and clears this entry", rule: "O6"))
            }
        }
        let endpoint = flow.endpoint(on: side)
        let results = await BoundedConcurrency.map(keyed, limit: context.configuration.writeConcurrency) {
            lookup -> Result<RemoteRecord<Record>?, ConnectorError> in
            do throws(ConnectorError) {
                return .success(try await endpoint.find(naturalKey: lookup.1))
            } catch {
                return .failure(error)
            }
        }
        var candidates: [Candidate<Record>] = []
        var seenIDs: Set<String> = []
        for ((entry, key), result) in zip(keyed, results) {
            let ref = RecordReference(entity: entry.entity, side: side, id: entry.sourceID)
            do throws(EngineFailure) {
                if let result { try check(result, readOn: side) }
            } catch {
                try commitBatch(commit)
                throw error
            }
            switch result {
            case .success(let found?)?:
                if seenIDs.insert(found.id).inserted {
                    candidates.append(Candidate(read: ReadRecord(found), retryRef: ref))
                } else if queued.contains(ref) {
                    commit.resolvedFailures.append(ref)
                }
            case .success(nil)?:
                commit.logEntries.append(
                    retryEntry(
                        .skipped, for: entry, at: now,
                        reason: "\(flow.vocabulary.recordName) \(key) no longer exists in "
                            + "\(flow.names.name(of: side)); removed from the retry queue", hint: nil, rule: "O6"))
                if queued.contains(ref) { commit.resolvedFailures.append(ref) }
            case .failure(let error)?:
                let violation = Failure.connector(error, doing: "re-reading", key: key, side: side, flow: flow)
                commit.logEntries.append(
                    retryEntry(
                        .failed, for: entry, at: now, reason: violation.reason, hint: violation.hint,
                        rule: violation.rule))
                var failure = entry
                failure.reason = violation.reason
                failure.lastFailedAt = now
                commit.failures.append(failure)
            case nil:
                throw EngineFailure.cancelledRun
            }
        }
        try await processBatch(candidates, unreadable: [], side: side, commit: commit)
    }

    /// A log entry about a retry-queue entry that could not be processed as a record.
    private func retryEntry(
        _ action: TransferAction, for entry: PendingRetry, at now: Date, reason: String, hint: String?, rule: String
    ) -> TransferLogEntry {
        var logged = makeEntry(
            action, direction: SyncDirection(from: entry.side),
            pmID: entry.side == .projectManagement ? entry.sourceID : nil,
            accountingID: entry.side == .accounting ? entry.sourceID : nil, key: entry.naturalKey, at: now)
        logged.reason = reason
        logged.hint = hint
        logged.rule = rule
        return logged
    }
}
