extension FlowRunner {
    /// What looking up an interrupted create found.
    private enum RecoveryLookup: Sendable {
        /// The record was never created: close the intent; the record is processed as usual.
        case absent
        /// The record exists on the target; `source` is the record it was created from, when still there.
        case found(created: RemoteRecord<Record>, source: RemoteRecord<Record>?)
        /// The lookup on `side` failed.
        case failed(ConnectorError, side: SystemSide)

        /// The record reads the lookup made, in order, with their failures (for the unhealthy-answer rule).
        func reads(target: SystemSide) -> [(side: SystemSide, failure: ConnectorError?)] {
            switch self {
            case .absent: [(target, nil)]
            case .found: [(target, nil), (target.opposite, nil)]
            case .failed(let error, let side): (side == target ? [] : [(target, nil)]) + [(side, error)]
            }
        }
    }

    /// Checks every create an earlier run journalled but never closed: the record is looked up on the
    /// target by natural key and, when it exists, adopted (linked) instead of being created again (O3).
    func recoverIntents() async throws(EngineFailure) {
        let intents = context.openIntents.filter { $0.entity == flow.entity }
        let batchSize = context.configuration.batchSize
        for target in SystemSide.allCases {
            let group = intents.filter { $0.target == target }
            var start = 0
            while start < group.count {
                try checkCancellation()
                let chunk = Array(group[start..<min(start + batchSize, group.count)])
                start += batchSize
                try await recover(chunk, target: target)
            }
        }
    }

    private func recover(_ intents: [WriteIntent], target: SystemSide) async throws(EngineFailure) {
        let source = target.opposite
        let targetEndpoint = flow.endpoint(on: target)
        let sourceEndpoint = flow.endpoint(on: source)
        let results = await BoundedConcurrency.map(intents, limit: context.configuration.writeConcurrency) {
            intent -> RecoveryLookup in
            let created: RemoteRecord<Record>?
            do throws(ConnectorError) {
                created = try await targetEndpoint.find(naturalKey: intent.naturalKey)
            } catch {
                return .failed(error, side: target)
            }
            guard let created else { return .absent }
            do throws(ConnectorError) {
                return .found(created: created, source: try await sourceEndpoint.find(naturalKey: intent.naturalKey))
            } catch {
                return .failed(error, side: source)
            }
        }
        var commit = StateCommit()
        let now = context.clock.now()
        var items: [WorkItem<Record>] = []
        for (intent, result) in zip(intents, results) {
            for read in result?.reads(target: target) ?? [] {
                if let stop = context.noteRecordRead(on: read.side, failure: read.failure) {
                    try commitBatch(commit)
                    throw stop
                }
            }
            switch result {
            case .absent?:
                commit.closedIntents.append(intent.id)
            case .failed(let error, _)?:
                if let fatal = EngineFailure.fatal(error) {
                    try commitBatch(commit)
                    throw fatal
                }
                unverifiedKeys.insert(intent.naturalKey)
                let violation = Failure.connector(
                    error, doing: "checking an interrupted create of", key: intent.naturalKey, side: target, flow: flow)
                var entry = makeEntry(
                    .failed, direction: SyncDirection(from: source), pmID: nil, accountingID: nil,
                    key: intent.naturalKey, at: now)
                entry.reason = violation.reason
                entry.hint = violation.hint
                entry.rule = "O3"
                commit.logEntries.append(entry)
            case .found(let created, nil)?:
                var entry = makeEntry(
                    .skipped, direction: SyncDirection(from: source),
                    pmID: target == .projectManagement ? created.id : nil,
                    accountingID: target == .accounting ? created.id : nil, key: intent.naturalKey, at: now)
                entry.reason =
                    "an interrupted run created \(flow.vocabulary.recordName) \(intent.naturalKey) in "
                    + "\(flow.names.name(of: target)), but its source in \(flow.names.name(of: source)) is gone; "
                    + "not linked"
                entry.rule = "O3"
                commit.logEntries.append(entry)
                commit.closedIntents.append(intent.id)
            case .found(let created, let original?)?:
                var item = WorkItem(candidate: Candidate(read: ReadRecord(original), retryRef: nil))
                let adopted = ReadRecord(created)
                item.partner = .found(adopted, link: nil)
                item.adoptedBase = adopted.fields
                item.adoptionReason = Self.adoptionReason
                item.intentID = intent.id
                items.append(item)
            case nil:
                throw EngineFailure.cancelledRun
            }
        }
        try markExistingLinks(&items, source: source)
        try await decideAndApply(items, side: source, commit: commit)
    }

    /// An adopted pair may already be linked (the intent's commit was lost after the link's): then only
    /// the intent is closed; a source linked to another record means the interrupted run made a duplicate.
    private func markExistingLinks(_ items: inout [WorkItem<Record>], source: SystemSide) throws(EngineFailure) {
        guard !items.isEmpty else { return }
        let target = source.opposite
        let entity = flow.entity
        let sourceIDs = items.map(\.read.id)
        let targetIDs = items.compactMap { $0.partnerID(on: target) }
        let sourceLinks = try context.withStore { () throws(StateStoreError) in
            try context.store.links(entity: entity, side: source, ids: sourceIDs)
        }
        let targetLinks = try context.withStore { () throws(StateStoreError) in
            try context.store.links(entity: entity, side: target, ids: targetIDs)
        }
        for index in items.indices {
            guard case .found(let created, _) = items[index].partner else { continue }
            if let link = sourceLinks[items[index].read.id] {
                if link.id(on: target) == created.id {
                    items[index].early = .unchanged
                } else {
                    let system = flow.names.name(of: target)
                    items[index].early = .rejected(
                        .failed(
                            rule: "O3",
                            reason: "an interrupted run created a second \(flow.vocabulary.recordName) "
                                + "\(items[index].read.naturalKey) in \(system) (id \(created.id)); the record is "
                                + "linked to \(link.id(on: target))",
                            hint: "delete \(system) record \(created.id) if it is a duplicate"))
                }
            } else if let link = targetLinks[created.id] {
                items[index].partner = .found(created, link: link)
            }
        }
    }
}
