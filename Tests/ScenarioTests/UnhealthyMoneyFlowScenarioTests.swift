import FortnoxSandbox
import Sandbox
import SandboxKit
import SyncCore
import Testing

/// The money flows (R4–R6) against APIs that answer with something that is not theirs: the same rule as
/// the record flows (O7). A listing or settings read the run depends on stops it with 69; three record
/// reads in a row answered so stop it with 69; one among good answers is that record's failure.
@Suite("Unhealthy APIs stop the money flows too (O7)")
struct UnhealthyMoneyFlowScenarioTests {
    /// A bed with invoices, paid state and fees on and `count` invoices of one customer in the trigger
    /// status; returns the bed and the invoices' guids.
    static func bed(invoices count: Int, number: Int64) async throws -> (ScenarioBed, [String]) {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: true, fees: true)
        let parties = try bed.seedInvoiceParties(number: number)
        var guids: [String] = []
        for _ in 0..<count {
            guids.append(
                try bed.seedSeveraInvoice(
                    customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")]))
        }
        return (bed, guids)
    }

    @Test(
        "O7: a maintenance page or a cut body answering a request the money flows depend on exits 69 naming it",
        arguments: [
            ("GET /rest-api/v1/invoicestatuses: html200@1", "Severa GET /v1/invoicestatuses"),
            ("GET /rest-api/v1/invoices: html200@1", "Severa GET /v1/invoices"),
            ("GET /rest-api/v1/businessunits: truncated@1", "Severa GET /v1/businessunits"),
            ("GET /3/costcenters: truncated@1", "Fortnox GET /3/costcenters"),
            ("GET /3/supplierinvoices: html200@1", "Fortnox GET /3/supplierinvoices"),
            ("GET /3/invoices: wrong-type@1", "Fortnox GET /3/invoices"),
        ])
    func dependedOnRequest(spec: String, request: String) async throws {
        let (bed, guids) = try await Self.bed(invoices: 1, number: 6901)
        bed.sandbox.injectFaults(try FaultPlan.parse(spec))

        let result = await bed.run()

        #expect(result.exitCode == 69, "\(result.fatal?.message ?? "") \(result.entries.compactMap(\.reason))")
        #expect(result.fatal?.kind == .unhealthyAnswer)
        #expect(result.fatal?.message.hasPrefix(request) == true, "\(result.fatal?.message ?? "")")
        #expect(result.fatal?.message.contains("the answer is not the") == true)
        let created = try await bed.fortnoxInvoices(reference: guids[0]).count
        #expect(created <= 1, "never twice")
        #expect(try bed.store.pendingRetries(entity: .invoice).isEmpty, "an outage is not a record's failure")
    }

    @Test("O7: three invoice row reads in a row answered by a maintenance page exit 69; nothing is created")
    func threeInvoiceReadsInARow() async throws {
        let (bed, guids) = try await Self.bed(invoices: 3, number: 6902)
        bed.sandbox.injectFaults(
            try FaultPlan.parse("GET /rest-api/v1/invoices/*/invoicerows: html200@1, html200@2, html200@3"))

        let stopped = await bed.run()

        #expect(stopped.exitCode == 69, "\(stopped.entries.compactMap(\.reason))")
        #expect(stopped.fatal?.kind == .unhealthyAnswer)
        let message = stopped.fatal?.message ?? ""
        #expect(message.hasPrefix("Severa answered 3 record reads in a row with something that is not"), "\(message)")
        #expect(message.contains("invoicerows"), "\(message)")
        for guid in guids { #expect(try await bed.fortnoxInvoices(reference: guid).isEmpty) }

        let next = await bed.run()

        #expect(next.exitCode == 0, "\(next.entries.compactMap(\.reason))")
        for guid in guids {
            #expect(try await bed.fortnoxInvoices(reference: guid).count == 1)
            #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)
        }
    }

    @Test("O7: one invoice read answered by a maintenance page fails that invoice only (exit 1); the next run sends it")
    func oneInvoiceReadAmongGoodOnes() async throws {
        let (bed, guids) = try await Self.bed(invoices: 3, number: 6903)
        bed.sandbox.injectFaults(try FaultPlan.parse("GET /rest-api/v1/invoices/*/invoicerows: html200@2"))

        let result = await bed.run()

        #expect(result.fatal == nil, "\(result.fatal?.message ?? "")")
        #expect(result.exitCode == RunResult.partialFailureExitCode)
        let failed = try bed.log(of: result, .failed, entity: .invoice)
        #expect(failed.count == 1)
        #expect(failed.first?.reason?.contains("the answer is not the Severa API's: an HTML page") == true)
        #expect(try bed.log(of: result, .created, entity: .invoice).count == 2)
        #expect(try bed.store.pendingRetries(entity: .invoice).count == 1)

        let next = await bed.run()

        #expect(next.exitCode == 0, "\(next.entries.compactMap(\.reason))")
        for guid in guids { #expect(try await bed.fortnoxInvoices(reference: guid).count == 1) }
    }

    @Test("O7: three paid-state reads in a row answered by a cut body exit 69; the next run moves them to paid")
    func threePaidReadsInARow() async throws {
        let (bed, invoices) = try await PaidStateScenarioTests.transferred(3, number: 6904)
        for invoice in invoices { try await bed.pay(invoice.fortnox) }
        let cursor = try bed.store.cursor(side: .accounting, entity: .paidState)
        bed.sandbox.injectFaults(try FaultPlan.parse("GET /3/invoices/*: truncated@1, truncated@2, truncated@3"))

        let stopped = await bed.run()

        #expect(stopped.exitCode == 69, "\(stopped.entries.compactMap(\.reason))")
        let message = stopped.fatal?.message ?? ""
        #expect(message.hasPrefix("Fortnox answered 3 record reads in a row"), "\(message)")
        for invoice in invoices { #expect(try bed.severaInvoiceStatus(invoice.guid) == ScenarioBed.received) }
        #expect(try bed.store.cursor(side: .accounting, entity: .paidState) == cursor, "the listing is read again")

        let next = await bed.run()

        #expect(next.exitCode == 0, "\(next.entries.compactMap(\.reason))")
        for invoice in invoices { #expect(try bed.severaInvoiceStatus(invoice.guid) == ScenarioBed.paid) }
    }
}
