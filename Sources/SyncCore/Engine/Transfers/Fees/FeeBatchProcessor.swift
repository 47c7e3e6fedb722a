import Foundation

/// Transfers batches of listed fees (R5): decide, check the project, journal, create, commit.
struct FeeBatchProcessor {
    /// What a fee's create did.
    private enum Outcome: Sendable {
        case created(RemoteRecord<ProjectFee>, adopted: Bool)
        case failed(RuleViolation, keepsIntent: Bool)
        case fatal(EngineFailure)
    }

    /// Whether a fee's project can take it.
    private enum ProjectCheck: Sendable {
        case inSevera
        case onlyInFortnox
        case failed(ConnectorError)
    }

    let flow: FeeTransferFlow
    /// Source references whose interrupted create could not be checked: not created in this run.
    let unverified: Set<String>
    /// Source references decided in this run (a cursor overlap or retry lists them again).
    private var decided: Set<String> = []

    init(flow: FeeTransferFlow, unverified: Set<String>) {
        self.flow = flow
        self.unverified = unverified
    }

    private var runner: TransferRunner { flow.runner }
    private var names: SystemNames { runner.names }

    /// Transfers `items` in batches of the configured size.
    mutating func process(_ items: [PageItem<ProjectFee>]) async throws(EngineFailure) {
        let size = max(1, runner.context.configuration.batchSize)
        var start = 0
        while start < items.count {
            try runner.checkCancellation()
            try await processBatch(Array(items[start..<min(start + size, items.count)]))
            start += size
        }
    }

    private mutating func processBatch(_ items: [PageItem<ProjectFee>]) async throws(EngineFailure) {
        var commit = StateCommit()
        var fees: [ProjectFee] = []
        for item in items {
            switch item {
            case .record(let remote) where decided.insert(remote.record.sourceReference).inserted:
                fees.append(remote.record)
            case .record:
                continue
            case .unreadable(let unreadable):
                let id = unreadable.id ?? unreadable.naturalKey ?? "?"
                commit.logEntries.append(
                    runner.entry(
                        .failed, pmID: nil, accountingID: id, key: unreadable.naturalKey,
                        reason: "\(names.accounting) \(id) could not be read: \(unreadable.reason)",
                        hint: "correct it in \(names.accounting); it is read again every run", rule: "O7"))
                runner.queue(id, key: unreadable.naturalKey, reason: unreadable.reason, into: &commit)
            }
        }
        let links = try runner.read { store throws(StateStoreError) in
            try store.links(entity: .projectFee, side: .accounting, ids: fees.map(\.sourceReference))
        }
        var creates: [ProjectFee] = []
        for (fee, decision) in zip(fees, FeeDecision.decide(fees, links: links)) {
            switch decision {
            case .unchanged:
                runner.resolve(fee.sourceReference, into: &commit)
            case .refresh(var link):
                link.accountingSnapshot = fee.canonicalJSON
                if !runner.isDryRun { commit.links.append(link) }
                runner.resolve(fee.sourceReference, into: &commit)
            case .changedAfterTransfer(var link, let changes):
                var entry = runner.entry(
                    .conflict, pmID: link.pmID, accountingID: fee.sourceReference, key: fee.sourceReference,
                    reason: "\(fee.sourceReference) changed after it was transferred as fee \(link.pmID); it is not "
                        + "transferred again", rule: "R5.4")
                entry.hint = "adjust fee \(link.pmID) on project \(fee.projectNumber) in \(names.pm) by hand"
                entry.changes = changes
                commit.logEntries.append(entry)
                link.accountingSnapshot = fee.canonicalJSON  // reported once per change
                commit.links.append(link)
                runner.resolve(fee.sourceReference, into: &commit)
            case .heldBack(let reason):
                try heldBack(fee, reason: reason, into: &commit)
            case .create:
                creates.append(fee)
            }
        }
        creates = try await checkProjects(creates, into: &commit)
        try await create(creates, commit: commit)
    }

    /// Logs a held-back row once.
    private func heldBack(_ fee: ProjectFee, reason: String, into commit: inout StateCommit) throws(EngineFailure) {
        let note = LoggedNote(entity: .projectFee, sourceID: fee.sourceReference, note: "held-back")
        let logged = try runner.read { store throws(StateStoreError) in
            try store.loggedNotes(entity: .projectFee, note: note.note, sourceIDs: [fee.sourceReference])
        }
        guard logged.isEmpty else { return }
        commit.logEntries.append(
            runner.entry(
                .conflict, pmID: nil, accountingID: fee.sourceReference, key: fee.sourceReference, reason: reason,
                hint: "book the row as a fee in \(names.pm) by hand if it is needed", rule: "R5.4"))
        if !runner.isDryRun { commit.notes.append(note) }
    }

    /// The fees whose project is in Severa; a fee for a project only in Fortnox is skipped, once (R5.1).
    private func checkProjects(_ fees: [ProjectFee], into commit: inout StateCommit) async throws(EngineFailure)
        -> [ProjectFee]
    {
        let numbers = Set(fees.map(\.projectNumber))
        guard !numbers.isEmpty else { return [] }
        let linked = try runner.read { store throws(StateStoreError) in
            try store.links(entity: .project, naturalKeys: Array(numbers))
        }
        let unknown = numbers.subtracting(linked.keys).sorted()
        let projects = flow.pm.projects
        let checks = await runner.map(unknown) { number -> ProjectCheck in
            do throws(ConnectorError) {
                return try await projects.find(naturalKey: number) == nil ? .onlyInFortnox : .inSevera
            } catch {
                return .failed(error)
            }
        }
        var states: [String: ProjectCheck] = [:]
        for (number, check) in zip(unknown, checks) {
            guard let check else { throw EngineFailure.cancelledRun }
            if case .failed(let error) = check, let fatal = EngineFailure.fatal(error) { throw fatal }
            var failure: ConnectorError?
            if case .failed(let error) = check { failure = error }
            if let stop = runner.noteRead(on: .projectManagement, failure) { throw stop }
            states[number] = check
        }
        let skipped = fees.filter { if case .onlyInFortnox = states[$0.projectNumber] { true } else { false } }
        let alreadyLogged = try runner.read { store throws(StateStoreError) in
            try store.loggedNotes(
                entity: .projectFee, note: "fortnox-only-project", sourceIDs: skipped.map(\.sourceReference))
        }
        var ready: [ProjectFee] = []
        for fee in fees {
            switch states[fee.projectNumber] {
            case .onlyInFortnox?:
                runner.resolve(fee.sourceReference, into: &commit)
                guard !alreadyLogged.contains(fee.sourceReference) else { continue }
                commit.logEntries.append(
                    runner.entry(
                        .skipped, pmID: nil, accountingID: fee.sourceReference, key: fee.sourceReference,
                        reason: "\(fee.sourceReference) is booked to project \(fee.projectNumber), which exists only "
                            + "in \(names.accounting) (an internal cost project); no fee", rule: "R5.1"))
                if !runner.isDryRun {
                    commit.notes.append(
                        LoggedNote(entity: .projectFee, sourceID: fee.sourceReference, note: "fortnox-only-project"))
                }
            case .failed(let error)?:
                commit.logEntries.append(
                    runner.entry(
                        .failed, pmID: nil, accountingID: fee.sourceReference, key: fee.sourceReference,
                        reason: "reading project \(fee.projectNumber) in \(names.pm) failed: \(error)",
                        hint: runner.hint(for: error, on: .projectManagement), rule: "O7"))
                runner.queue(fee.sourceReference, key: fee.sourceReference, reason: "\(error)", into: &commit)
            default:
                ready.append(fee)
            }
        }
        return ready
    }

    /// Journals, creates and commits `fees` (with what `commit` already holds).
    private func create(_ fees: [ProjectFee], commit initial: StateCommit) async throws(EngineFailure) {
        var commit = initial
        var writable: [ProjectFee] = []
        for fee in fees {
            if unverified.contains(fee.sourceReference) {
                let violation = RuleViolation.failed(
                    rule: "O3",
                    reason: "an interrupted run may already have created the fee of \(fee.sourceReference) and it "
                        + "could not be checked yet; not created again",
                    hint: "nothing to do: the next run looks it up first")
                reject(fee, violation, into: &commit)
            } else if runner.isDryRun {
                commit.logEntries.append(createdEntry(fee, feeID: nil, adopted: false))
            } else {
                writable.append(fee)
            }
        }
        let intents = try runner.record(
            writable.map { fee in
                runner.intent(
                    .create, key: fee.sourceReference, sourceID: fee.sourceReference, payload: fee.projectNumber)
            })
        let pm = flow.pm
        let outcomes = await runner.map(
            writable, stop: { if case .fatal = $0 { true } else { false } },
            transform: { fee in await Self.write(fee, pm: pm) })
        var fatal: EngineFailure?
        for ((fee, intent), outcome) in zip(zip(writable, intents), outcomes) {
            switch outcome {
            case .created(let created, let adopted)?:
                commit.closedIntents.append(intent.id)
                commit.links.append(link(fee, created))
                commit.logEntries.append(createdEntry(fee, feeID: created.id, adopted: adopted))
                runner.resolve(fee.sourceReference, into: &commit)
            case .failed(let violation, let keepsIntent)?:
                if !keepsIntent { commit.closedIntents.append(intent.id) }
                reject(fee, violation, into: &commit)
            case .fatal(let failure)?:
                fatal = fatal ?? failure
            case nil:
                commit.closedIntents.append(intent.id)  // never sent
            }
        }
        try runner.commit(commit)
        if let fatal { throw fatal }
    }

    /// Creates one fee; a lost answer is looked up by its source reference on its project.
    private static func write(_ fee: ProjectFee, pm: any ProjectManagementSide) async -> Outcome {
        do throws(ConnectorError) {
            return .created(try await pm.createProjectFee(fee), adopted: false)
        } catch  where error.kind == .outcomeUnknown {
            do throws(ConnectorError) {
                if let found = try await pm.findProjectFee(
                    sourceReference: fee.sourceReference, projectNumber: fee.projectNumber)
                {
                    return .created(found, adopted: true)
                }
                return .failed(
                    .failed(
                        rule: "R5.4",
                        reason: "creating the fee of \(fee.sourceReference) got no answer (\(error)) and it was not "
                            + "found afterwards, so it was not created", hint: "nothing to do: it is retried next run"),
                    keepsIntent: false)
            } catch let lookup {
                if let fatal = EngineFailure.fatal(lookup) { return .fatal(fatal) }
                return .failed(
                    .failed(
                        rule: "R5.4",
                        reason: "creating the fee of \(fee.sourceReference) got no answer and looking it up failed "
                            + "(\(lookup))", hint: "nothing to do: the next run looks it up first"), keepsIntent: true)
            }
        } catch {
            if let fatal = EngineFailure.fatal(error) { return .fatal(fatal) }
            return .failed(Self.violation(fee, error), keepsIntent: false)
        }
    }

    /// The violation for a refused create: R5.3 for the product, R5.1 for the project.
    private static func violation(_ fee: ProjectFee, _ error: ConnectorError) -> RuleViolation {
        if error.kind == .invalidRecord, error.message.contains("R5.3") {
            return .failed(
                rule: "R5.3", reason: "the fee of \(fee.sourceReference) was not transferred: \(error)",
                hint: fee.productCode == nil
                    ? "set projectFees.defaultProduct to a Severa product code, or give the row an article number"
                    : "create Severa product \(fee.productCode ?? "") (a product, not a work type), then run "
                        + "`brygga retry --flow projectFee`")
        }
        return .failed(
            rule: "R5.1",
            reason: "creating the fee of \(fee.sourceReference) on project \(fee.projectNumber) failed: \(error)",
            hint: "reopen project \(fee.projectNumber) in Severa (a closed project takes no fees), or correct the row "
                + "as the message says, then run `brygga retry --flow projectFee`")
    }

    private func reject(_ fee: ProjectFee, _ violation: RuleViolation, into commit: inout StateCommit) {
        commit.logEntries.append(
            runner.entry(
                violation.action, pmID: nil, accountingID: fee.sourceReference, key: fee.sourceReference,
                reason: violation.reason, hint: violation.hint, rule: violation.rule))
        runner.queue(fee.sourceReference, key: fee.sourceReference, reason: violation.reason, into: &commit)
    }

    private func createdEntry(_ fee: ProjectFee, feeID: String?, adopted: Bool) -> TransferLogEntry {
        let product = fee.productCode.map { "product \($0)" } ?? "the default product"
        var reason =
            "fee on project \(fee.projectNumber): \(fee.quantity) × \(fee.unitAmount) net of VAT, \(product)"
        if adopted { reason = "adopted the fee an unanswered create made; " + reason }
        return runner.entry(
            .created, pmID: feeID, accountingID: fee.sourceReference, key: fee.sourceReference, reason: reason,
            rule: "R5.1")
    }

    private func link(_ fee: ProjectFee, _ created: RemoteRecord<ProjectFee>) -> RecordLink {
        RecordLink(
            entity: .projectFee, pmID: created.id, accountingID: fee.sourceReference, naturalKey: fee.sourceReference,
            pmSnapshot: created.record.canonicalJSON, accountingSnapshot: fee.canonicalJSON,
            pmVersion: created.version, syncedAt: runner.now())
    }
}
