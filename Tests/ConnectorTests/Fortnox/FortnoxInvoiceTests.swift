import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Fortnox connector: customer invoices and paid state (R4, R6)")
struct FortnoxInvoiceTests {
    static func seedMasterData(_ bed: FortnoxTestbed) throws {
        try bed.seed(.units, ["Code": "h", "Description": "Timme"])
        try bed.seed(.articles, ["ArticleNumber": "A1", "Description": "Konsulttimme", "Unit": "h", "VAT": 25])
        try bed.seed(.customers, ["CustomerNumber": "1", "Name": "Acme AB"])
        try bed.seed(.projects, ["ProjectNumber": "P1", "Description": "Webbprojekt"])
        try bed.seed(.costcenters, ["Code": "CC1", "Description": "Konsult"])
    }

    static func invoice(_ reference: String, quantity: Decimal = 12.5, vat: Decimal = 25) throws -> Invoice {
        Invoice(
            externalReference: reference, number: "10045", customerNumber: "1", projectNumber: "P1",
            invoiceDate: LocalDate("2026-01-01"), dueDate: LocalDate("2026-01-31"), currency: "SEK",
            ourReference: "Anna Andersson", yourReference: "Bo Berg", orderNumber: "PO-77", costCenter: "CC1",
            rows: [
                InvoiceRow(
                    productCode: "A1", description: "Konsulttimmar januari", quantity: quantity, unit: "h",
                    unitPrice: try Money(decimalText: "950", currency: .sek), vatRate: vat, costCenter: "CC1",
                    projectNumber: "P1")
            ])
    }

    /// `invoice` without what Fortnox adds when it stores one: the totals and its default language.
    static func withoutTotals(_ invoice: Invoice) -> Invoice {
        var copy = invoice
        copy.totals = nil
        copy.language = nil
        return copy
    }

    @Test(
        "R4, R4.6, R6: an invoice is created with our key, found by it, and reported once paid",
        arguments: FortnoxWire.allCases)
    func anInvoiceIsCreatedFoundAndReportedPaid(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire)
        try Self.seedMasterData(bed)
        let invoice = try Self.invoice("severa:inv-8812")
        let created = try await bed.connector.createInvoice(invoice)
        #expect(created.record.totals?.net.decimalText == "11875.00")
        #expect(Self.withoutTotals(created.record) == invoice)

        let sent = try #require(bed.recorder.exchanges(.post, path: "/3/invoices").first?.json["Invoice"])
        #expect(sent["ExternalInvoiceReference1"] == "severa:inv-8812")
        #expect(sent["ExternalInvoiceReference2"] == "10045")
        #expect(sent["YourOrderNumber"] == "PO-77")
        #expect(sent["VATIncluded"] == false)
        let row = try #require(sent["InvoiceRows"]?.arrayValue?.first)
        #expect(row["DeliveredQuantity"] == "12.5")
        #expect(row["Price"] == .fortnoxNumber("950.00"))
        #expect(row["VAT"] == 25)
        #expect(row["CostCenter"] == "CC1")
        #expect(row["Project"] == "P1")

        let found = try #require(try await bed.connector.findInvoice(externalReference: "severa:inv-8812"))
        #expect(found.id == created.id)
        #expect(Self.withoutTotals(found.record) == invoice)

        let unpaid = try await FortnoxTestbed.collect(bed.connector.paidInvoices(since: nil, isRelevant: { _ in true }))
        #expect(unpaid.records.isEmpty)
        try await bed.connector.perform(.bookkeep, onInvoice: created.id)
        try await bed.fortnoxUser(
            .post, "/3/invoicepayments",
            ["InvoicePayment": ["InvoiceNumber": .string(created.id), "PaymentDate": "2026-01-20"]])
        let paid = try await FortnoxTestbed.collect(bed.connector.paidInvoices(since: nil, isRelevant: { _ in true }))
        #expect(
            paid.records.map(\.record) == [
                PaidInvoice(
                    documentNumber: created.id, externalReference: "severa:inv-8812",
                    finalPayDate: try #require(LocalDate("2026-01-20")))
            ])
        #expect(paid.records.first?.id == created.id)
        #expect(paid.cursor != nil)
        bed.finish()
    }

    @Test("R4.4: find matches the reference exactly, although Fortnox searches substrings")
    func findMatchesExactly() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try Self.seedMasterData(bed)
        var numbers: [String: String] = [:]
        for reference in ["inv-10", "inv-1", "inv-100"] {
            numbers[reference] = try await bed.connector.createInvoice(try Self.invoice(reference)).id
        }
        #expect(try await bed.connector.findInvoice(externalReference: "inv-1")?.id == numbers["inv-1"])
        #expect(try await bed.connector.findInvoice(externalReference: "inv-100")?.id == numbers["inv-100"])
        #expect(try await bed.connector.findInvoice(externalReference: "inv-2") == nil)
        bed.finish()
    }

    @Test("R4.4: a cancelled or credited invoice is not live: find skips it and it is never reported paid")
    func cancelledAndCreditedInvoicesAreNotLive() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try Self.seedMasterData(bed)
        let credited = try await bed.connector.createInvoice(try Self.invoice("inv-7"))
        try await bed.connector.perform(.bookkeep, onInvoice: credited.id)
        try await bed.connector.perform(.credit, onInvoice: credited.id)
        let cancelled = try await bed.connector.createInvoice(try Self.invoice("inv-8"))
        try await bed.connector.perform(.cancel, onInvoice: cancelled.id)

        #expect(try await bed.connector.findInvoice(externalReference: "inv-7") == nil)
        #expect(try await bed.connector.findInvoice(externalReference: "inv-8") == nil)
        let fullyPaid = try await bed.fortnoxUser(.get, "/3/invoices?filter=fullypaid")
        #expect(fullyPaid["Invoices"]?.arrayValue?.count == 2, "Fortnox lists the credited invoice and its credit note")
        #expect(
            try await FortnoxTestbed.collect(bed.connector.paidInvoices(since: nil, isRelevant: { _ in true })).records
                .isEmpty)

        let resent = try await bed.connector.createInvoice(try Self.invoice("inv-8"))
        #expect(try await bed.connector.findInvoice(externalReference: "inv-8")?.id == resent.id)
        bed.finish()
    }

    @Test(
        "R4: values Fortnox cannot hold are refused before sending",
        arguments: [
            (try FortnoxInvoiceTests.invoice("inv-9", vat: Decimal(string: "25.5") ?? 0), "InvoiceRows[0].VAT"),
            (try FortnoxInvoiceTests.invoice(String(repeating: "r", count: 81)), "ExternalInvoiceReference1"),
        ])
    func valuesFortnoxCannotHoldAreRefused(invoice: Invoice, field: String) async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try Self.seedMasterData(bed)
        let error = await #expect(throws: ConnectorError.self) { try await bed.connector.createInvoice(invoice) }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.message.contains(field) == true)
        #expect(bed.recorder.exchanges(.post, path: "/3/invoices").isEmpty)
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("R4.2: an unknown article is Fortnox's rejection, with its message and code")
    func anUnknownArticleIsRejected() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try Self.seedMasterData(bed)
        var invoice = try Self.invoice("inv-3")
        invoice.rows[0].productCode = "NOPE"
        let error = await #expect(throws: ConnectorError.self) { try await bed.connector.createInvoice(invoice) }
        #expect(error?.kind == .rejected)
        #expect(error?.remoteCode == "2001302")
        #expect(
            error?.description.hasPrefix("Fortnox POST /3/invoices: HTTP 400: Kunde inte hitta artikel NOPE") == true)
        bed.finish(errors: error.map { [$0] } ?? [])
    }
}
