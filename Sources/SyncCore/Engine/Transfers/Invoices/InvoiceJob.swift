import Foundation

/// The transfer of one invoice of the trigger queue (R4): rows → checks → create in Fortnox (journalled,
/// a lost answer looked up) → attachments → status move in Severa. Runs in a write task; returns what
/// to commit instead of touching run state.
struct InvoiceJob: Sendable {
    let environment: InvoiceJobEnvironment
    let work: InvoiceWork

    private var names: SystemNames { environment.names }
    private var received: InvoiceStatus { environment.statuses.received }

    /// Does the job.
    func run() async -> InvoiceOutcome {
        var outcome = InvoiceOutcome(work)
        if let current = work.current {
            await repeated(current, into: &outcome)
        } else if work.header.record.isCreditNote {
            await creditNote(generation: 1, previous: nil, into: &outcome)
        } else {
            await create(generation: 1, previous: nil, why: nil, into: &outcome)
        }
        return outcome
    }

    /// The invoice reached the trigger status while a transfer of it exists (R4.4).
    private func repeated(_ current: InvoiceTransfer, into outcome: inout InvoiceOutcome) async {
        var fortnox: AccountingInvoice?
        if current.kind == .invoice, let number = current.fortnoxNumber {
            do throws(ConnectorError) {
                fortnox = try await environment.accounting.invoice(documentNumber: number)
                outcome.reads.append((.accounting, nil))
            } catch {
                fail(error, doing: "reading Fortnox invoice \(number) of", side: .accounting, into: &outcome)
                return
            }
        }
        switch RepeatedTransferDecision.decide(current, fortnox: fortnox, voidingCreditNote: work.voidingCreditNote) {
        case .moveStatus(let transfer):
            if environment.attachments, !environment.isDryRun, transfer.kind == .invoice,
                let number = transfer.fortnoxNumber
            {
                let attached = await AttachmentTransferStage(environment: environment, work: work)
                    .transfer(documentNumber: number, generation: transfer.generation, resuming: true)
                outcome.attachments = attached.states
                outcome.entries += attached.entries
                if let fatal = attached.fatal {
                    outcome.fatal = fatal
                    return
                }
                if let failure = attached.failure {
                    outcome.reject(failure, entry: environment.entry(.failed, work, accountingID: number, rule: "R4.3"))
                    return
                }
            }
            await moveStatus(transfer, healing: true, notes: [], into: &outcome)
        case .alreadyInFortnox(let transfer):
            let made = transfer.fortnoxNumber ?? transfer.creditedNumber ?? "?"
            outcome.reject(
                .failed(
                    rule: "R4.4",
                    reason: "\(InvoiceLabel(work.header.record)) is already in \(names.accounting) as \(made) and "
                        + "was moved to the trigger status \"\(environment.statuses.trigger.name)\" again; it is not "
                        + "sent twice",
                    hint: "to send it again, credit or cancel \(made) in \(names.accounting), then move the invoice "
                        + "to \"\(environment.statuses.trigger.name)\" again; otherwise move it back to "
                        + "\"\(received.name)\""),
                entry: environment.entry(.failed, work, accountingID: made, rule: "R4.4"))
        case .moveStatusAfterItsCreditNote(let transfer, let what):
            // No attachments: Fortnox takes none on a cancelled or credited invoice, and none is billed.
            await moveStatus(transfer, healing: true, notes: [what], into: &outcome)
        case .voidedBeforeMove(let transfer, let what):
            let trigger = environment.statuses.trigger.name
            outcome.reject(
                .failed(
                    rule: "R4.4",
                    reason: "\(what) after Brygga created it for \(InvoiceLabel(work.header.record)) and before the "
                        + "invoice was moved to \"\(received.name)\" in \(names.pm); it is neither moved nor sent "
                        + "again",
                    hint: "if the invoice should not be billed, move it out of \"\(trigger)\" in \(names.pm) by "
                        + "hand (credit it there when it is numbered); to send it to \(names.accounting) again, move it "
                        + "out of \"\(trigger)\", let one run pass, then move it back to \"\(trigger)\""),
                entry: environment.entry(.failed, work, accountingID: transfer.fortnoxNumber, rule: "R4.4"))
        case .resend(let previous, let why):
            if work.header.record.isCreditNote {
                await creditNote(generation: previous.generation + 1, previous: previous, into: &outcome)
            } else {
                await create(generation: previous.generation + 1, previous: previous, why: why, into: &outcome)
            }
        }
    }

    /// Creates the invoice in Fortnox as generation `generation` (replacing `previous`), then follows up.
    private func create(
        generation: Int, previous: InvoiceTransfer?, why: String?, into outcome: inout InvoiceOutcome
    ) async {
        guard var invoice = await readRows(into: &outcome) else { return }
        invoice.statusID = work.header.record.statusID
        let dependencies: InvoiceDependencies
        do throws(ConnectorError) {
            dependencies = try await self.dependencies(of: invoice)
        } catch {
            fail(error, doing: "checking the articles of", side: .accounting, into: &outcome)
            return
        }
        let prepared: PreparedInvoice
        switch environment.preparation.prepare(invoice, dependencies) {
        case .success(let ready): prepared = ready
        case .failure(let violation):
            outcome.reject(violation, entry: environment.entry(.failed, work, rule: violation.rule))
            closeIntent(into: &outcome)
            return
        }
        if work.unverified {
            outcome.reject(
                .failed(
                    rule: "O3",
                    reason: "an interrupted run may already have created \(InvoiceLabel(invoice)) in "
                        + "\(names.accounting) and it could not be checked yet; not created again",
                    hint: "nothing to do: the next run looks it up first and creates it only if it is missing"),
                entry: environment.entry(.failed, work, rule: "O3"))
            return
        }
        var notes = prepared.notes
        if let why, let number = previous?.fortnoxNumber {
            notes.insert("sent again as generation \(generation): \(why) (replaces \(number))", at: 0)
        }
        if environment.isDryRun {
            notes.append("then moved to \"\(received.name)\" in \(names.pm)")
            outcome.entries.append(
                environment.entry(.created, work, reason: notes.joined(separator: "; "), rule: rule(for: generation)))
            return
        }
        guard let intentID = await intent(.create, into: &outcome) else { return }
        let created: RemoteRecord<Invoice>
        switch await send(prepared.invoice) {
        case .success(let made, let adopted):
            created = made
            if adopted { notes.insert("its answer was lost; found in \(names.accounting) and adopted", at: 0) }
            outcome.closedIntents.append(intentID)
        case .failure(let violation, let keepsIntent):
            if !keepsIntent { outcome.closedIntents.append(intentID) }
            outcome.reject(violation, entry: environment.entry(.failed, work, rule: violation.rule))
            return
        case .fatal(let failure):
            outcome.fatal = failure
            return
        }
        let now = environment.clock.now()
        let transfer = InvoiceTransfer(
            severaID: work.severaID, generation: generation, severaNumber: invoice.number, kind: .invoice,
            fortnoxNumber: created.id, stage: .created, createdAt: now)
        if var previous {
            previous.supersededAt = now
            outcome.transfers.append(previous)
        }
        notes += InvoiceTotalsCheck.notes(severa: invoice.totals, fortnox: created.record.totals, number: created.id)
        outcome.link = RecordLink(
            entity: .invoice, pmID: work.severaID, accountingID: created.id, naturalKey: work.severaID,
            pmSnapshot: invoice.canonicalJSON, accountingSnapshot: created.record.canonicalJSON,
            pmVersion: work.header.version, syncedAt: now)
        var entry = environment.entry(.created, work, accountingID: created.id, rule: rule(for: generation))
        if environment.attachments {
            let attached = await AttachmentTransferStage(environment: environment, work: work)
                .transfer(documentNumber: created.id, generation: generation, resuming: false)
            outcome.attachments = attached.states
            outcome.entries += attached.entries
            notes += attached.notes
            if let failure = attached.failure {
                entry.reason = notes.joined(separator: "; ")
                outcome.entries.insert(entry, at: 0)
                outcome.transfers.append(transfer)
                if let fatal = attached.fatal {
                    outcome.fatal = fatal
                    return
                }
                outcome.reject(failure, entry: environment.entry(.failed, work, accountingID: created.id, rule: "R4.3"))
                return
            }
        }
        await moveStatus(transfer, healing: false, notes: notes, createdEntry: entry, into: &outcome)
    }

    /// The rule a create is logged under: R4.2 for the first transfer, R4.4 for a resend.
    private func rule(for generation: Int) -> String { generation == 1 ? "R4.2" : "R4.4" }

    /// Reads the invoice's rows; `nil` (with the outcome set) when that fails.
    private func readRows(into outcome: inout InvoiceOutcome) async -> Invoice? {
        var invoice = work.header.record
        do throws(ConnectorError) {
            invoice.rows = try await environment.pm.invoiceRows(
                invoiceID: work.severaID, projectNumber: invoice.projectNumber)
            outcome.reads.append((.projectManagement, nil))
            return invoice
        } catch  where error.kind == .notFound {
            outcome.reads.append((.projectManagement, nil))
            outcome.reject(
                .skipped(rule: "R4.1", reason: "\(InvoiceLabel(invoice)) was deleted in \(names.pm) meanwhile"),
                entry: environment.entry(.skipped, work, rule: "R4.1"))
            closeIntent(into: &outcome)
            return nil
        } catch {
            fail(error, doing: "reading the rows of", side: .projectManagement, into: &outcome)
            return nil
        }
    }

    /// What of `invoice`'s references Fortnox has (R4.2).
    private func dependencies(of invoice: Invoice) async throws(ConnectorError) -> InvoiceDependencies {
        let codes = Set(invoice.rows.compactMap(\.productCode))
        var known = codes.intersection(environment.plannedProducts)
        if !codes.isEmpty {
            let linked = (try? environment.store.links(entity: .product, naturalKeys: Array(codes))) ?? [:]
            known.formUnion(linked.keys)
            for code in codes.subtracting(known).sorted() where try await environment.lookups.articleExists(code) {
                known.insert(code)
            }
        }
        let units = invoice.rows.contains { $0.unit != nil } ? await environment.lookups.unitCodes() : nil
        return InvoiceDependencies(
            customerLinked: work.customerLinked, projectLinked: work.projectLinked, knownProducts: known, units: units)
    }

    /// Moves the Severa invoice to the received status and records the transfer as moved (R4.1).
    func moveStatus(
        _ transfer: InvoiceTransfer, healing: Bool, notes: [String], createdEntry: TransferLogEntry? = nil,
        into outcome: inout InvoiceOutcome
    ) async {
        var transfer = transfer
        var notes = notes
        let made = transfer.fortnoxNumber ?? transfer.creditedNumber
        if !environment.isDryRun {
            do throws(ConnectorError) {
                let number = try await environment.pm.setInvoiceStatus(invoiceID: work.severaID, statusID: received.id)
                transfer.stage = .moved
                transfer.movedAt = environment.clock.now()
                let numbered = number.flatMap { $0 == transfer.severaNumber ? nil : " as invoice \($0)" } ?? ""
                transfer.severaNumber = number ?? transfer.severaNumber
                notes.append("moved to \"\(received.name)\" in \(names.pm)\(numbered)")
            } catch {
                if let fatal = EngineFailure.fatal(error) { outcome.fatal = fatal }
                if let createdEntry {
                    var entry = createdEntry
                    entry.reason = notes.isEmpty ? nil : notes.joined(separator: "; ")
                    outcome.entries.append(entry)
                }
                outcome.transfers.append(transfer)
                guard outcome.fatal == nil else { return }
                outcome.reject(
                    .failed(
                        rule: "R4.1",
                        reason: "\(InvoiceLabel(work.header.record)) was created in \(names.accounting) as "
                            + "\(made ?? "?"); moving it to \"\(received.name)\" in \(names.pm) failed: \(error)",
                        hint: "nothing is created again: the next run (or `brygga retry --record \(work.key)`) only "
                            + "moves it"),
                    entry: environment.entry(.failed, work, accountingID: made, rule: "R4.1"))
                return
            }
        } else {
            notes.append("would move it to \"\(received.name)\" in \(names.pm)")
        }
        outcome.transfers.append(transfer)
        outcome.resolved = true
        var entry =
            createdEntry
            ?? environment.entry(
                .updated, work, accountingID: made,
                reason: healing ? "the earlier status move had not happened" : nil, rule: "R4.1")
        entry.reason = ([entry.reason].compactMap { $0 } + notes).joined(separator: "; ")
        // The status may have numbered the invoice: the log names it as operators will look for it.
        entry.naturalKey = transfer.severaNumber ?? entry.naturalKey
        outcome.entries.append(entry)
    }

    /// Journals an intent of `operation` for this invoice (the pre-journalled one for a first create).
    func intent(
        _ operation: IntentOperation, targetID: String? = nil, into outcome: inout InvoiceOutcome
    ) async -> Int64? {
        if operation == .create, let intentID = work.intentID { return intentID }
        let intent = WriteIntent(
            runID: environment.runID, entity: .invoice, target: .accounting, operation: operation,
            naturalKey: work.severaID, sourceID: work.severaID, targetID: targetID, openedAt: environment.clock.now())
        do throws(StateStoreError) {
            return try environment.store.recordIntents([intent]).first?.id
        } catch {
            outcome.fatal = EngineFailure.stateStore(error)
            return nil
        }
    }

    /// Closes the pre-journalled create intent (nothing was sent).
    private func closeIntent(into outcome: inout InvoiceOutcome) {
        if let intentID = work.intentID { outcome.closedIntents.append(intentID) }
    }

    /// Records a connector failure of `doing` this invoice on `side` (or stops the run).
    func fail(_ error: ConnectorError, doing: String, side: SystemSide, into outcome: inout InvoiceOutcome) {
        outcome.reads.append((side, error))
        if let fatal = EngineFailure.fatal(error) {
            outcome.fatal = fatal
            return
        }
        closeIntent(into: &outcome)
        outcome.reject(
            .failed(
                rule: "O7", reason: "\(doing) \(InvoiceLabel(work.header.record)) failed: \(error)",
                hint: Failure.hint(for: error, system: names.name(of: side))),
            entry: environment.entry(.failed, work, rule: "O7"))
    }
}
