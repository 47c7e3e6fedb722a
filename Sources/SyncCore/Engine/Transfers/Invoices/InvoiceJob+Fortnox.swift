import JSONSupport

/// What came of a write to Fortnox whose answer may be lost.
enum FortnoxWriteResult<Value: Sendable>: Sendable {
    /// It took effect; `adopted` when the answer was lost and the result was found afterwards (R4.4).
    case success(Value, adopted: Bool)
    /// It did not take effect, or it cannot be known yet (`keepsIntent`: the next run looks first).
    case failure(RuleViolation, keepsIntent: Bool)
    /// The run must stop (the intent stays open).
    case fatal(EngineFailure)
}

extension InvoiceJob {
    /// Creates `invoice` in Fortnox; a lost answer is looked up by our reference before anything else.
    func send(_ invoice: Invoice) async -> FortnoxWriteResult<RemoteRecord<Invoice>> {
        let accounting = environment.accounting
        let label = InvoiceLabel(work.header.record)
        do throws(ConnectorError) {
            return .success(try await accounting.createInvoice(invoice), adopted: false)
        } catch  where error.kind == .outcomeUnknown {
            do throws(ConnectorError) {
                if let found = try await accounting.findInvoice(externalReference: invoice.externalReference) {
                    return .success(found, adopted: true)
                }
                return .failure(
                    .failed(
                        rule: "R4.4",
                        reason: "creating \(label) in \(environment.names.accounting) got no answer (\(error)) and "
                            + "it was not found afterwards, so it was not created",
                        hint: "nothing to do: it is sent again next run"), keepsIntent: false)
            } catch let lookup {
                if let fatal = EngineFailure.fatal(lookup) { return .fatal(fatal) }
                return .failure(
                    .failed(
                        rule: "R4.4",
                        reason: "creating \(label) got no answer and looking it up failed (\(lookup)); it is not "
                            + "created again until the lookup succeeds",
                        hint: "nothing to do: the next run looks it up first"), keepsIntent: true)
            }
        } catch {
            if let fatal = EngineFailure.fatal(error) { return .fatal(fatal) }
            return .failure(
                .failed(
                    rule: error.kind == .invalidRecord ? "R4.2" : "O7",
                    reason: "creating \(label) in \(environment.names.accounting) failed: \(error)",
                    hint: Failure.hint(for: error, system: environment.names.accounting)), keepsIntent: false)
        }
    }

    /// Carries out a full credit note in Fortnox (decision 3), then moves it on in Severa.
    func creditNote(generation: Int, previous: InvoiceTransfer?, into outcome: inout InvoiceOutcome) async {
        let note = work.header.record
        var fortnox: AccountingInvoice?
        if let number = work.originalTransfer?.fortnoxNumber {
            do throws(ConnectorError) {
                fortnox = try await environment.accounting.invoice(documentNumber: number)
                outcome.reads.append((.accounting, nil))
            } catch {
                fail(error, doing: "reading Fortnox invoice \(number) credited by", side: .accounting, into: &outcome)
                return
            }
        }
        let plan = CreditNotePlan.plan(
            note, original: work.originalTransfer, originalInvoice: work.originalInvoice, fortnox: fortnox,
            received: environment.statuses.received.name)
        if case .refused(let violation) = plan {
            outcome.reject(violation, entry: environment.entry(.failed, work, rule: violation.rule))
            return
        }
        let now = environment.clock.now()
        var transfer = InvoiceTransfer(
            severaID: work.severaID, generation: generation, severaNumber: note.number, kind: .credit,
            fortnoxNumber: nil, stage: .created, createdAt: now)
        var notes: [String]
        switch plan {
        case .alreadyCredited(let number, let creditNumber):
            transfer.fortnoxNumber = creditNumber
            transfer.creditedNumber = number
            notes = ["Fortnox invoice \(number) was already credited by \(creditNumber); nothing more to do there"]
        case .alreadyCancelled(let number):
            transfer.kind = .cancel
            transfer.creditedNumber = number
            notes = ["Fortnox invoice \(number) was already cancelled; nothing more to do there"]
        case .credit(let number), .cancel(let number):
            let crediting: Bool
            if case .credit = plan { crediting = true } else { crediting = false }
            transfer.creditedNumber = number
            if environment.isDryRun {
                notes = [
                    crediting ? "would credit Fortnox invoice \(number)" : "would cancel Fortnox invoice \(number)"
                ]
                break
            }
            guard let intentID = await intent(crediting ? .credit : .cancel, targetID: number, into: &outcome) else {
                return
            }
            switch await act(crediting: crediting, on: number) {
            case .success(let creditNumber, let adopted):
                outcome.closedIntents.append(intentID)
                transfer.kind = crediting ? .credit : .cancel
                transfer.fortnoxNumber = creditNumber
                notes = [
                    crediting
                        ? "credited Fortnox invoice \(number) (booked) with credit invoice \(creditNumber ?? "?")"
                        : "cancelled Fortnox invoice \(number) (not booked)"
                ]
                if adopted { notes.append("the answer was lost; the result was found in Fortnox") }
            case .failure(let violation, let keepsIntent):
                if !keepsIntent { outcome.closedIntents.append(intentID) }
                outcome.reject(violation, entry: environment.entry(.failed, work, accountingID: number, rule: "R4.4"))
                return
            case .fatal(let failure):
                outcome.fatal = failure
                return
            }
        case .refused:
            return
        }
        if var previous {
            previous.supersededAt = now
            outcome.transfers.append(previous)
        }
        if let creditNumber = transfer.fortnoxNumber, !environment.isDryRun {
            outcome.link = RecordLink(
                entity: .invoice, pmID: work.severaID, accountingID: creditNumber, naturalKey: work.severaID,
                pmSnapshot: note.canonicalJSON, accountingSnapshot: .object([:]), pmVersion: work.header.version,
                syncedAt: now)
        }
        let entry = environment.entry(
            .created, work, accountingID: transfer.fortnoxNumber ?? transfer.creditedNumber, rule: "R4.4")
        await moveStatus(transfer, healing: false, notes: notes, createdEntry: entry, into: &outcome)
    }

    /// Credits or cancels invoice `number`; a lost answer is settled by reading the invoice again.
    private func act(crediting: Bool, on number: String) async -> FortnoxWriteResult<String?> {
        let accounting = environment.accounting
        let what = crediting ? "crediting" : "cancelling"
        do throws(ConnectorError) {
            if crediting { return .success(try await accounting.creditInvoice(documentNumber: number), adopted: false) }
            try await accounting.cancelInvoice(documentNumber: number)
            return .success(nil, adopted: false)
        } catch  where error.kind == .outcomeUnknown {
            do throws(ConnectorError) {
                let state = try await accounting.invoice(documentNumber: number)
                if crediting, let credit = state?.creditedBy { return .success(credit, adopted: true) }
                if !crediting, state?.isCancelled == true { return .success(nil, adopted: true) }
                return .failure(
                    .failed(
                        rule: "R4.4",
                        reason: "\(what) Fortnox invoice \(number) got no answer (\(error)) and it did "
                            + "not happen", hint: "nothing to do: it is tried again next run"), keepsIntent: false)
            } catch let lookup {
                if let fatal = EngineFailure.fatal(lookup) { return .fatal(fatal) }
                return .failure(
                    .failed(
                        rule: "R4.4",
                        reason: "\(what) Fortnox invoice \(number) got no answer and reading it failed (\(lookup))",
                        hint: "nothing to do: the next run reads it first"), keepsIntent: true)
            }
        } catch {
            if let fatal = EngineFailure.fatal(error) { return .fatal(fatal) }
            return .failure(
                .failed(
                    rule: "R4.4", reason: "\(what) Fortnox invoice \(number) failed: \(error)",
                    hint: Failure.hint(for: error, system: environment.names.accounting)), keepsIntent: false)
        }
    }
}

/// After a create, Fortnox's totals are compared with Severa's; a difference is noted ("check invoice
/// N"), never a reason to create the invoice again (MONEY-FLOWS §2.1).
enum InvoiceTotalsCheck {
    /// The notes for differences between `severa` and `fortnox` totals of Fortnox invoice `number`.
    static func notes(severa: InvoiceTotals?, fortnox: InvoiceTotals?, number: String) -> [String] {
        guard let severa, let fortnox, severa.total.currency == fortnox.total.currency else { return [] }
        let roundOff = fortnox.roundOff?.minorUnits ?? 0
        var differences: [String] = []
        if severa.net != fortnox.net { differences.append("net \(severa.net) in Severa, \(fortnox.net) in Fortnox") }
        if severa.vat != fortnox.vat { differences.append("VAT \(severa.vat) in Severa, \(fortnox.vat) in Fortnox") }
        if abs(severa.total.minorUnits - fortnox.total.minorUnits) > abs(roundOff) {
            differences.append("total \(severa.total) in Severa, \(fortnox.total) in Fortnox")
        }
        guard !differences.isEmpty else { return [] }
        return ["WARNING the totals differ (\(differences.joined(separator: ", "))); check Fortnox invoice \(number)"]
    }
}
