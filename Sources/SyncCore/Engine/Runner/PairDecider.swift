import JSONSupport

/// Decides what to do with one record and its counterpart: the pure heart of a run, with no I/O.
///
/// Order of checks: the counterpart lookup's own problems; a linked record whose counterpart vanished
/// or was replaced; a counterpart linked to another record; rules about the counterpart (R1.2) and the
/// pair (R2.3 exclusion, R1.1 name check for a first pairing); then the three-way merge, and finally
/// the write rules (R1.2, R1.3, R2.2, R3.3) for every record that would be written.
struct PairDecider<Flow: SyncFlow>: Sendable {
    typealias Record = Flow.Record

    /// The flow's rules.
    let flow: Flow
    /// The members compared for each pair.
    let fields: FieldSelection<Flow>
    /// The merge of linked pairs: the configured master and the flow's directions.
    let linkedMerge: FieldMerge
    /// The merge of a first pairing (a bootstrap makes its source side master and writes one way only).
    let pairingMerge: FieldMerge

    /// Decides for `facts`; `linkedDependencies` are the dependency keys of the batch that are linked (R3.3).
    func decide(_ facts: PairFacts<Record>, linkedDependencies: Set<String>) -> PairDecision<Record> {
        let side = facts.side
        let other = side.opposite
        switch facts.partner {
        case .failed(let error):
            return .rejected(Failure.reading(error, key: facts.source.naturalKey, side: other, flow: flow))
        case .violation(let violation):
            return .rejected(violation)
        case .absent:
            if let link = facts.link {
                return .rejected(Failure.vanished(link: link, side: other, flow: flow))
            }
            guard flow.allows(from: side) else {
                return .rejected(
                    .skipped(
                        rule: flow.vocabulary.transferRule,
                        reason: "\(flow.vocabulary.recordName)s are not transferred from \(flow.names.name(of: side))"))
            }
            if let violation = flow.writeViolation(
                facts.source.remote.record, to: other, linkedDependencies: linkedDependencies)
            {
                return .rejected(violation)
            }
            return .create(CreatePlan(source: facts.source, sourceSide: side))
        case .found(let partner, let partnerLink):
            return decidePair(facts, partner: partner, partnerLink: partnerLink, dependencies: linkedDependencies)
        }
    }

    private func decidePair(
        _ facts: PairFacts<Record>, partner: ReadRecord<Record>, partnerLink: RecordLink?, dependencies: Set<String>
    ) -> PairDecision<Record> {
        let side = facts.side
        let other = side.opposite
        if let link = facts.link, link.id(on: other) != partner.id {
            return .rejected(Failure.replaced(link: link, found: partner.id, side: other, flow: flow))
        }
        if facts.link == nil, let partnerLink {
            return .rejected(
                Failure.alreadyLinked(
                    key: facts.source.naturalKey, partnerID: partner.id, linkedTo: partnerLink.id(on: side),
                    side: other, flow: flow))
        }
        if let violation = flow.recordViolation(partner.remote.record, on: other) { return .rejected(violation) }
        let pm = side == .projectManagement ? facts.source : partner
        let accounting = side == .projectManagement ? partner : facts.source
        let isNewPair = facts.link == nil
        if let violation = flow.exclusion(
            pm: pm.remote.record, accounting: accounting.remote.record, processedSide: side, linked: !isNewPair)
        {
            return .rejected(violation)
        }
        if isNewPair, facts.adoptedBase == nil,
            let violation = flow.pairingViolation(pm: pm.remote, accounting: accounting.remote)
        {
            return .rejected(violation)
        }
        let bases: (pm: [String: JSONValue], accounting: [String: JSONValue])?
        if let link = facts.link {
            bases = (link.pmSnapshot.objectValue ?? [:], link.accountingSnapshot.objectValue ?? [:])
        } else if let adopted = facts.adoptedBase {
            bases = (adopted, adopted)
        } else {
            bases = nil
        }
        let merge = isNewPair && facts.adoptedBase == nil ? pairingMerge : linkedMerge
        let outcome = merge.merge(
            fields: fields.pairFields(pm: pm.remote.record, accounting: accounting.remote.record), pm: pm.fields,
            accounting: accounting.fields, bases: bases)
        var updates: [SideUpdate<Record>] = []
        for target in SystemSide.allCases {
            let writes = outcome.writes(to: target)
            if writes.isEmpty { continue }
            let current = target == .projectManagement ? pm : accounting
            switch makeUpdate(of: current, on: target, writes: writes, dependencies: dependencies) {
            case .success(let update): updates.append(update)
            case .failure(let violation): return .rejected(violation)
            }
        }
        let reason = isNewPair ? facts.adoptionReason ?? flow.vocabulary.matchDescription : nil
        return .sync(
            SyncPlan(
                pm: pm, accounting: accounting, processedSide: side, linkReason: reason, updates: updates,
                conflicts: outcome.conflicts))
    }

    /// The update of `current` with `writes`, checked against the write rules.
    private func makeUpdate(
        of current: ReadRecord<Record>, on target: SystemSide, writes: [String: JSONValue?], dependencies: Set<String>
    ) -> Result<SideUpdate<Record>, RuleViolation> {
        var fields = current.fields
        for (field, value) in writes { fields[field] = value }
        let merged: Record
        do {
            merged = try Record(canonicalJSON: .object(fields))
        } catch {
            return .failure(
                .failed(
                    rule: "O7",
                    reason: "the merged \(flow.vocabulary.recordName) \(current.naturalKey) is not valid: \(error)",
                    hint: "correct the record in \(flow.names.name(of: target.opposite)), then run `brygga retry`"))
        }
        if let violation = flow.writeViolation(merged, to: target, linkedDependencies: dependencies) {
            return .failure(violation)
        }
        let changes = writes.keys.sorted().map { field in
            FieldChange(field: field, old: current.fields[field], new: writes[field] ?? nil)
        }
        return .success(
            SideUpdate(side: target, targetID: current.id, fields: Set(writes.keys), record: merged, changes: changes))
    }
}
