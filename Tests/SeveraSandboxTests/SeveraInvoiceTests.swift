import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraInvoiceTests {
    /// A project with two billable fees (2 × 100.50 at 25 %, 1 × 40 at 12 %) and one non-billable fee.
    private func projectWithFees(_ harness: SeveraTestHarness) throws -> String {
        let project = try SeveraProjectTests().seedProject(harness)
        let fees: [JSONValue] = [
            [
                "name": "Licens", "quantity": 2,
                "unitPrice": ["amount": SeveraTestHarness.number("100.50"), "currencyCode": "SEK"],
                "vatRate": 25, "project": ["guid": .string(project)],
            ],
            [
                "name": "Resa", "quantity": 1, "unitPrice": ["amount": 40, "currencyCode": "SEK"], "vatRate": 12,
                "project": ["guid": .string(project)],
            ],
            [
                "name": "Intern", "quantity": 1, "unitPrice": ["amount": 999, "currencyCode": "SEK"],
                "isBillable": false,
                "project": ["guid": .string(project)],
            ],
        ]
        for fee in fees { try harness.create("projectfees", fee) }
        return project
    }

    @Test func postingAnInvoiceForAProjectAnswers201WithAnArrayAndBillsItsFees() throws {
        let harness = try SeveraTestHarness()
        let project = try projectWithFees(harness)
        let response = harness.call(.post, "invoices", body: ["projects": [["guid": .string(project)]]])
        #expect(response.status == 201)
        let invoices = try SeveraTestHarness.json(response).arrayValue ?? []
        #expect(invoices.count == 1)
        let invoice = try #require(invoices.first)
        #expect(invoice["status"]?["name"] == "Draft")
        #expect(invoice["number"] == .null)
        #expect(invoice["customer"]?["name"] == "Acme AB")
        #expect(invoice["projects"]?.arrayValue?.first?["guid"] == .string(project))
        #expect(invoice["totalExcludingTax"] == ["amount": 241, "currencyCode": "SEK"])
        #expect(invoice["totalTax"] == ["amount": SeveraTestHarness.number("55.05"), "currencyCode": "SEK"])
        #expect(invoice["totalIncludingTax"] == ["amount": SeveraTestHarness.number("296.05"), "currencyCode": "SEK"])
        #expect(invoice["date"] == "2026-01-01")
        #expect(invoice["dueDate"] == "2026-01-15")
        let guid = try SeveraTestHarness.guid(invoice)
        let rows = try harness.get("invoices/\(guid)/invoicerows").arrayValue ?? []
        #expect(rows.map { $0["description"] } == ["Licens", "Resa"])
        #expect(rows.allSatisfy { $0["rowType"] == "ProjectFees" && $0["invoiceGuid"] == .string(guid) })
        #expect(try harness.get("projects/\(project)/projectfees?isBilled=true").arrayValue?.count == 2)
        let again = try harness.create("invoices", ["projects": [["guid": .string(project)]]])
        #expect(again.arrayValue?.first?["totalExcludingTax"]?["amount"] == 0)
    }

    @Test func projectsAreInvoicedOneByOneUnlessGrouped() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB")
        let owner = try harness.projectManager()
        let projects = try (0..<2).map { index in
            try SeveraTestHarness.guid(
                try harness.emulator.seed(
                    .projects,
                    [
                        "name": .string("P\(index)"), "customer": ["guid": .string(customer)],
                        "projectOwner": ["guid": .string(owner)],
                    ]))
        }
        let body: [JSONValue] = projects.map { ["guid": .string($0)] }
        #expect(try harness.create("invoices", ["projects": .array(body)]).arrayValue?.count == 2)
        let grouped = try harness.create("invoices", ["projects": .array(body), "groupProjects": true])
        #expect(grouped.arrayValue?.count == 1)
        #expect(grouped.arrayValue?.first?["projects"]?.arrayValue?.count == 2)
        SeveraTestHarness.expectError(
            harness.call(.post, "invoices", body: ["projects": [["guid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"]]]),
            status: 400, type: "InvalidParameter", name: "projects[0].guid")
        SeveraTestHarness.expectError(
            harness.call(.post, "invoices", body: ["groupProjects": true]), status: 400, type: "InvalidParameter",
            name: "projects")
    }

    @Test("R4.1: changing the status by PATCH numbers the invoice and lists it by status")
    func changingTheStatusByPatchNumbersTheInvoiceAndListsItByStatus() throws {
        let harness = try SeveraTestHarness()
        let project = try projectWithFees(harness)
        let invoice = try SeveraTestHarness.guid(
            try #require(try harness.create("invoices", ["projects": [["guid": .string(project)]]]).arrayValue?.first))
        let transferred = try harness.invoiceStatus("Transferred")
        let draft = try harness.invoiceStatus("Draft")
        harness.clock.advance(by: 30)
        let response = harness.call(
            .patch, "invoices/\(invoice)",
            body: [["op": "replace", "path": "/status/guid", "value": .string(transferred)]])
        #expect(response.status == 200)
        let model = try #require(try SeveraTestHarness.json(response).arrayValue?.first)
        #expect(
            model["status"] == [
                "guid": .string(transferred), "name": "Transferred", "isSent": true, "isWaitingPayment": true,
                "isPaid": false,
            ])
        #expect(model["number"] == 10_001)
        #expect(model["referenceNumber"] == "100010")
        #expect(model["canBeDeleted"] == false)
        let byStatus = try harness.get("invoices?invoiceStatusGuids=\(transferred)").arrayValue ?? []
        #expect(byStatus.map { $0["guid"] } == [.string(invoice)])
        #expect(try harness.get("invoices?invoiceStatusGuids=\(draft)").arrayValue?.isEmpty == true)
        #expect(try harness.get("invoices?changedSince=2026-01-01T00:00:30Z").arrayValue?.count == 1)
        #expect(try harness.get("invoices?numbers=10001").arrayValue?.count == 1)
    }

    @Test func aReadOnlyInvoiceRefusesContentChangesButNotAStatusChange() throws {
        let harness = try SeveraTestHarness()
        let project = try projectWithFees(harness)
        let invoice = try SeveraTestHarness.guid(
            try #require(try harness.create("invoices", ["projects": [["guid": .string(project)]]]).arrayValue?.first))
        let transferred = try harness.invoiceStatus("Transferred")
        _ = harness.call(
            .patch, "invoices/\(invoice)",
            body: [["op": "replace", "path": "/status/guid", "value": .string(transferred)]])
        let before = try harness.get("invoices/\(invoice)")
        let edit = harness.call(
            .patch, "invoices/\(invoice)", body: [["op": "replace", "path": "/notes", "value": "x"]])
        SeveraTestHarness.expectError(edit, status: 400, type: "InvalidOperation", name: "notes")
        let row = try SeveraTestHarness.guid(
            try #require(try harness.get("invoices/\(invoice)/invoicerows").arrayValue?.first))
        let rowEdit = harness.call(
            .patch, "invoicerows/\(row)", body: [["op": "replace", "path": "/quantity", "value": 9]])
        SeveraTestHarness.expectError(rowEdit, status: 400, type: "InvalidOperation")
        SeveraTestHarness.expectError(
            harness.call(.delete, "invoices/\(invoice)"), status: 400, type: "InvalidOperation")
        #expect(try harness.get("invoices/\(invoice)") == before)
        let back = harness.call(
            .patch, "invoices/\(invoice)",
            body: [["op": "replace", "path": "/status/guid", "value": .string(try harness.invoiceStatus("Draft"))]])
        #expect(back.status == 200)
        #expect(try SeveraTestHarness.json(back).arrayValue?.first?["number"] == 10_001)
    }

    @Test func seededInvoicesAndRowsKeepTotalsExactAndPageRows() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB", number: 1001)
        let paid = try harness.invoiceStatus("Paid")
        let invoice = try SeveraTestHarness.guid(
            try harness.emulator.seed(
                .invoices, ["customer": ["guid": .string(customer)], "status": ["guid": .string(paid)], "number": 555]))
        for index in 0..<25 {
            try harness.emulator.seed(
                .invoicerows,
                [
                    "invoiceGuid": .string(invoice), "rowType": index == 0 ? "Hours" : "ProjectFees",
                    "description": .string("Row \(index)"), "quantity": SeveraTestHarness.number("1.5"),
                    "unitPrice": ["amount": SeveraTestHarness.number("0.10"), "currencyCode": "SEK"], "vatRate": 25,
                    "code": ["1001"], "costCenter": ["number": "100", "name": "Consulting"],
                ])
        }
        let model = try harness.get("invoices/\(invoice)")
        #expect(model["number"] == 555)
        #expect(model["totalExcludingTax"]?["amount"]?.numberValue?.decimal == Decimal(string: "3.75"))
        #expect(model["workHoursQuantity"]?.numberValue?.decimal == Decimal(string: "1.5"))
        let firstPage = harness.call(.get, "invoices/\(invoice)/invoicerows")
        #expect(try SeveraTestHarness.json(firstPage).arrayValue?.count == 20)
        #expect(firstPage.headers["NextPageToken"] != nil)
        let hours = try harness.get("invoices/\(invoice)/invoicerows?rowType=Hours").arrayValue ?? []
        #expect(hours.first?["category"] == "Hours")
        #expect(hours.first?["code"] == ["1001"])
        #expect(hours.first?["costCenter"] == ["number": "100", "name": "Consulting"])
        #expect(try harness.get("invoicerows?rowCount=100").arrayValue?.count == 25)
        #expect(throws: SeveraSeedError.self) {
            try harness.emulator.seed(.invoices, ["customer": ["guid": .string(customer)], "number": 555])
        }
    }

    @Test func invoiceFilesAndThePDFCanBeRead() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB")
        let invoice = try SeveraTestHarness.guid(
            try harness.emulator.seed(.invoices, ["customer": ["guid": .string(customer)]]))
        let contents = Data("hello attachment".utf8)
        let attachment = try harness.emulator.seed(
            .invoicefiles,
            [
                "invoiceGuid": .string(invoice), "name": "spec.txt", "contentType": "text/plain",
                "data": .string(contents.base64EncodedString()),
            ])
        #expect(attachment["size"] == 16)
        #expect(attachment["invoiceGuid"] == .string(invoice))
        let listed = try harness.get("invoices/\(invoice)/files").arrayValue ?? []
        #expect(listed == [attachment])
        #expect(try harness.get("invoicefiles/\(try SeveraTestHarness.guid(attachment))") == attachment)
        let fileGuid = try #require(attachment["fileGuid"]?.stringValue)
        let withData = try harness.get("files/\(fileGuid)?includeDataInResponse=true")
        #expect(withData["data"] == .string(contents.base64EncodedString()))
        #expect(try harness.get("files/\(fileGuid)")["data"] == nil)
        #expect(harness.call(.get, "files/\(fileGuid)/filedata").body == contents)
        let pdf = harness.call(.get, "invoices/\(invoice)/pdf")
        #expect(pdf.status == 200)
        #expect(pdf.body.starts(with: Data("%PDF-".utf8)))
    }
}
