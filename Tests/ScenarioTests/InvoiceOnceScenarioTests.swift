import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Invoices are never created twice (R4.4)")
struct InvoiceOnceScenarioTests {
    /// A bed with the invoice flow on and one invoice in the trigger status; returns its guid.
    static func bedWithInvoice(faults: String? = nil, number: Int64) async throws -> (ScenarioBed, String) {
        let bed = try await ScenarioBed(faults: faults)
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: number)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])
        return (bed, guid)
    }

    @Test("R4.4: a create whose answer was lost is found by its reference and adopted, not created again")
    func lostCreateAnswer() async throws {
        let (bed, guid) = try await Self.bedWithInvoice(faults: "POST /3/invoices: lost-response@1", number: 4401)

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(try await bed.fortnoxInvoices(reference: guid).count == 1)
        let created = try #require(try bed.log(of: result, .created, entity: .invoice).first)
        #expect(created.reason?.contains("its answer was lost") == true)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)
        #expect(try bed.store.openIntents().isEmpty)
    }

    @Test("R4.4: a crash between the create and its commit is resumed by the next process: adopted, one invoice")
    func crashBetweenCreateAndCommit() async throws {
        let (bed, second) = try await Self.bedWithInvoice(number: 4402)
        bed.configuration.enabledFlows.remove(.invoice)
        #expect(await bed.run().exitCode == 0, "the master data goes first")
        bed.configuration.enabledFlows.insert(.invoice)
        let crashing = CrashingStateStore(wrapping: bed.store)

        let crashed = await bed.run { _ in await bed.engine(store: crashing).run() }

        #expect(crashing.hasCrashed && crashed.fatal?.kind == .stateStore)
        #expect(try await bed.fortnoxInvoices(reference: second).count == 1, "the create reached Fortnox")
        try bed.reopenStore()
        let resumed = await bed.run()

        #expect(resumed.exitCode == 0 || resumed.exitCode == 1, "\(resumed.entries.compactMap(\.reason))")
        #expect(try await bed.fortnoxInvoices(reference: second).count == 1)
        #expect(!bed.fortnoxTraffic.writes.contains { $0.path == "/3/invoices" && $0.method == .post })
        let adopted = try #require(try bed.log(of: resumed, .linked, entity: .invoice).first { $0.pmID == second })
        #expect(adopted.rule == "O3")
        #expect(try bed.severaInvoiceStatus(second) == ScenarioBed.received)
        #expect(try bed.store.openIntents().isEmpty)
    }

    @Test("R4.4: when the status move fails after the create, the next run moves it without a create")
    func statusMoveFailsAfterCreate() async throws {
        let (bed, guid) = try await Self.bedWithInvoice(faults: "PATCH /rest-api/v1/invoices/*: drop@1", number: 4404)

        let first = await bed.run()

        #expect(first.exitCode == RunResult.partialFailureExitCode)
        let failed = try #require(try bed.log(of: first, .failed, entity: .invoice).first)
        #expect(failed.rule == "R4.1")
        #expect(failed.reason?.contains("was created in Fortnox as") == true)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.trigger)
        #expect(try await bed.fortnoxInvoices(reference: guid).count == 1)

        let second = await bed.run()

        #expect(second.exitCode == 0, "\(second.entries.compactMap(\.reason))")
        #expect(!bed.fortnoxTraffic.writes.contains { $0.path == "/3/invoices" })
        #expect(try await bed.fortnoxInvoices(reference: guid).count == 1)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)
        let moved = try #require(try bed.log(of: second, .updated, entity: .invoice).first)
        #expect(moved.reason?.contains("the earlier status move had not happened") == true)
        #expect(try bed.store.pendingRetries(entity: .invoice).isEmpty)
    }

    @Test(
        "R4.4: a pending status move is not made when the Fortnox invoice was cancelled meanwhile; nothing is created"
    )
    func pendingMoveOfACancelledInvoice() async throws {
        let (bed, guid) = try await Self.bedWithInvoice(faults: "PATCH /rest-api/v1/invoices/*: drop@1", number: 4407)
        #expect(await bed.run().exitCode == RunResult.partialFailureExitCode, "the status move is dropped")
        let number = try #require(try await bed.fortnoxInvoice(of: guid)["DocumentNumber"]?.stringValue)
        try await bed.cancel(number)

        let held = await bed.run()

        #expect(held.exitCode == RunResult.partialFailureExitCode, "\(held.entries.compactMap(\.reason))")
        #expect(!bed.fortnoxTraffic.writes.contains { $0.path == "/3/invoices" && $0.method == .post })
        #expect(!bed.severaTraffic.writes.contains { $0.method == .patch }, "not moved")
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.trigger)
        let failed = try #require(try bed.log(of: held, .failed, entity: .invoice).first)
        #expect(failed.rule == "R4.4")
        #expect(failed.accountingID == number)
        #expect(failed.reason?.contains("Fortnox invoice \(number) was cancelled") == true, "\(failed.reason ?? "")")
        #expect(failed.reason?.contains("neither moved nor sent again") == true)
        #expect(failed.hint?.contains("move it out of \"\(ScenarioBed.trigger)\"") == true)
        #expect(try bed.store.pendingRetries(entity: .invoice).map(\.sourceID) == [guid])

        // What the hint says: out of the trigger status, one run, back in → sent again as generation 2.
        try bed.moveSeveraInvoice(guid, to: "Draft")
        #expect(await bed.run().exitCode == 0)
        try bed.moveSeveraInvoice(guid, to: ScenarioBed.trigger)
        let resent = await bed.run()

        #expect(resent.exitCode == 0, "\(resent.entries.compactMap(\.reason))")
        #expect(try bed.store.invoiceTransfers(severaIDs: [guid])[guid]?.generation == 2)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)
    }

    @Test("R4.4: a pending status move is not made when the Fortnox invoice was credited meanwhile")
    func pendingMoveOfACreditedInvoice() async throws {
        let (bed, guid) = try await Self.bedWithInvoice(faults: "PATCH /rest-api/v1/invoices/*: drop@1", number: 4408)
        #expect(await bed.run().exitCode == RunResult.partialFailureExitCode, "the status move is dropped")
        let number = try #require(try await bed.fortnoxInvoice(of: guid)["DocumentNumber"]?.stringValue)
        try await bed.bookkeep(number)
        let credit = try await bed.credit(number)

        let held = await bed.run()

        #expect(held.exitCode == RunResult.partialFailureExitCode, "\(held.entries.compactMap(\.reason))")
        #expect(bed.writes.isEmpty, "\(bed.writes)")
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.trigger)
        let failed = try #require(try bed.log(of: held, .failed, entity: .invoice).first)
        #expect(failed.rule == "R4.4")
        #expect(failed.reason?.contains("Fortnox invoice \(number) was credited by \(credit)") == true)
    }

    @Test(
        "R4.4: moved back to the trigger status without a credit fails; after the credit it goes again and the log names the old one"
    )
    func resendNeedsACredit() async throws {
        let (bed, guid) = try await Self.bedWithInvoice(number: 4405)
        #expect(await bed.run().exitCode == 0)
        let original = try #require(try await bed.fortnoxInvoice(of: guid)["DocumentNumber"]?.stringValue)
        try bed.moveSeveraInvoice(guid, to: ScenarioBed.trigger)

        let refused = await bed.run()

        #expect(refused.exitCode == RunResult.partialFailureExitCode)
        let failed = try #require(try bed.log(of: refused, .failed, entity: .invoice).first)
        #expect(failed.rule == "R4.4")
        #expect(failed.reason?.contains("already in Fortnox as \(original)") == true)
        #expect(failed.hint?.contains("credit or cancel \(original)") == true)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.trigger)

        try await bed.bookkeep(original)
        try await bed.credit(original)
        let resent = await bed.run()

        #expect(resent.exitCode == 0, "\(resent.entries.compactMap(\.reason))")
        let created = try #require(try bed.log(of: resent, .created, entity: .invoice).first)
        #expect(created.rule == "R4.4")
        #expect(created.reason?.contains("generation 2") == true)
        #expect(created.reason?.contains("replaces \(original)") == true)
        #expect(created.accountingID != original)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)
        #expect(try bed.store.invoiceTransfers(severaIDs: [guid])[guid]?.generation == 2)
    }

    @Test("R4.4: a dry run plans every invoice and writes nothing anywhere")
    func dryRunWritesNothing() async throws {
        let (bed, guid) = try await Self.bedWithInvoice(number: 4406)

        let plan = await bed.run { await $0.run(dryRun: true) }

        #expect(plan.exitCode == 0, "\(plan.entries.compactMap(\.reason))")
        #expect(bed.writes.isEmpty, "\(bed.writes)")
        let planned = try bed.log(of: plan, .planned, entity: .invoice)
        #expect(planned.count == 1)
        #expect(planned.first?.reason?.contains("would create") == true)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.trigger)
        #expect(try bed.store.invoiceTransfers(severaIDs: [guid]).isEmpty)
        #expect(try bed.store.openIntents().isEmpty)
    }
}
