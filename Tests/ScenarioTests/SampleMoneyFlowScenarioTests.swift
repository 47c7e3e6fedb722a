import FortnoxConnector
import HTTPSupport
import JSONSupport
import Sandbox
import SeveraConnector
import SyncCore
import Testing

/// Every invoice and supplier invoice of the sample data through the real engine, with the outcome the
/// defect catalogue (``SampleDefect``) says: transferred, skipped, or failed naming the record and the
/// rule. A regression in any unusual or bad case shows here.
@Suite("The sample data's invoices and supplier invoices (R4, R5, O7)")
struct SampleMoneyFlowScenarioTests {
    @Test("R4, R5: each sample invoice and supplier invoice ends as the defect catalogue says; the good ones transfer")
    func everyCataloguedOutcome() async throws {
        let bed = try await ScenarioBed(units: [])
        let summary = try bed.sandbox.populate(with: SampleDataGenerator(seed: 5, size: .demo))
        bed.enableInvoices(paid: true, attachments: true, fees: true)

        let result = await bed.run()

        #expect(result.fatal == nil, "\(result.fatal?.message ?? "")")
        #expect(result.exitCode == RunResult.partialFailureExitCode)
        let entries = try bed.log(of: result)
        let invoiceDefects = summary.defects.filter { $0.entity == .invoice }
        let feeDefects = summary.defects.filter { $0.entity == .supplierInvoice }
        #expect(invoiceDefects.count >= 12 && feeDefects.count >= 5, "\(summary.defects.map(\.defect))")
        for record in invoiceDefects { try await expectInvoice(record, entries: entries, bed: bed) }
        for record in feeDefects { expectFees(record, entries: entries) }

        // The trigger queue now holds exactly the invoices the catalogue refuses: every other one was
        // transferred and moved on (an invoice leaves the queue only by its status move).
        let queue = try bed.severaUser(
            .get, "/v1/invoices?invoiceStatusGuids=\(try bed.statusID(ScenarioBed.trigger))&rowCount=100")
        let waiting = Set((queue.arrayValue ?? []).compactMap { $0["guid"]?.stringValue })
        let refused = Set(invoiceDefects.filter { $0.defect.expectation == .refused }.map(\.key))
        #expect(waiting == refused, "waiting: \(waiting.subtracting(refused)), moved: \(refused.subtracting(waiting))")
        let catalogued = Set(invoiceDefects.map { $0.key.lowercased() })
        let good = try bed.log(of: result, .created, entity: .invoice).filter {
            !catalogued.contains($0.pmID?.lowercased() ?? "")
        }
        #expect(good.count >= 3, "the sample's ordinary invoices are transferred too: \(good.count)")
    }

    /// What the catalogue says about invoice `record` (its key is the Severa guid), against the run's log.
    private func expectInvoice(_ record: SampleDefectRecord, entries: [TransferLogEntry], bed: ScenarioBed)
        async throws
    {
        let about = entries.filter { $0.entity == .invoice && $0.pmID?.lowercased() == record.key.lowercased() }
        let failures = about.filter { $0.action == .failed }
        let fortnox = try await bed.fortnoxInvoices(reference: record.key)
        switch record.defect.expectation {
        case .refused:
            #expect(failures.contains { $0.rule == record.defect.rule }, "\(record): \(about.map(\.reason))")
            let name = record.name.isEmpty ? record.key : record.name
            #expect(failures.allSatisfy { $0.reason?.contains(name) == true }, "\(record): \(failures.map(\.reason))")
            #expect(fortnox.isEmpty, "\(record) reached Fortnox")
        case .accepted:
            #expect(failures.isEmpty, "\(record): \(failures.compactMap(\.reason))")
            let created = about.filter { $0.action == .created }
            #expect(created.count == 1, "\(record): \(about.map(\.action))")
            #expect(created.first?.reason?.contains("moved to \"\(ScenarioBed.received)\"") == true, "\(record)")
            switch record.defect {
            case .fullCreditNote:
                let done = created.first?.reason ?? ""
                #expect(
                    done.contains("credited Fortnox invoice") || done.contains("cancelled Fortnox invoice"), "\(done)")
            case .invoiceDimensionsWithoutFortnoxCostCenter:
                #expect(created.first?.reason?.contains("left empty") == true, "\(created.first?.reason ?? "")")
            case .invoiceAttachments:
                let skipped = about.filter { $0.action == .skipped && $0.rule == "R4.3" }
                #expect(skipped.count >= 3, "the PNG, the XLSX and the internal PDF: \(skipped.map(\.reason))")
                #expect(fortnox.count == 1)
            default:
                #expect(fortnox.count == 1, "\(record): \(fortnox.count) Fortnox invoices")
            }
        case .skipped, .conflict:
            Issue.record("the catalogue has no skipped or conflicting invoice: \(record)")
        }
    }

    /// What the catalogue says about supplier invoice `record` (its key is the `GivenNumber`): its rows'
    /// fee entries.
    private func expectFees(_ record: SampleDefectRecord, entries: [TransferLogEntry]) {
        let prefix = "supplierinvoice/\(record.key)/"
        let about = entries.filter { entry in
            entry.entity == .projectFee
                && [entry.accountingID, entry.naturalKey].contains { $0?.contains(prefix) == true }
        }
        let failures = about.filter { $0.action == .failed }
        switch record.defect.expectation {
        case .refused:
            #expect(failures.contains { $0.rule == record.defect.rule }, "\(record): \(about.map(\.reason))")
            #expect(!about.contains { $0.action == .created }, "\(record)")
        case .skipped:
            #expect(about.contains { $0.action == .skipped && $0.rule == record.defect.rule }, "\(record)")
            #expect(failures.isEmpty, "\(record): \(failures.compactMap(\.reason))")
        case .accepted:
            #expect(failures.isEmpty, "\(record): \(failures.compactMap(\.reason))")
            #expect(about.contains { $0.action == .created }, "\(record): \(about.map(\.action))")
        case .conflict:
            Issue.record("the catalogue has no conflicting supplier invoice: \(record)")
        }
    }
}
