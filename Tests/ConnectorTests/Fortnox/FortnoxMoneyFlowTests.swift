import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

/// The Fortnox calls the money flows add: an invoice's state, credit and cancel, attachments (R4.3),
/// and paid state for the invoices the engine asks about (R6.1).
@Suite("Fortnox connector: invoice state, credit, attachments (R4.3, R4.4, R6.1)")
struct FortnoxMoneyFlowTests {
    @Test("R4.4: an invoice's state tells booked, credited and cancelled; credit names the credit invoice")
    func stateCreditAndCancel() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try FortnoxInvoiceTests.seedMasterData(bed)
        let booked = try await bed.connector.createInvoice(try FortnoxInvoiceTests.invoice("inv-a"))
        let draft = try await bed.connector.createInvoice(try FortnoxInvoiceTests.invoice("inv-b"))
        try await bed.connector.perform(.bookkeep, onInvoice: booked.id)

        let before = try #require(try await bed.connector.invoice(documentNumber: booked.id))
        #expect(before.isBooked && before.isLive && before.creditedBy == nil)
        let credit = try await bed.connector.creditInvoice(documentNumber: booked.id)
        try await bed.connector.cancelInvoice(documentNumber: draft.id)

        let credited = try #require(try await bed.connector.invoice(documentNumber: booked.id))
        #expect(credited.creditedBy == credit && !credited.isLive)
        #expect(try await bed.connector.invoice(documentNumber: credit)?.isCreditNote == true)
        let cancelled = try #require(try await bed.connector.invoice(documentNumber: draft.id))
        #expect(cancelled.isCancelled && !cancelled.isLive)
        #expect(try await bed.connector.invoice(documentNumber: "999999") == nil)
        bed.finish()
    }

    @Test("R4.3: a PDF is uploaded, found again by its name, attached once, and a refused file gets Fortnox's key")
    func attachments() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try FortnoxInvoiceTests.seedMasterData(bed)
        let invoice = try await bed.connector.createInvoice(try FortnoxInvoiceTests.invoice("inv-c"))
        let name = "severa-file-1-tidrapport.pdf"

        let file = try await bed.connector.uploadFile(named: name, data: Data("%PDF-1.4 rapport".utf8))
        #expect(try await bed.connector.findUploadedFile(named: name) == file)
        #expect(try await bed.connector.findUploadedFile(named: "severa-file-2-x.pdf") == nil)
        let attached = try await bed.connector.attachFile(file, toInvoice: invoice.id, includeOnSend: true)
        #expect(try await bed.connector.invoiceAttachments(documentNumber: invoice.id) == [attached])

        let text = try await bed.connector.uploadFile(named: "severa-file-3-x.pdf", data: Data("not a pdf".utf8))
        let refused = await #expect(throws: ConnectorError.self) {
            try await bed.connector.attachFile(text, toInvoice: invoice.id, includeOnSend: false)
        }
        #expect(refused?.kind == .rejected && refused?.remoteCode == "wrong_file_type")
        bed.finish()
    }

    @Test("R6.1: only the invoices the engine asks about are read in full")
    func paidOnlyForRelevantInvoices() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try FortnoxInvoiceTests.seedMasterData(bed)
        var numbers: [String] = []
        for reference in ["inv-d", "inv-e"] {
            let created = try await bed.connector.createInvoice(try FortnoxInvoiceTests.invoice(reference))
            try await bed.connector.perform(.bookkeep, onInvoice: created.id)
            numbers.append(created.id)
        }
        for (number, date) in zip(numbers, ["2026-01-20", "2026-01-21"]) {
            try await bed.fortnoxUser(
                .post, "/3/invoicepayments",
                ["InvoicePayment": ["InvoiceNumber": .string(number), "PaymentDate": .string(date)]])
        }
        bed.recorder.reset()

        let wanted = numbers[0]
        let paid = try await FortnoxTestbed.collect(
            bed.connector.paidInvoices(since: nil, isRelevant: { $0 == wanted }))

        #expect(paid.records.map(\.id) == [wanted])
        #expect(bed.recorder.exchanges(.get, path: "/3/invoices/\(numbers[1])").isEmpty, "not ours: not read")
        let record = try #require(paid.records.first?.record)
        #expect(record.finalPayDate == LocalDate("2026-01-20"))
        #expect(!record.isOverpaid)
        bed.finish()
    }
}
