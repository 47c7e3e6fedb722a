import JSONSupport

extension FlowRunner {
    /// Processes one batch of records read from `side`: pairs, decides, writes, commits; `commit` holds
    /// entries and queue changes gathered before (retry lookups) that are committed with the batch.
    func processBatch(
        _ candidates: [Candidate<Record>], unreadable: [UnreadableRecord], side: SystemSide,
        commit: StateCommit = StateCommit()
    ) async throws(EngineFailure) {
        var commit = commit
        for item in unreadable {
            rejectUnreadable(item, side: side, into: &commit)
        }
        var items = try await prepare(candidates, side: side)
        try await resolvePartners(&items, side: side)
        try await decideAndApply(items, side: side, commit: commit)
    }

    /// Decides every item and applies the decisions.
    func decideAndApply(_ items: [WorkItem<Record>], side: SystemSide, commit: StateCommit)
        async throws(EngineFailure)
    {
        let dependencies = try linkedDependencies(of: items)
        let decided = items.map { item in
            let decision =
                item.early
                ?? decider.decide(
                    PairFacts(
                        side: side, source: item.read, link: item.link, partner: item.partner,
                        adoptedBase: item.adoptedBase, adoptionReason: item.adoptionReason),
                    linkedDependencies: dependencies)
            return (item, decision)
        }
        try await apply(decided, side: side, commit: commit)
    }

    /// Looks the batch's links up in one call and decides what can be decided without the other side.
    private func prepare(_ candidates: [Candidate<Record>], side: SystemSide)
        async throws(EngineFailure) -> [WorkItem<Record>]
    {
        var items: [WorkItem<Record>] = []
        items.reserveCapacity(candidates.count)
        for candidate in candidates {
            var item = WorkItem(candidate: candidate)
            if let mark = ledger[candidate.read.naturalKey], mark.id(on: side) == candidate.read.id {
                if let fingerprint = mark.fingerprint(on: side) {
                    // Left unlinked earlier in this run: the same content needs no second decision (that
                    // one also settled the retry queue); other content is read afresh (stale or edited).
                    if fingerprint == candidate.read.fingerprint { continue }
                    item.needsFreshRead = true
                } else {
                    // Linked earlier in this run: compared with the new snapshot below.
                    item.isRecurrence = true
                }
            }
            items.append(item)
        }
        let entity = flow.entity
        let ids = items.map(\.read.id)
        let links = try context.withStore { () throws(StateStoreError) in
            try context.store.links(entity: entity, side: side, ids: ids)
        }
        var batchKeys: [String: String] = [:]
        for index in items.indices {
            items[index].link = links[items[index].read.id]
            if !items[index].needsFreshRead {
                items[index].early = classify(&items[index], side: side, batchKeys: &batchKeys)
            }
            if items[index].needsFreshRead {
                try await readAfresh(&items[index], side: side)
                items[index].early = items[index].early ?? classify(&items[index], side: side, batchKeys: &batchKeys)
            }
        }
        return items.filter { !$0.isVanished }
    }

    /// Replaces a record listed a second time in this run with its current state, so that a stale page
    /// can never undo a write made earlier in the run.
    private func readAfresh(_ item: inout WorkItem<Record>, side: SystemSide) async throws(EngineFailure) {
        item.needsFreshRead = false
        item.isRecurrence = false
        item.lookupKey = nil
        let key = item.read.naturalKey
        let result = await read(key: key, on: side)
        try check(result, readOn: side)
        switch result {
        case .success(let fresh?):
            item.candidate.read = ReadRecord(fresh)
        case .success(nil):
            item.isVanished = true
        case .failure(let error):
            item.early = .rejected(Failure.connector(error, doing: "reading", key: key, side: side, flow: flow))
        }
    }

    /// The decision for `item` that needs no read of the other side, or `nil` (then `lookupKey` or
    /// `partner` tells how to find the counterpart).
    private func classify(_ item: inout WorkItem<Record>, side: SystemSide, batchKeys: inout [String: String])
        -> PairDecision<Record>?
    {
        let record = item.read.remote.record
        let key = item.read.naturalKey
        if let link = item.link {
            if isUnchanged(item.read, since: link, side: side) { return .unchanged }
            if item.isRecurrence {
                item.needsFreshRead = true
                return nil
            }
        }
        let pm = side == .projectManagement ? record : nil
        let accounting = side == .accounting ? record : nil
        if let violation = flow.exclusion(
            pm: pm, accounting: accounting, processedSide: side, linked: item.link != nil)
        {
            return .rejected(violation)
        }
        if let violation = flow.recordViolation(record, on: side) { return .rejected(violation) }
        if let link = item.link {
            let snapshotKey = link.snapshot(on: side.opposite)[flow.vocabulary.keyField]?.stringValue
            item.lookupKey = snapshotKey ?? link.naturalKey
            return nil
        }
        if let first = ledger[key]?.id(on: side) ?? batchKeys[key], first != item.read.id {
            return .rejected(Failure.duplicateKey(key: key, firstID: first, side: side, flow: flow))
        }
        batchKeys[key] = item.read.id
        let index = indices[side.opposite]
        switch index?.lookup(key: key, secondaryKey: flow.secondaryKey(of: record)) ?? .unknown {
        case .absent:
            item.partner = absentPartner(key: key, side: side)
        case .secondaryMatch(let otherKey):
            item.partner = .violation(flow.secondaryKeyViolation(record, on: side, otherKey: otherKey))
        case .present, .unknown:
            item.lookupKey = key
        }
        return nil
    }

    /// Whether `read` holds the values of its snapshot in every synchronised field (our own write coming
    /// back compares equal too); the PM side's version stamp decides without comparing when it matches.
    private func isUnchanged(_ read: ReadRecord<Record>, since link: RecordLink, side: SystemSide) -> Bool {
        if side == .projectManagement, let version = read.remote.version, version == link.pmVersion { return true }
        guard let snapshot = link.snapshot(on: side).objectValue else { return false }
        return fields.holdsSnapshot(read.fields, of: read.remote.record, on: side, snapshot: snapshot)
    }

    /// No counterpart: unless an interrupted create of this key is still unchecked.
    private func absentPartner(key: String, side: SystemSide) -> PartnerState<Record> {
        unverifiedKeys.contains(key)
            ? .violation(Failure.unverifiedCreate(key: key, side: side.opposite, flow: flow)) : .absent
    }

    /// Reads the counterparts that must be read, concurrently, then looks up the links of those found
    /// for unlinked records.
    private func resolvePartners(_ items: inout [WorkItem<Record>], side: SystemSide) async throws(EngineFailure) {
        let other = side.opposite
        let lookups = items.indices.compactMap { index in
            items[index].early == nil ? items[index].lookupKey.map { (index, $0) } : nil
        }
        guard !lookups.isEmpty else { return }
        let endpoint = flow.endpoint(on: other)
        let results = await BoundedConcurrency.map(
            lookups, limit: context.configuration.writeConcurrency, stop: Self.isFatal,
            transform: { lookup -> Result<RemoteRecord<Record>?, ConnectorError> in
                do throws(ConnectorError) {
                    return .success(try await endpoint.find(naturalKey: lookup.1))
                } catch {
                    return .failure(error)
                }
            })
        for ((index, key), result) in zip(lookups, results) {
            if let result { try check(result, readOn: other) }
            switch result {
            case .success(let found?)?:
                items[index].partner = .found(ReadRecord(found), link: nil)
            case .success(nil)?:
                items[index].partner = items[index].link == nil ? absentPartner(key: key, side: side) : .absent
            case .failure(let error)?:
                items[index].partner = .failed(error)
            case nil:
                throw EngineFailure.cancelledRun
            }
        }
        try await rejectSecondaryMatches(&items, side: side)
        try await attachPartnerLinks(&items, side: side)
    }

    /// Turns the creates of records whose secondary key (a product's name, R1.1) belongs to a record with
    /// another key on the other side into violations.
    ///
    /// Only a complete index of the other side knows the secondary keys; a run that did not list that side
    /// in full (an incremental run, a retry) lists it once, when a record with a secondary key would be
    /// created, so a name-only match reported once is never created by a later run.
    private func rejectSecondaryMatches(_ items: inout [WorkItem<Record>], side: SystemSide) async throws(EngineFailure)
    {
        let other = side.opposite
        let creates = items.indices.filter { index in
            guard items[index].early == nil, items[index].link == nil, case .absent = items[index].partner else {
                return false
            }
            return flow.secondaryKey(of: items[index].read.remote.record) != nil
        }
        guard !creates.isEmpty else { return }
        if indices[other]?.isComplete != true {
            guard case .complete = try await buildIndex(of: other, required: false) else { return }
        }
        guard let index = indices[other] else { return }
        for position in creates {
            let record = items[position].read.remote.record
            let lookup = index.lookup(key: items[position].read.naturalKey, secondaryKey: flow.secondaryKey(of: record))
            if case .secondaryMatch(let otherKey) = lookup {
                items[position].partner = .violation(flow.secondaryKeyViolation(record, on: side, otherKey: otherKey))
            }
        }
    }

    /// Looks up, in one call, whether the counterparts found for unlinked records are linked already.
    private func attachPartnerLinks(_ items: inout [WorkItem<Record>], side: SystemSide) async throws(EngineFailure) {
        let other = side.opposite
        let entity = flow.entity
        var partnerIDs: [String] = []
        for item in items where item.link == nil && item.early == nil {
            if case .found(let partner, _) = item.partner { partnerIDs.append(partner.id) }
        }
        guard !partnerIDs.isEmpty else { return }
        let links = try context.withStore { () throws(StateStoreError) in
            try context.store.links(entity: entity, side: other, ids: partnerIDs)
        }
        for index in items.indices where items[index].link == nil {
            if case .found(let partner, nil) = items[index].partner, let link = links[partner.id] {
                items[index].partner = .found(partner, link: link)
            }
        }
    }

    /// The dependency keys of the batch that are linked (R3.3), from one store call; in a dry run also those
    /// the run would have linked.
    private func linkedDependencies(of items: [WorkItem<Record>]) throws(EngineFailure) -> Set<String> {
        guard let dependency = flow.dependency else { return [] }
        let keys = Set(items.compactMap { flow.dependencyKey(of: $0.read.remote.record) })
        guard !keys.isEmpty else { return [] }
        let links = try context.withStore { () throws(StateStoreError) in
            try context.store.links(entity: dependency, naturalKeys: Array(keys))
        }
        let planned = context.isDryRun ? keys.intersection(context.plannedLinks[dependency] ?? []) : []
        return Set(links.keys).union(planned)
    }

    /// Whether a lookup failed in a way that stops the run.
    @Sendable static func isFatal(_ result: Result<RemoteRecord<Record>?, ConnectorError>) -> Bool {
        if case .failure(let error) = result { return EngineFailure.fatal(error) != nil }
        return false
    }

    /// Stops the run when a record read on `side` failed with a fatal kind, or when it was the third in a
    /// row whose answer was not the API's (see ``RunContext/noteRecordRead(on:failure:)``).
    func check<Value>(_ result: Result<Value, ConnectorError>, readOn side: SystemSide) throws(EngineFailure) {
        var failure: ConnectorError?
        if case .failure(let error) = result {
            if let fatal = EngineFailure.fatal(error) { throw fatal }
            failure = error
        }
        if let stop = context.noteRecordRead(on: side, failure: failure) { throw stop }
    }

    /// Reads the record with natural key `key` on `side`.
    func read(key: String, on side: SystemSide) async -> Result<RemoteRecord<Record>?, ConnectorError> {
        do throws(ConnectorError) {
            return .success(try await flow.endpoint(on: side).find(naturalKey: key))
        } catch {
            return .failure(error)
        }
    }
}
