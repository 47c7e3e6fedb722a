import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Invoices to Fortnox (R4.1, R4.2)")
struct InvoiceScenarioTests {
    @Test("R4.1: an invoice in the trigger status goes to Fortnox once and moves to the received status")
    func triggerToReceived() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: 4101)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])
        let draft = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, status: "Draft", rows: [SeveraInvoiceRow(code: "100")]
        )

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)
        #expect(try bed.severaInvoiceStatus(draft) == "Draft")
        #expect(try await bed.fortnoxInvoices(reference: draft).isEmpty)
        let created = try #require(try bed.log(of: result, .created, entity: .invoice).first)
        #expect(created.pmID == guid && created.rule == "R4.2")
        #expect(created.reason?.contains("moved to \"Transferred\"") == true)

        let again = await bed.run()
        #expect(again.exitCode == 0)
        #expect(try await bed.fortnoxInvoices(reference: guid).count == 1)
        #expect(!bed.fortnoxTraffic.writes.contains { $0.path == "/3/invoices" })
    }

    @Test("R4.1: a trigger status Severa does not have stops the run before any flow, naming the statuses")
    func unknownTriggerStatusStopsTheRun() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false) { $0.triggerStatus = "Överför till Fortnox" }
        try bed.seedSeveraCustomer(4102, "Före Flöden AB")

        let result = await bed.run()

        #expect(result.exitCode == 78)
        #expect(result.fatal?.kind == .configuration)
        #expect(result.fatal?.message.contains("invoices.triggerStatus") == true)
        let failed = try #require(try bed.log(of: result, .failed, entity: .invoice).first)
        #expect(failed.rule == "R4.1")
        #expect(failed.reason?.contains("\"Ready for transfer\"") == true, "it names the statuses that exist")
        #expect(bed.fortnoxCount(.customers) == 0, "no flow ran")
    }

    @Test("R4.1: an inactive received status stops the run; a missing paid status only turns R6 off")
    func inactiveReceivedAndMissingPaid() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: true) { $0.paidStatus = "Betald" }
        let parties = try bed.seedInvoiceParties(number: 4103)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])

        let withoutPaid = await bed.run()

        #expect(withoutPaid.exitCode == 0)
        let skipped = try #require(try bed.log(of: withoutPaid, .skipped, entity: .invoice).first)
        #expect(skipped.rule == "R4.1" && skipped.reason?.contains("R6 off") == true)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)

        try bed.editSevera("invoicestatuses/\(try bed.statusID(ScenarioBed.received))", ["isActive": false])
        let stopped = await bed.run()
        #expect(stopped.exitCode == 78)
        #expect(stopped.fatal?.message.contains("inactive") == true)
    }

    @Test(
        "R4.2: customer, project and products go first in the same run; rows carry article, quantity, price, VAT and text"
    )
    func dependenciesFirstAndRowsMapped() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: 4201, products: ["100", "200"])
        let billed = try bed.seedSeveraCustomer(4202, "Fakturamottagare AB")
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project,
            rows: [
                SeveraInvoiceRow(code: "100", description: "Konsulttimmar januari", quantity: "12.5", price: "950"),
                SeveraInvoiceRow(code: "200", description: "Licens", quantity: "1", price: "120.50", vat: 12),
            ],
            extra: ["billingCustomer": ["guid": .string(billed)], "orderNumber": "PO-42"])

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        let customer = try #require(try bed.log(of: result, .created, entity: .customer, key: "4201").first)
        let invoice = try #require(try bed.log(of: result, .created, entity: .invoice).first)
        #expect(customer.sequence < invoice.sequence)
        let sent = try await bed.fortnoxInvoice(of: guid)
        #expect(sent["CustomerNumber"] == "4202", "decision 1: the billing customer")
        #expect(sent["Project"] == "4201")
        #expect(sent["ExternalInvoiceReference1"]?.stringValue == guid)
        #expect(sent["YourOrderNumber"] == "PO-42")
        let rows = try #require(sent["InvoiceRows"]?.arrayValue)
        #expect(rows.map { $0["ArticleNumber"]?.stringValue } == ["100", "200"])
        #expect(rows.map { $0["Description"]?.stringValue } == ["Konsulttimmar januari", "Licens"])
        #expect(rows.map { $0["DeliveredQuantity"]?.stringValue } == ["12.5", "1"])
        #expect(rows.map { $0["VAT"]?.numberValue?.decimal } == [25, 12])
        #expect(rows.map { $0["Price"]?.numberValue?.decimal } == [950, Decimal(string: "120.5")])
    }

    @Test("R4.2: an invoice naming an unknown product fails naming the row, and goes once the product exists")
    func unknownProductFailsThenGoes() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: 4203)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project,
            rows: [SeveraInvoiceRow(code: "100"), SeveraInvoiceRow(code: "999")])

        let held = await bed.run()

        #expect(held.exitCode == RunResult.partialFailureExitCode)
        let failed = try #require(try bed.log(of: held, .failed, entity: .invoice).first)
        #expect(failed.rule == "R4.2")
        #expect(failed.reason?.contains("row 2 names product 999") == true)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.trigger)
        #expect(try await bed.fortnoxInvoices(reference: guid).isEmpty)
        #expect(try bed.store.pendingRetries(entity: .invoice).map(\.sourceID) == [guid])

        try bed.seedSeveraProduct(code: "999", name: "Ny vara", unit: "st", price: "10")
        let fixed = await bed.run()

        #expect(fixed.exitCode == 0, "\(fixed.entries.compactMap(\.reason))")
        #expect(try await bed.fortnoxInvoices(reference: guid).count == 1)
        #expect(try bed.store.pendingRetries(entity: .invoice).isEmpty)
    }

    @Test("R4.2: a quantity more exact than two decimals, or a priced row without product or account, fails")
    func roundingAndAccountlessRowsFail() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: 4204)
        let precise = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project,
            rows: [SeveraInvoiceRow(code: "100", quantity: "1.125")], extra: ["number": 70001])
        let accountless = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project,
            rows: [SeveraInvoiceRow(code: nil, description: "Fri rad", salesAccount: nil)])
        let freeRow = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project,
            rows: [SeveraInvoiceRow(code: nil, description: "Fri rad med konto", salesAccount: "3041")])

        let result = await bed.run()

        let reasons = try bed.log(of: result, .failed, entity: .invoice).compactMap(\.reason).joined(separator: "\n")
        #expect(reasons.contains("quantity 1.125"))
        #expect(reasons.contains("neither a product nor a sales account"))
        #expect(try await bed.fortnoxInvoices(reference: precise).isEmpty)
        #expect(try await bed.fortnoxInvoices(reference: accountless).isEmpty)
        let sent = try await bed.fortnoxInvoice(of: freeRow)
        #expect(sent["InvoiceRows"]?.arrayValue?.first?["AccountNumber"]?.numberValue?.int64 == 3041, "decision 6")

        let row = try #require(try bed.severaUser(.get, "/v1/invoices/\(precise)/invoicerows").arrayValue?.first)
        try bed.editSevera(
            "invoicerows/\(try #require(row["guid"]?.stringValue))", ["quantity": try ScenarioBed.number("1.13")])
        let retried = await bed.run { await $0.retryFailed(recordID: "70001") }
        #expect(
            try bed.log(of: retried, .created, entity: .invoice).map(\.naturalKey) == ["70001"], "O6: by its number")
        #expect(try await bed.fortnoxInvoices(reference: precise).count == 1)
    }

    @Test("R4.2: an invoice of a customer that cannot be transferred waits, naming the customer")
    func unlinkedCustomerWaits() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false)
        let customer = try bed.seedSeveraCustomer(4205, "Utan Moms AB", vat: nil)
        try bed.seedSeveraProduct(code: "100", name: "Vara", unit: "st", price: "1")
        let guid = try bed.seedSeveraInvoice(customer: customer, project: nil, rows: [SeveraInvoiceRow(code: "100")])

        let result = await bed.run()

        let failed = try #require(try bed.log(of: result, .failed, entity: .invoice).first)
        #expect(failed.reason?.contains("customer 4205 is not in Fortnox yet") == true)
        #expect(failed.hint?.contains("brygga log --record 4205") == true)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.trigger)
    }
}
