import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Paid state back to Severa (R6)")
struct PaidStateScenarioTests {
    /// A bed with invoices and paid state on, and `count` invoices transferred and booked; returns their
    /// Severa guids and Fortnox numbers.
    static func transferred(_ count: Int, number: Int64) async throws -> (
        ScenarioBed, [(guid: String, fortnox: String)]
    ) {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: true)
        let parties = try bed.seedInvoiceParties(number: number)
        var guids: [String] = []
        for _ in 0..<count {
            guids.append(
                try bed.seedSeveraInvoice(
                    customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")]))
        }
        let first = await bed.run()
        #expect(first.exitCode == 0, "\(first.entries.compactMap(\.reason))")
        var invoices: [(guid: String, fortnox: String)] = []
        for guid in guids {
            let number = try #require(try await bed.fortnoxInvoice(of: guid)["DocumentNumber"]?.stringValue)
            try await bed.bookkeep(number)
            invoices.append((guid, number))
        }
        return (bed, invoices)
    }

    @Test("R6.1: a fully paid invoice moves to the paid status; a partial payment and a credit never count as paid")
    func fullyPaidOnly() async throws {
        let (bed, invoices) = try await Self.transferred(3, number: 6101)
        let (paid, partial, credited) = (invoices[0], invoices[1], invoices[2])
        try await bed.pay(paid.fortnox, on: "2026-02-03")
        try await bed.pay(partial.fortnox, amount: "100", on: "2026-02-03")
        try await bed.credit(credited.fortnox)

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(try bed.severaInvoiceStatus(paid.guid) == ScenarioBed.paid)
        #expect(try bed.severaInvoiceStatus(partial.guid) == ScenarioBed.received)
        #expect(try bed.severaInvoiceStatus(credited.guid) == ScenarioBed.received)
        let moved = try bed.log(of: result, .updated, entity: .paidState)
        #expect(moved.count == 1)
        #expect(moved.first?.rule == "R6.1" && moved.first?.reason?.contains("paid on 2026-02-03") == true)

        let again = await bed.run()
        #expect(try bed.log(of: again, entity: .paidState).isEmpty, "nothing twice, also over the cursor's overlap")
        #expect(bed.severaTraffic.writes.isEmpty, "\(bed.severaTraffic.writes)")
    }

    @Test("R6.1: an overpaid invoice counts as paid, with a note; a cancelled one never does")
    func overpaidAndCancelled() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: true)
        let parties = try bed.seedInvoiceParties(number: 6102)
        let overpaid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])
        let cancelled = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])
        #expect(await bed.run().exitCode == 0)
        let overpaidNumber = try #require(try await bed.fortnoxInvoice(of: overpaid)["DocumentNumber"]?.stringValue)
        let cancelledNumber = try #require(
            try await bed.fortnoxInvoice(of: cancelled)["DocumentNumber"]?.stringValue)
        try await bed.bookkeep(overpaidNumber)
        try await bed.pay(overpaidNumber, amount: "3000", on: "2026-02-04")  // the invoice is 2 375 SEK
        try await bed.cancel(cancelledNumber)

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(try bed.severaInvoiceStatus(overpaid) == ScenarioBed.paid)
        #expect(try bed.severaInvoiceStatus(cancelled) == ScenarioBed.received)
        let moved = try bed.log(of: result, .updated, entity: .paidState)
        #expect(moved.map(\.accountingID) == [overpaidNumber])
        #expect(moved.first?.reason?.contains("paid on 2026-02-04 (overpaid") == true, "\(moved)")
    }

    @Test("R6.1: an invoice Fortnox reports settled without FinalPayDate is paid on its latest payment's date")
    func paymentDateStandsInForFinalPayDate() async throws {
        let (bed, invoices) = try await Self.transferred(1, number: 6103)
        let invoice = invoices[0]
        try await bed.pay(invoice.fortnox, amount: "1000", on: "2026-02-02")
        try await bed.pay(invoice.fortnox, amount: "1375", on: "2026-02-09")
        try bed.dropFinalPayDate(invoice.fortnox)
        #expect(try await bed.fortnoxInvoice(of: invoice.guid)["FinalPayDate"]?.stringValue == nil)

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(try bed.severaInvoiceStatus(invoice.guid) == ScenarioBed.paid)
        let moved = try #require(try bed.log(of: result, .updated, entity: .paidState).first)
        #expect(moved.reason?.contains("paid on 2026-02-09") == true, "\(moved.reason ?? "")")
    }

    @Test("R6.1: turning the paid state on lists only invoices changed since the oldest unpaid transfer")
    func firstCheckIsBounded() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: 6104)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])
        #expect(await bed.run().exitCode == 0)  // 2026-01-01, 01:0x in Stockholm
        let number = try #require(try await bed.fortnoxInvoice(of: guid)["DocumentNumber"]?.stringValue)
        try await bed.bookkeep(number)
        bed.clock.advance(by: 40 * 86_400)
        try await bed.pay(number, on: "2026-02-09")
        bed.enableInvoices(paid: true)

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.paid)
        let listings = bed.fortnoxTraffic.requests.filter {
            $0.path == "/3/invoices" && $0.query?.contains("filter=fullypaid") == true
        }
        #expect(!listings.isEmpty)
        for listing in listings {
            let query = (listing.query ?? "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            #expect(query.contains("lastmodified=2026-01-01 0"), "\(query)")
        }
    }

    @Test("R6.2: an invoice someone moved on by hand is not set paid; the skip names the status, once")
    func manualStepIsLeftAlone() async throws {
        let (bed, invoices) = try await Self.transferred(1, number: 6201)
        let invoice = invoices[0]
        try bed.moveSeveraInvoice(invoice.guid, to: "Error")
        try await bed.pay(invoice.fortnox)

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try bed.severaInvoiceStatus(invoice.guid) == "Error")
        let skipped = try #require(try bed.log(of: result, .skipped, entity: .paidState).first)
        #expect(skipped.rule == "R6.2")
        #expect(skipped.reason?.contains("is in \"Error\", not \"Transferred\"") == true)
        try await bed.pay(invoice.fortnox, amount: "0.01")  // touches the invoice again in Fortnox
        let again = await bed.run()
        #expect(try bed.log(of: again, .skipped, entity: .paidState).isEmpty, "logged once")
    }

    @Test("R6.1: without a paid status the paid state is not touched")
    func offWithoutPaidStatus() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: 6301)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])
        #expect(await bed.run().exitCode == 0)
        let number = try #require(try await bed.fortnoxInvoice(of: guid)["DocumentNumber"]?.stringValue)
        try await bed.bookkeep(number)
        try await bed.pay(number)

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)
        #expect(try bed.log(of: result, entity: .paidState).isEmpty)
    }

    @Test("R6.1: a dry run plans the paid status and moves nothing")
    func dryRunPlansThePaidState() async throws {
        let (bed, invoices) = try await Self.transferred(1, number: 6401)
        try await bed.pay(invoices[0].fortnox)

        let plan = await bed.run { await $0.run(dryRun: true) }

        #expect(try bed.log(of: plan, .planned, entity: .paidState).first?.reason?.contains("moved from") == true)
        #expect(bed.severaTraffic.writes.isEmpty)
        #expect(try bed.severaInvoiceStatus(invoices[0].guid) == ScenarioBed.received)
        #expect(await bed.run().exitCode == 0)
        #expect(try bed.severaInvoiceStatus(invoices[0].guid) == ScenarioBed.paid)
    }
}
