import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

@Suite struct SeveraProjectAndInvoiceTests {
    @Test(arguments: SeveraWire.allCases)
    func projectsAreListedAndFoundButNeverWrittenOnThisSide(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            let customer = try sandbox.seedCustomer(number: 1001, name: "Acme AB")
            try sandbox.seedProject(
                number: 2_024_001, name: "Webb", customer: customer,
                extra: ["startDate": "2025-01-01", "deadline": "2025-06-30"])
            try sandbox.seedProject(number: 2_024_002, name: "Klar", customer: customer, extra: ["isClosed": true])
            let pages = try await severaPages(sandbox.connector.projects.changes(since: nil))
            let projects = pages.flatMap(\.items).compactMap { item -> Project? in
                if case .record(let record) = item { return record.record }
                return nil
            }
            #expect(
                projects.first
                    == Project(
                        number: "2024001", name: "Webb", customerNumber: "1001", status: .ongoing,
                        startDate: LocalDate("2025-01-01"), endDate: LocalDate("2025-06-30"), leader: "Anna Andersson"))
            #expect(projects.last?.status == .completed)
            #expect(projects.last?.endDate == LocalDate("2026-01-01"), "closedDate is the day it was closed")
            let found = try await sandbox.connector.projects.find(naturalKey: "2024002")
            #expect(found?.record == projects.last)
            let create = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.projects.create(Project(number: "9", name: "x"))
            }
            #expect(create?.kind == .invalidRecord && create?.message.contains("R3.1") == true)
            let update = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.projects.update(
                    id: "x", fields: ["name"], to: Project(number: "9", name: "x"))
            }
            #expect(update?.kind == .invalidRecord)
        }
    }

    /// Seeds an invoice of project 2024001 in status `status` with two rows and returns its guid.
    static func seedInvoice(_ sandbox: SeveraSandbox, status: String) throws -> String {
        let customer = try sandbox.seedCustomer(number: 1001, name: "Acme AB")
        let project = try sandbox.seedProject(number: 2_024_001, name: "Webb", customer: customer)
        let invoice = try #require(
            try sandbox.emulator.seed(
                .invoices,
                [
                    "customer": ["guid": .string(customer)], "projects": [["guid": .string(project)]],
                    "status": ["guid": .string(try sandbox.direct.invoiceStatusGUID(status))],
                    "orderNumber": "PO-7", "yourReference": "Bo",
                ])["guid"]?.stringValue)
        for (order, code, amount) in [(2, "300", "100.50"), (1, "100", "950")] {
            try sandbox.emulator.seed(
                .invoicerows,
                [
                    "invoiceGuid": .string(invoice), "rowType": "ProjectFees", "description": .string("Row \(code)"),
                    "quantity": 2, "unitPrice": ["amount": SeveraSandbox.number(amount), "currencyCode": "SEK"],
                    "vatRate": 25, "code": [.string(code)], "sortOrder": .number(JSONNumber(order)),
                    "costCenter": ["number": "100", "name": "Consulting"], "measurementUnit": "st",
                ])
        }
        return invoice
    }

    @Test(
        "R4: invoices in the trigger status are listed as headers, read with their rows and moved on",
        arguments: SeveraWire.allCases)
    func invoicesInTheTriggerStatusAreReadAndMovedOn(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            let statuses = try await sandbox.connector.invoiceStatuses()
            #expect(statuses.map(\.name) == ["Draft", "Ready for transfer", "Transferred", "Paid", "Error"])
            let ready = try #require(statuses.first { $0.name == "Ready for transfer" }).id
            let transferred = try #require(statuses.first { $0.name == "Transferred" }).id
            let guid = try Self.seedInvoice(sandbox, status: "Ready for transfer")

            let pages = try await severaPages(sandbox.connector.invoices(inStatus: ready))
            guard case .record(let remote) = try #require(pages.flatMap(\.items).first) else {
                Issue.record("the invoice is unreadable")
                return
            }
            #expect(remote.record.rows.isEmpty, "the queue is listed as headers: the whole queue before any write")
            var invoice = remote.record
            invoice.rows = try await sandbox.connector.invoiceRows(
                invoiceID: guid, projectNumber: invoice.projectNumber)
            #expect(try await sandbox.connector.invoice(id: guid)?.record.rows == invoice.rows)
            #expect(invoice.statusID == ready)
            #expect(invoice.totals?.net.decimalText == "2101.00", "2 × 950.00 + 2 × 100.50")
            #expect(remote.id == guid && invoice.externalReference == guid)
            #expect(invoice.customerNumber == "1001" && invoice.projectNumber == "2024001")
            #expect(invoice.orderNumber == "PO-7" && invoice.yourReference == "Bo" && invoice.currency == "SEK")
            #expect(invoice.rows.map(\.productCode) == ["100", "300"])
            #expect(invoice.rows.map(\.unitPrice.minorUnits) == [95_000, 10_050])
            #expect(invoice.rows.allSatisfy { $0.costCenter == "100" && $0.unit == "st" && $0.vatRate == 25 })
            #expect(pages.allSatisfy { $0.nextCursor == nil })

            #expect(try await sandbox.connector.invoiceStatusID(invoiceID: guid) == ready)
            let numbered = try await sandbox.connector.setInvoiceStatus(invoiceID: guid, statusID: transferred)
            #expect(numbered != nil, "the move answers with the number the received status gave")
            #expect(try await sandbox.connector.invoiceStatusID(invoiceID: guid) == transferred)
            let left = try await severaPages(sandbox.connector.invoices(inStatus: ready))
            #expect(left.flatMap(\.items).isEmpty)
            let moved = try await severaPages(sandbox.connector.invoices(inStatus: transferred)).flatMap(\.items)
            guard case .record(let numbered) = try #require(moved.first) else { return }
            #expect(numbered.record.number != nil, "the Transferred status numbers the invoice")
        }
    }

    @Test func anUnknownInvoiceIsNotFoundNamingSeveraTheMethodAndThePath() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let missing = "00000000-0000-4000-8000-000000000000"
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.invoiceStatusID(invoiceID: missing)
            }
            #expect(error?.kind == .notFound)
            #expect(error?.description.hasPrefix("Severa GET /v1/invoices/\(missing):") == true)
        }
    }
}
