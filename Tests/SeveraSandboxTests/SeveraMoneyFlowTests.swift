import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

/// What the money flows (R4, R6) read from Severa invoices beyond their rows: the business unit, credit
/// notes and their originals, and the status read back before a move.
@Suite struct SeveraMoneyFlowTests {
    /// A project in business unit `unitCode` (a new unit with cost center 100) and its guid.
    private func projectInUnit(_ harness: SeveraTestHarness, _ unitCode: String) throws -> (
        project: String, unit: String
    ) {
        let centers = try harness.get("costcenters").arrayValue ?? []
        let center = try SeveraTestHarness.guid(
            try #require(centers.first { $0["identifier"] == "100" }))
        let unit = try SeveraTestHarness.guid(
            try harness.emulator.seed(
                .businessunits,
                [
                    "name": .string("Unit \(unitCode)"), "code": .string(unitCode),
                    "costCenter": ["guid": .string(center)],
                ]
            ))
        let project = try SeveraProjectTests().seedProject(harness)
        let patched = harness.call(
            .patch, "projects/\(project)",
            body: [["op": "replace", "path": "/businessUnit/guid", "value": .string(unit)]])
        #expect(patched.status == 200)
        return (project, unit)
    }

    @Test("R4.5: an invoice reports its project's business unit, listed with code and cost center")
    func anInvoiceReportsItsProjectsBusinessUnit() throws {
        let harness = try SeveraTestHarness()
        let (project, unit) = try projectInUnit(harness, "GBG")
        let invoice = try #require(
            try harness.create("invoices", ["projects": [["guid": .string(project)]]]).arrayValue?.first)
        #expect(invoice["invoiceNumberBusinessUnitGuid"] == .string(unit))
        let units = try harness.get("businessunits?code=GBG").arrayValue ?? []
        #expect(units.count == 1)
        #expect(units.first?["isActive"] == true)
        #expect(units.first?["costCenter"]?["identifier"] == "100")
        // Without a project there is no business unit; a seed may name one.
        let customer = try harness.seedCustomer("Solo AB")
        let bare = try harness.emulator.seed(.invoices, ["customer": ["guid": .string(customer)]])
        #expect(bare["invoiceNumberBusinessUnitGuid"] == .null)
        let named = try harness.emulator.seed(
            .invoices, ["customer": ["guid": .string(customer)], "invoiceNumberBusinessUnitGuid": .string(unit)])
        #expect(named["invoiceNumberBusinessUnitGuid"] == .string(unit))
        // The API cannot set it.
        let guid = try SeveraTestHarness.guid(bare)
        let patch = harness.call(
            .patch, "invoices/\(guid)",
            body: [["op": "replace", "path": "/invoiceNumberBusinessUnitGuid", "value": .string(unit)]])
        SeveraTestHarness.expectError(
            patch, status: 400, type: "InvalidParameter", name: "invoiceNumberBusinessUnitGuid")
    }

    /// Seeds an invoice of a new customer in `status` (an explicit number when given) and returns its guid.
    private func seedInvoice(
        _ harness: SeveraTestHarness, status: String, number: Int? = nil, extra: [String: JSONValue] = [:]
    ) throws -> String {
        let customer = try harness.seedCustomer("Kund \(number ?? 0) AB")
        var model: [String: JSONValue] = [
            "customer": ["guid": .string(customer)], "status": ["guid": .string(try harness.invoiceStatus(status))],
        ]
        if let number { model["number"] = .number(JSONNumber(number)) }
        model.merge(extra) { _, new in new }
        return try SeveraTestHarness.guid(try harness.emulator.seed(.invoices, .object(model)))
    }

    @Test("R4.4: a credit note names its original in reimburseInvoice and the original names it back")
    func aCreditNoteAndItsOriginalNameEachOther() throws {
        let harness = try SeveraTestHarness()
        let original = try seedInvoice(harness, status: "Transferred", number: 7001)
        #expect(try harness.get("invoices/\(original)")["creditNoteInvoice"] == .null)
        harness.clock.advance(by: 60)
        let before = try harness.get("invoices/\(original)")["lastUpdatedDateTime"]
        let credit = try seedInvoice(
            harness, status: "Ready for transfer",
            extra: ["isCreditNote": true, "reimburseInvoice": ["guid": .string(original)]])

        let creditModel = try harness.get("invoices/\(credit)")
        #expect(creditModel["isCreditNote"] == true)
        #expect(creditModel["reimburseInvoice"] == ["guid": .string(original), "number": 7001])
        #expect(creditModel["creditNoteInvoice"] == .null)
        let originalModel = try harness.get("invoices/\(original)")
        #expect(originalModel["isCreditNote"] == false)
        #expect(originalModel["creditNoteInvoice"] == ["guid": .string(credit), "number": .null])
        #expect(originalModel["lastUpdatedDateTime"] == before)
        // The queue listing shows the same link; numbering the credit note shows its number on the original.
        let ready = try harness.invoiceStatus("Ready for transfer")
        let queue = try harness.get("invoices?invoiceStatusGuids=\(ready)").arrayValue ?? []
        #expect(queue.map { $0["reimburseInvoice"]?["guid"] } == [.string(original)])
        let moved = harness.call(
            .patch, "invoices/\(credit)",
            body: [
                ["op": "replace", "path": "/status/guid", "value": .string(try harness.invoiceStatus("Transferred"))]
            ])
        #expect(moved.status == 200)
        let number = try #require(try SeveraTestHarness.json(moved).arrayValue?.first?["number"])
        #expect(try harness.get("invoices/\(original)")["creditNoteInvoice"]?["number"] == number)
        // The API cannot make or re-point a credit note.
        let patch = harness.call(
            .patch, "invoices/\(credit)", body: [["op": "replace", "path": "/reimburseInvoice/guid", "value": .null]])
        SeveraTestHarness.expectError(patch, status: 400, type: "InvalidParameter", name: "reimburseInvoice")
    }

    @Test func creditNoteLinksAreChecked() throws {
        let harness = try SeveraTestHarness()
        let original = try seedInvoice(harness, status: "Transferred", number: 7002)
        let notACreditNote = try? seedInvoice(
            harness, status: "Draft", extra: ["reimburseInvoice": ["guid": .string(original)]])
        #expect(notACreditNote == nil)
        #expect(throws: SeveraSeedError.self) {
            try seedInvoice(
                harness, status: "Draft",
                extra: ["isCreditNote": true, "reimburseInvoice": ["guid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"]])
        }
        let credit = try seedInvoice(
            harness, status: "Draft", extra: ["isCreditNote": true, "reimburseInvoice": ["guid": .string(original)]])
        #expect(throws: SeveraSeedError.self) {  // one credit note per invoice
            try seedInvoice(
                harness, status: "Draft",
                extra: ["isCreditNote": true, "reimburseInvoice": ["guid": .string(original)]])
        }
        #expect(throws: SeveraSeedError.self) {  // a credit note is not credited
            try seedInvoice(
                harness, status: "Draft", extra: ["isCreditNote": true, "reimburseInvoice": ["guid": .string(credit)]])
        }
        // A credited invoice cannot be deleted; deleting the (editable) credit note unlinks it.
        let draftOriginal = try seedInvoice(harness, status: "Draft", number: 7003)
        let draftCredit = try seedInvoice(
            harness, status: "Draft",
            extra: ["isCreditNote": true, "reimburseInvoice": ["guid": .string(draftOriginal)]])
        SeveraTestHarness.expectError(
            harness.call(.delete, "invoices/\(draftOriginal)"), status: 400, type: "InvalidOperation")
        #expect(harness.call(.delete, "invoices/\(draftCredit)").status == 204)
        #expect(try harness.get("invoices/\(draftOriginal)")["creditNoteInvoice"] == .null)
        #expect(harness.call(.delete, "invoices/\(draftOriginal)").status == 204)
    }

    @Test("R6.2: a single invoice read tells its status before a move; a deleted one is 404")
    func oneInvoiceReadTellsItsStatus() throws {
        let harness = try SeveraTestHarness()
        let invoice = try seedInvoice(harness, status: "Ready for transfer", number: 7004)
        let ready = try harness.invoiceStatus("Ready for transfer")
        #expect(
            try harness.get("invoices/\(invoice)")["status"] == [
                "guid": .string(ready), "name": "Ready for transfer", "isSent": false, "isWaitingPayment": false,
                "isPaid": false,
            ])
        let unknown = harness.call(
            .patch, "invoices/\(invoice)",
            body: [["op": "replace", "path": "/status/guid", "value": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"]])
        SeveraTestHarness.expectError(unknown, status: 400, type: "InvalidParameter")
        #expect(try harness.get("invoices/\(invoice)")["status"]?["guid"] == .string(ready))
        #expect(harness.call(.delete, "invoices/\(invoice)").status == 204)
        let gone = harness.call(.get, "invoices/\(invoice)")
        #expect(gone.status == 404)
        #expect(gone.body.isEmpty)
    }

    @Test("R4.3: invoice files come in every kind a transfer must sort: PDF, other types, large, internal")
    func invoiceFilesOfEveryKindAreListedAndRead() throws {
        let harness = try SeveraTestHarness()
        let invoice = try seedInvoice(harness, status: "Ready for transfer", number: 7005)
        let large = Data(repeating: 0x25, count: 5 * 1024 * 1024 + 1)
        let files: [(name: String, type: String, data: Data, isInternal: Bool?)] =
            (1...6).map { ("bilaga-\($0).pdf", "application/pdf", Data("%PDF-1.4 \($0)".utf8), nil) } + [
                ("foto.png", "image/png", Data([0x89, 0x50, 0x4E, 0x47]), false),
                ("stor.pdf", "application/pdf", large, false),
                ("intern.pdf", "application/pdf", Data("%PDF".utf8), true),
            ]
        for (order, file) in files.enumerated() {
            var model: [String: JSONValue] = [
                "invoiceGuid": .string(invoice), "name": .string(file.name), "contentType": .string(file.type),
                "data": .string(file.data.base64EncodedString()), "sortOrder": .number(JSONNumber(order)),
            ]
            if let isInternal = file.isInternal { model["isInternal"] = .bool(isInternal) }
            try harness.emulator.seed(.invoicefiles, .object(model))
        }
        let listed = try harness.get("invoices/\(invoice)/files").arrayValue ?? []
        #expect(listed.map { $0["name"]?.stringValue ?? "" } == files.map(\.name))
        #expect(listed.map { $0["size"] } == files.map { .number(JSONNumber($0.data.count)) })
        #expect(listed.map { $0["isInternal"] } == files.map { $0.isInternal.map(JSONValue.bool) ?? .null })
        #expect(listed.map { $0["contentType"]?.stringValue ?? "" } == files.map(\.type))
        let big = try #require(listed.first { $0["name"] == "stor.pdf" }?["fileGuid"]?.stringValue)
        let download = harness.call(.get, "files/\(big)/filedata")
        #expect(download.headers["Content-Type"] == "application/pdf")
        #expect(download.body == large)
        let firstTwo = try harness.get("invoices/\(invoice)/files?firstRow=0&rowCount=2").arrayValue ?? []
        #expect(firstTwo.count == 2)
    }
}
