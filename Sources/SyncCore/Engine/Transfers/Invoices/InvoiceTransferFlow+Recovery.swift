import Foundation
import JSONSupport

extension InvoiceTransferFlow {
    /// What looking up one interrupted write found.
    private enum Lookup: Sendable {
        /// It never took effect: close the intent.
        case absent
        /// A create took effect: Fortnox invoice `created`; `severa` is the invoice now (`nil` when deleted).
        case created(RemoteRecord<Invoice>, severa: RemoteRecord<Invoice>?)
        /// A credit or cancel took effect: the credit invoice (`nil` for a cancel); `severa` as above.
        case acted(creditNumber: String?, severa: RemoteRecord<Invoice>?)
        /// The lookup failed.
        case failed(ConnectorError)
    }

    /// Checks every invoice write an earlier run journalled but never closed (R4.4, O3): a Fortnox
    /// invoice it made is adopted (linked, recorded), never made again.
    ///
    /// - Returns: The Severa guids whose write could not be checked; they are not written in this run.
    func recoverIntents() async throws(EngineFailure) -> Set<String> {
        let intents = runner.openIntents
        guard !intents.isEmpty else { return [] }
        let pm = self.pm
        let accounting = self.accounting
        let lookups = await runner.map(intents) { intent -> Lookup in
            do throws(ConnectorError) {
                switch intent.operation {
                case .credit, .cancel:
                    guard let number = intent.targetID,
                        let state = try await accounting.invoice(documentNumber: number)
                    else { return .absent }
                    if intent.operation == .credit, let credit = state.creditedBy {
                        return .acted(creditNumber: credit, severa: try await pm.invoice(id: intent.sourceID))
                    }
                    if intent.operation == .cancel, state.isCancelled {
                        return .acted(creditNumber: nil, severa: try await pm.invoice(id: intent.sourceID))
                    }
                    return .absent
                default:
                    guard let found = try await accounting.findInvoice(externalReference: intent.naturalKey) else {
                        return .absent
                    }
                    return .created(found, severa: try await pm.invoice(id: intent.sourceID))
                }
            } catch {
                return .failed(error)
            }
        }
        let current = try runner.read { store throws(StateStoreError) in
            try store.invoiceTransfers(severaIDs: intents.map(\.sourceID))
        }
        var commit = StateCommit()
        var unverified: Set<String> = []
        for (intent, lookup) in zip(intents, lookups) {
            switch lookup {
            case .absent?:
                commit.closedIntents.append(intent.id)
            case .failed(let error)?:
                if let fatal = EngineFailure.fatal(error) {
                    try runner.commit(commit)
                    throw fatal
                }
                unverified.insert(intent.sourceID.lowercased())
                commit.logEntries.append(
                    runner.entry(
                        .failed, pmID: intent.sourceID, accountingID: intent.targetID, key: intent.sourceID,
                        reason: "checking an interrupted write of invoice \(intent.sourceID) failed: \(error)",
                        hint: "nothing to do: the next run checks it again before writing", rule: "O3"))
            case .created(let created, let severa)?:
                adopt(
                    intent, fortnoxNumber: created.id, kind: .invoice, creditedNumber: nil, severa: severa,
                    current: current[intent.sourceID], sent: created.record, into: &commit)
            case .acted(let creditNumber, let severa)?:
                adopt(
                    intent, fortnoxNumber: creditNumber, kind: creditNumber == nil ? .cancel : .credit,
                    creditedNumber: intent.targetID, severa: severa, current: current[intent.sourceID], sent: nil,
                    into: &commit)
            case nil:
                throw EngineFailure.cancelledRun
            }
        }
        try runner.commit(commit)
        return unverified
    }

    /// Records what an interrupted run made in Fortnox as this invoice's current transfer.
    private func adopt(
        _ intent: WriteIntent, fortnoxNumber: String?, kind: InvoiceTransferKind, creditedNumber: String?,
        severa: RemoteRecord<Invoice>?, current: InvoiceTransfer?, sent: Invoice?, into commit: inout StateCommit
    ) {
        commit.closedIntents.append(intent.id)
        let made = fortnoxNumber ?? creditedNumber
        let key = severa?.record.displayKey ?? intent.sourceID
        guard let severa else {
            commit.logEntries.append(
                runner.entry(
                    .skipped, pmID: intent.sourceID, accountingID: made, key: key,
                    reason: "an interrupted run wrote Fortnox invoice \(made ?? "?") for Severa invoice "
                        + "\(intent.sourceID), which is gone from \(names.pm); not linked", rule: "O3"))
            return
        }
        if let current, current.fortnoxNumber == fortnoxNumber, current.creditedNumber == creditedNumber { return }
        let now = runner.now()
        let moved = severa.record.statusID?.lowercased() == statuses.received.id.lowercased()
        var transfer = InvoiceTransfer(
            severaID: severa.id, generation: (current?.generation ?? 0) + 1, severaNumber: severa.record.number,
            kind: kind, fortnoxNumber: fortnoxNumber, creditedNumber: creditedNumber, stage: moved ? .moved : .created,
            createdAt: now)
        if moved { transfer.movedAt = now }
        if var current {
            current.supersededAt = now
            commit.invoiceTransfers.append(current)
        }
        commit.invoiceTransfers.append(transfer)
        if let fortnoxNumber {
            commit.links.append(
                RecordLink(
                    entity: .invoice, pmID: severa.id, accountingID: fortnoxNumber, naturalKey: severa.id,
                    pmSnapshot: severa.record.canonicalJSON, accountingSnapshot: sent?.canonicalJSON ?? .object([:]),
                    pmVersion: severa.version, syncedAt: now))
        }
        commit.logEntries.append(
            runner.entry(
                .linked, pmID: severa.id, accountingID: made, key: key,
                reason: "adopted Fortnox invoice \(made ?? "?") written by an interrupted run"
                    + (moved ? "; already in \"\(statuses.received.name)\"" : ""), rule: "O3"))
        if moved { runner.resolve(severa.id, into: &commit) }
    }

    /// Confirms the status moves of earlier transfers whose invoices are no longer in the trigger
    /// status (the move went through but its commit was lost, or someone moved them by hand).
    ///
    /// - Returns: The lower-cased guids settled.
    func settleStatusMoves(excluding listed: Set<String>) async throws(EngineFailure) -> Set<String> {
        let awaiting = try runner.read { store throws(StateStoreError) in
            try store.invoiceTransfersAwaitingStatusMove()
        }.filter { !listed.contains($0.severaID.lowercased()) }
        guard !awaiting.isEmpty else { return [] }
        let pm = self.pm
        let results = await runner.map(awaiting) { transfer -> Result<String?, ConnectorError> in
            do throws(ConnectorError) {
                return .success(try await pm.invoiceStatusID(invoiceID: transfer.severaID))
            } catch  where error.kind == .notFound {
                return .success(nil)
            } catch {
                return .failure(error)
            }
        }
        var commit = StateCommit()
        var settled: Set<String> = []
        for (transfer, result) in zip(awaiting, results) {
            guard case .success(let status)? = result else {
                if case .failure(let error)? = result, let fatal = EngineFailure.fatal(error) {
                    try runner.commit(commit)
                    throw fatal
                }
                continue  // checked again next run
            }
            if status?.lowercased() == statuses.trigger.id.lowercased() { continue }  // listed by the next run
            var moved = transfer
            moved.stage = .moved
            moved.movedAt = runner.now()
            commit.invoiceTransfers.append(moved)
            settled.insert(transfer.severaID.lowercased())
            runner.resolve(transfer.severaID, into: &commit)
            let key = transfer.severaNumber ?? transfer.severaID
            let made = transfer.fortnoxNumber ?? transfer.creditedNumber
            if status?.lowercased() == statuses.received.id.lowercased() {
                commit.logEntries.append(
                    runner.entry(
                        .updated, pmID: transfer.severaID, accountingID: made, key: key,
                        reason: "found in \"\(statuses.received.name)\": an earlier status move went through",
                        rule: "R4.1"))
            } else {
                let now = status.map { "moved by hand to \"\(statuses.name(of: $0))\"" } ?? "deleted in \(names.pm)"
                commit.logEntries.append(
                    runner.entry(
                        .skipped, pmID: transfer.severaID, accountingID: made, key: key,
                        reason: "invoice \(key) was \(now) before Brygga moved it to \"\(statuses.received.name)\"; "
                            + "left as it is", rule: "R4.1"))
            }
        }
        try runner.commit(commit)
        return settled
    }
}
