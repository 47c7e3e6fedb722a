import Foundation

extension FlowRunner {
    /// Applies the decisions of one batch: journals the creates (one durable call), performs the writes
    /// with bounded concurrency, and commits links, log entries, intent closures and queue changes in one
    /// transaction. A dry run writes nothing and commits only its log entries.
    ///
    /// - Throws: ``EngineFailure`` after committing what went through when a write met a fatal error.
    func apply(_ decided: [(WorkItem<Record>, PairDecision<Record>)], side: SystemSide, commit initial: StateCommit)
        async throws(EngineFailure)
    {
        var commit = initial
        commit.logEntries.reserveCapacity(commit.logEntries.count + decided.count)
        commit.links.reserveCapacity(decided.count)
        let now = context.clock.now()
        var jobs: [(offset: Int, job: WriteExecutor<Flow>.Job)] = []
        jobs.reserveCapacity(decided.count)
        for (offset, (item, decision)) in decided.enumerated() {
            remember(item, side: side)
            switch decision {
            case .unchanged:
                // Only this side's entry: the partner's may hold a change that failed this run (its
                // counterpart lookup got no answer) and that its own retry must still transfer.
                resolve(item.candidate, side: side, partnerID: nil, into: &commit)
                closeIntent(of: item, into: &commit)
            case .rejected(let violation):
                reject(item, violation, side: side, at: now, into: &commit)
            case .create(let plan):
                if context.isDryRun {
                    finishCreate(item, plan, created: nil, at: now, into: &commit)
                } else {
                    jobs.append((offset, .create(plan)))
                }
            case .sync(let plan):
                if context.isDryRun || plan.updates.isEmpty {
                    finishSync(item, plan, responses: [:], at: now, into: &commit)
                } else {
                    jobs.append((offset, .sync(plan)))
                }
            }
        }
        let intentIDs = try journalCreates(jobs, at: now)
        let executor = self.executor
        let outcomes = await BoundedConcurrency.map(
            jobs.map(\.job), limit: context.configuration.writeConcurrency, stop: { $0.fatal != nil },
            transform: { job in await executor.perform(job) })
        var fatal: EngineFailure?
        var adoptions: [WorkItem<Record>] = []
        for ((offset, job), outcome) in zip(jobs, outcomes) {
            var item = decided[offset].0
            if let intentID = intentIDs[offset] { item.intentID = intentID }
            guard let outcome else {
                closeIntent(of: item, into: &commit)  // never sent
                continue
            }
            fatal = fatal ?? outcome.fatal
            switch job {
            case .create(let plan):
                let lookup = outcome.lookupAfterCreate
                if lookup.made { fatal = fatal ?? context.noteRecordRead(on: plan.target, failure: lookup.failure) }
                if case .adopted(let found) = outcome {
                    adoptions.append(adoption(of: found, for: item))
                } else {
                    record(outcome, of: plan, for: item, side: side, at: now, into: &commit)
                }
            case .sync(let plan): record(outcome, of: plan, for: item, side: side, at: now, into: &commit)
            }
        }
        try commitBatch(commit)
        if let fatal { throw fatal }
        if !adoptions.isEmpty {
            try await decideAndApply(adoptions, side: side, commit: StateCommit())
        }
    }

    /// The item that pairs a record with the one its unanswered create turned out to have made (O3).
    ///
    /// The found record may hold less than was sent (a Severa customer whose addresses were never
    /// posted), so it is decided like a pair an interrupted run left behind: the found members are both
    /// snapshots, and what the source holds beyond them is written to the found record. Its intent stays
    /// open until that pair is linked.
    private func adoption(of found: RemoteRecord<Record>, for item: WorkItem<Record>) -> WorkItem<Record> {
        var adopted = WorkItem(candidate: item.candidate)
        let partner = ReadRecord(found)
        adopted.partner = .found(partner, link: nil)
        adopted.adoptedBase = partner.fields
        adopted.adoptionReason = Self.adoptionReason
        adopted.intentID = item.intentID
        return adopted
    }

    /// Records the creates' intents in one durable call before any of them is sent; returns their ids by job.
    private func journalCreates(_ jobs: [(offset: Int, job: WriteExecutor<Flow>.Job)], at now: Date)
        throws(EngineFailure) -> [Int: Int64]
    {
        var offsets: [Int] = []
        var intents: [WriteIntent] = []
        for (offset, job) in jobs {
            guard case .create(let plan) = job else { continue }
            offsets.append(offset)
            intents.append(
                WriteIntent(
                    runID: context.runID, entity: flow.entity, target: plan.target, operation: .create,
                    naturalKey: plan.source.naturalKey, sourceID: plan.source.id, openedAt: now))
        }
        guard !intents.isEmpty else { return [:] }
        let recorded = try context.withStore { () throws(StateStoreError) in
            try context.store.recordIntents(intents)
        }
        return Dictionary(uniqueKeysWithValues: zip(offsets, recorded.map(\.id)))
    }

    private func record(
        _ outcome: WriteExecutor<Flow>.Outcome, of plan: CreatePlan<Record>, for item: WorkItem<Record>,
        side: SystemSide, at now: Date, into commit: inout StateCommit
    ) {
        let key = plan.source.naturalKey
        switch outcome {
        case .created(let created):
            finishCreate(item, plan, created: created, at: now, into: &commit)
        case .adopted:
            break  // decided as a pair afterwards; see adoption(of:for:)
        case .createFailed(let error):
            guard EngineFailure.fatal(error) == nil else { return }  // the intent stays open; checked next run
            let violation = Failure.connector(error, doing: "creating", key: key, side: plan.target, flow: flow)
            reject(item, violation, side: side, at: now, into: &commit)
        case .createUnconfirmed(let error, nil):
            let system = flow.names.name(of: plan.target)
            let violation = RuleViolation.failed(
                rule: "O3",
                reason: "creating \(flow.vocabulary.recordName) \(key) in \(system) got no answer (\(error)) and it "
                    + "was not found afterwards, so it was not created",
                hint: Failure.hint(for: error, system: system))
            reject(item, violation, side: side, at: now, into: &commit)
        case .createUnconfirmed(_, let lookupError?):
            guard EngineFailure.fatal(lookupError) == nil else { return }
            unverifiedKeys.insert(key)
            var open = item
            open.intentID = nil  // stays open: the next run looks the record up before creating it
            let violation = Failure.connector(
                lookupError, doing: "checking an unanswered create of", key: key, side: plan.target, flow: flow)
            reject(open, violation, side: side, at: now, into: &commit)
        case .synced:
            break
        }
    }

    private func record(
        _ outcome: WriteExecutor<Flow>.Outcome, of plan: SyncPlan<Record>, for item: WorkItem<Record>,
        side: SystemSide, at now: Date, into commit: inout StateCommit
    ) {
        guard case .synced(let responses, let failures) = outcome else { return }
        if failures.isEmpty {
            finishSync(item, plan, responses: responses, at: now, into: &commit)
            return
        }
        let key = plan.pm.naturalKey
        for update in plan.updates where responses[update.side] != nil {
            commit.logEntries.append(updatedEntry(update, plan: plan, at: now))
        }
        let nonFatal = SystemSide.allCases.compactMap { target in
            failures[target].flatMap { EngineFailure.fatal($0) == nil ? (target, $0) : nil }
        }
        if let (target, error) = nonFatal.first {
            let violation = Failure.connector(error, doing: "updating", key: key, side: target, flow: flow)
            reject(item, violation, side: side, at: now, into: &commit)
        }
    }

    /// Links a created record to its source and logs it; in a dry run, logs the plan only.
    private func finishCreate(
        _ item: WorkItem<Record>, _ plan: CreatePlan<Record>, created: RemoteRecord<Record>?,
        at now: Date, into commit: inout StateCommit
    ) {
        let source = plan.source
        let target = created.map(ReadRecord.init)
        let sourceIsPM = plan.sourceSide == .projectManagement
        var entry = makeEntry(
            .created, direction: SyncDirection(from: plan.sourceSide),
            pmID: sourceIsPM ? source.id : target?.id, accountingID: sourceIsPM ? target?.id : source.id,
            key: source.naturalKey, at: now)
        entry.rule = flow.vocabulary.transferRule
        if created == nil {
            entry.changes = source.fields.keys.sorted().map { FieldChange(field: $0, old: nil, new: source.fields[$0]) }
        }
        commit.logEntries.append(entry)
        if let target {
            commit.links.append(makeLink(pm: sourceIsPM ? source : target, accounting: sourceIsPM ? target : source))
            ledger.record(key: source.naturalKey, side: plan.target, id: target.id, fingerprint: nil)
        }
        resolve(item.candidate, side: plan.sourceSide, partnerID: target?.id, into: &commit)
        closeIntent(of: item, into: &commit)
    }

    /// Links a pair with both snapshots (the written side's from the write's response) and logs the link,
    /// the conflicts and the updates.
    private func finishSync(
        _ item: WorkItem<Record>, _ plan: SyncPlan<Record>, responses: [SystemSide: RemoteRecord<Record>],
        at now: Date, into commit: inout StateCommit
    ) {
        let pm = responses[.projectManagement].map(ReadRecord.init) ?? plan.pm
        let accounting = responses[.accounting].map(ReadRecord.init) ?? plan.accounting
        if !context.isDryRun { commit.links.append(makeLink(pm: pm, accounting: accounting)) }
        if let reason = plan.linkReason {
            var entry = makeEntry(
                .linked, direction: SyncDirection(from: plan.processedSide), pmID: pm.id, accountingID: accounting.id,
                key: pm.naturalKey, at: now)
            entry.reason = reason
            entry.rule = item.adoptionReason == nil ? flow.vocabulary.matchingRule : "O3"
            commit.logEntries.append(entry)
        }
        if let winner = plan.conflicts.first?.winner {
            var entry = makeEntry(
                .conflict, direction: SyncDirection(from: winner), pmID: pm.id, accountingID: accounting.id,
                key: pm.naturalKey, at: now)
            entry.reason = conflictReason(plan, winner: winner)
            entry.rule = flow.vocabulary.transferRule
            entry.conflicts = plan.conflicts
            commit.logEntries.append(entry)
        }
        for update in plan.updates where context.isDryRun || responses[update.side] != nil {
            commit.logEntries.append(updatedEntry(update, plan: plan, at: now))
        }
        ledger.record(key: pm.naturalKey, side: .projectManagement, id: pm.id, fingerprint: unlinkedFingerprint(pm))
        ledger.record(
            key: pm.naturalKey, side: .accounting, id: accounting.id, fingerprint: unlinkedFingerprint(accounting))
        resolve(
            item.candidate, side: plan.processedSide, partnerID: plan.record(on: plan.processedSide.opposite).id,
            into: &commit)
        closeIntent(of: item, into: &commit)
    }

    private func conflictReason(_ plan: SyncPlan<Record>, winner: SystemSide) -> String {
        let fields = plan.conflicts.map(\.field).joined(separator: ", ")
        let master = flow.names.name(of: winner)
        if plan.linkReason != nil {
            return "the existing records differ in \(fields); \(master) is master, its values are kept"
        }
        return "\(fields) changed differently in \(flow.names.pm) and \(flow.names.accounting) since the last sync; "
            + "\(master) is master, its values are kept"
    }

    private func updatedEntry(_ update: SideUpdate<Record>, plan: SyncPlan<Record>, at now: Date) -> TransferLogEntry {
        var entry = makeEntry(
            .updated, direction: SyncDirection(from: update.side.opposite), pmID: plan.pm.id,
            accountingID: plan.accounting.id, key: plan.pm.naturalKey, at: now)
        entry.rule = flow.vocabulary.transferRule
        entry.changes = update.changes
        return entry
    }

    /// The link of a synced pair; its natural key is the PM record's (projects find their customer by it).
    private func makeLink(pm: ReadRecord<Record>, accounting: ReadRecord<Record>) -> RecordLink {
        RecordLink(
            entity: flow.entity, pmID: pm.id, accountingID: accounting.id, naturalKey: pm.naturalKey,
            pmSnapshot: pm.snapshot, accountingSnapshot: accounting.snapshot, pmVersion: pm.remote.version,
            syncedAt: context.clock.now())
    }

    /// Notes in the ledger that the item's key was decided with these records (see ``unlinkedFingerprint(_:)``).
    private func remember(_ item: WorkItem<Record>, side: SystemSide) {
        let key = item.read.naturalKey
        ledger.record(key: key, side: side, id: item.read.id, fingerprint: unlinkedFingerprint(item.read))
        if case .found(let partner, _) = item.partner {
            ledger.record(key: key, side: side.opposite, id: partner.id, fingerprint: unlinkedFingerprint(partner))
        }
    }

    /// The fingerprint the ledger keeps for a record its decision leaves unlinked (a dry run links nothing).
    ///
    /// A linked record needs none: listed again, it is compared with its new snapshot. Hashing only the
    /// few unlinked ones keeps a 100,000-record bootstrap from hashing every record.
    func unlinkedFingerprint(_ read: ReadRecord<Record>) -> Int? {
        context.isDryRun ? read.fingerprint : nil
    }
}
