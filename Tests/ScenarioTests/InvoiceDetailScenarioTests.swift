import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SeveraSandbox
import SyncCore
import Testing

@Suite("Invoice attachments, dimensions, fields and credit notes (R4.3, R4.5, R4.6, R4.4)")
struct InvoiceDetailScenarioTests {
    /// A PDF of `size` bytes.
    static func pdf(_ size: Int = 2_000) -> Data {
        var data = Data("%PDF-1.4\n".utf8)
        data.append(Data(repeating: 0x20, count: max(0, size - data.count)))
        return data
    }

    /// Attaches a file to Severa invoice `invoice`.
    static func attach(
        _ bed: ScenarioBed, to invoice: String, name: String, data: Data, type: String = "application/pdf",
        isInternal: Bool = false, order: Int
    ) throws {
        try bed.sandbox.severa.seed(
            .invoicefiles,
            [
                "invoiceGuid": .string(invoice), "name": .string(name), "data": .string(data.base64EncodedString()),
                "contentType": .string(type), "isInternal": .bool(isInternal), "sortOrder": .number(JSONNumber(order)),
            ])
    }

    @Test("R4.3: PDF attachments go with the invoice; other files, internal ones and those over 5 MB are skipped")
    func attachmentsGoWithinTheLimits() async throws {
        let bed = try await ScenarioBed(faults: "POST /api/fileattachments/attachments-v1: lost-response@1")
        bed.enableInvoices(paid: false, attachments: true)
        let parties = try bed.seedInvoiceParties(number: 4301)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])
        try Self.attach(bed, to: guid, name: "tidrapport.pdf", data: Self.pdf(), order: 1)
        try Self.attach(bed, to: guid, name: "bilaga.pdf", data: Self.pdf(), order: 2)
        try Self.attach(
            bed, to: guid, name: "kalkyl.xlsx", data: Data("xlsx".utf8), type: "application/vnd.ms-excel", order: 3)
        try Self.attach(bed, to: guid, name: "intern.pdf", data: Self.pdf(), isInternal: true, order: 4)
        try Self.attach(bed, to: guid, name: "stor.pdf", data: Self.pdf(5 * 1_048_576 + 1), order: 5)

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        let number = try #require(try await bed.fortnoxInvoice(of: guid)["DocumentNumber"]?.stringValue)
        let attached = try #require(
            try await bed.fortnoxUser(.get, "/api/fileattachments/attachments-v1?entityid=\(number)&entitytype=F")?
                .arrayValue)
        #expect(attached.count == 2, "the lost attach answer is found, not attached twice: \(attached)")
        let skipped = try bed.log(of: result, .skipped, entity: .invoice).compactMap(\.reason)
        #expect(skipped.count == 3, "\(skipped)")
        #expect(skipped.contains { $0.contains("kalkyl.xlsx") && $0.contains("not a PDF") })
        #expect(skipped.contains { $0.contains("intern.pdf") && $0.contains("internal") })
        #expect(skipped.contains { $0.contains("stor.pdf") && $0.contains("5 MB") })
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received)
    }

    @Test(
        "R4.3: a file that would take the invoice over Fortnox's 15 MB is skipped and named; only 5 go with the invoice"
    )
    func attachmentsWithinTheInvoiceTotal() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false, attachments: true)
        let parties = try bed.seedInvoiceParties(number: 4302)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")])
        let big = 4 * 1_048_576 + 524_288  // 4.5 MB: three fit in 15 MB, a fourth does not
        for order in 1...4 {
            try Self.attach(bed, to: guid, name: "stor-\(order).pdf", data: Self.pdf(big), order: order)
        }
        for order in 5...8 {
            try Self.attach(bed, to: guid, name: "liten-\(order).pdf", data: Self.pdf(), order: order)
        }

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        let number = try #require(try await bed.fortnoxInvoice(of: guid)["DocumentNumber"]?.stringValue)
        let attached = try #require(
            try await bed.fortnoxUser(.get, "/api/fileattachments/attachments-v1?entityid=\(number)&entitytype=F")?
                .arrayValue)
        #expect(attached.count == 7, "\(attached.count)")
        #expect(attached.filter { $0["includeOnSend"] == .bool(true) }.count == 5, "Fortnox sends at most 5")
        let skipped = try bed.log(of: result, .skipped, entity: .invoice).compactMap(\.reason)
        #expect(skipped.count == 1, "\(skipped)")
        #expect(skipped.first?.contains("attachment stor-4.pdf") == true)
        #expect(skipped.first?.contains("over Fortnox's 15 MB") == true, "\(skipped)")
        #expect(try bed.severaInvoiceStatus(guid) == ScenarioBed.received, "a skipped file does not hold the invoice")
    }

    @Test(
        "R4.5: row cost centers map to active Fortnox cost centers; unmapped or inactive ones are left empty with a note"
    )
    func dimensionsMapOrStayEmpty() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false) { $0.costCenters = ["100": "KONS", "200": "OLD"] }
        try bed.seedFortnox(.costcenters, ["Code": "KONS", "Description": "Konsult", "Active": true])
        try bed.seedFortnox(.costcenters, ["Code": "OLD", "Description": "Nedlagd", "Active": false])
        let parties = try bed.seedInvoiceParties(number: 4501)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project,
            rows: [
                SeveraInvoiceRow(code: "100", costCenter: "100"), SeveraInvoiceRow(code: "100", costCenter: "200"),
                SeveraInvoiceRow(code: "100", costCenter: "300"),
            ])

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        let sent = try await bed.fortnoxInvoice(of: guid)
        #expect(sent["InvoiceRows"]?.arrayValue?.map { $0["CostCenter"]?.stringValue ?? "" } == ["KONS", "", ""])
        let header = sent["CostCenter"]?.stringValue ?? ""
        #expect(header.isEmpty, "never the customer's default")
        let note = try #require(try bed.log(of: result, .created, entity: .invoice).first?.reason)
        #expect(note.contains("row 2's cost center 200 has no active Fortnox cost center \"OLD\""))
        #expect(note.contains("row 3's cost center 300"))
    }

    @Test(
        "R4.5: the business unit maps to the invoice's cost center; rows without their own take it; an unmapped unit leaves it empty"
    )
    func businessUnitDimension() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false) { $0.businessUnitCostCenters = ["STHLM": "STH"] }
        try bed.seedFortnox(.costcenters, ["Code": "STH", "Description": "Stockholm", "Active": true])
        try bed.seedFortnox(.costcenters, ["Code": "100", "Description": "Konsult", "Active": true])
        let parties = try bed.seedInvoiceParties(number: 4502)
        let units = bed.severaReferences.businessUnits
        let mapped = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project,
            rows: [SeveraInvoiceRow(code: "100"), SeveraInvoiceRow(code: "100", costCenter: "100")],
            extra: ["invoiceNumberBusinessUnitGuid": .string(try #require(units["STHLM"]))])
        let unmapped = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")],
            extra: ["invoiceNumberBusinessUnitGuid": .string(try #require(units["BSAB"]))])

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        let first = try await bed.fortnoxInvoice(of: mapped)
        #expect(first["CostCenter"] == "STH")
        #expect(first["InvoiceRows"]?.arrayValue?.map { $0["CostCenter"]?.stringValue ?? "" } == ["STH", "100"])
        let second = try await bed.fortnoxInvoice(of: unmapped)
        let unmappedHeader = second["CostCenter"]?.stringValue ?? ""
        #expect(unmappedHeader.isEmpty)
        let note = try #require(
            try bed.log(of: result, .created, entity: .invoice).first { $0.pmID == unmapped }?.reason)
        #expect(
            note.contains("business unit Brygga Sandbox AB (BSAB) is not mapped to a Fortnox cost center; left empty"))
    }

    @Test("R4.6: fields route to the configured reference fields; a too long reference is shortened with a note")
    func fieldRoutes() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false) { $0.fieldRoutes = [.remarks: .notes, .externalInvoiceReference2: .number] }
        let parties = try bed.seedInvoiceParties(number: 4601)
        let reference = String(repeating: "Bo Berg, inköp ", count: 5)
        let guid = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100")],
            extra: ["orderNumber": "PO-9", "notes": "Leverans vecka 3", "yourReference": .string(reference)])

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        let sent = try await bed.fortnoxInvoice(of: guid)
        #expect(sent["Remarks"] == "Leverans vecka 3")
        let orderNumber = sent["YourOrderNumber"]?.stringValue ?? ""
        #expect(orderNumber.isEmpty, "the order number is not routed here")
        #expect(sent["YourReference"]?.stringValue == String(reference.prefix(50)))
        let note = try #require(try bed.log(of: result, .created, entity: .invoice).first?.reason)
        #expect(note.contains("YourReference shortened to 50 characters; the full value is \"\(reference)\""))
    }

    @Test("R4.4: a full credit note credits the booked Fortnox invoice or cancels an unbooked one; a partial one fails")
    func creditNotes() async throws {
        let bed = try await ScenarioBed()
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: 4701)
        let booked = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100", quantity: "2")])
        let unbooked = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100", quantity: "3")])
        let partial = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100", quantity: "4")])
        #expect(await bed.run().exitCode == 0)
        let bookedNumber = try #require(try await bed.fortnoxInvoice(of: booked)["DocumentNumber"]?.stringValue)
        let unbookedNumber = try #require(try await bed.fortnoxInvoice(of: unbooked)["DocumentNumber"]?.stringValue)
        try await bed.bookkeep(bookedNumber)
        func creditNote(of original: String, quantity: String) throws -> String {
            try bed.seedSeveraInvoice(
                customer: parties.customer, project: parties.project,
                rows: [SeveraInvoiceRow(code: "100", quantity: quantity)],
                extra: ["isCreditNote": true, "reimburseInvoice": ["guid": .string(original)]])
        }
        let fullOfBooked = try creditNote(of: booked, quantity: "-2")
        let fullOfUnbooked = try creditNote(of: unbooked, quantity: "-3")
        let partOfPartial = try creditNote(of: partial, quantity: "-1")

        let result = await bed.run()

        #expect(result.exitCode == RunResult.partialFailureExitCode, "\(result.entries.compactMap(\.reason))")
        let bookedState = try #require(try await bed.fortnoxUser(.get, "/3/invoices/\(bookedNumber)")?["Invoice"])
        let creditNumber = try #require(bookedState["CreditInvoiceReference"]?.stringValue)
        #expect(creditNumber != "0")
        #expect(try bed.store.invoiceTransfers(severaIDs: [fullOfBooked])[fullOfBooked]?.fortnoxNumber == creditNumber)
        let unbookedState = try #require(try await bed.fortnoxUser(.get, "/3/invoices/\(unbookedNumber)")?["Invoice"])
        #expect(unbookedState["Cancelled"]?.boolValue == true)
        #expect(try bed.severaInvoiceStatus(fullOfBooked) == ScenarioBed.received)
        #expect(try bed.severaInvoiceStatus(fullOfUnbooked) == ScenarioBed.received)
        let failed = try #require(try bed.log(of: result, .failed, entity: .invoice).first { $0.pmID == partOfPartial })
        let reasons = try bed.log(of: result, .failed).compactMap(\.reason)
        #expect(failed.reason?.contains("a partial credit") == true, "\(reasons)")
        #expect(failed.hint?.contains("credit it in Fortnox by hand") == true)
        #expect(try bed.severaInvoiceStatus(partOfPartial) == ScenarioBed.trigger)
        #expect(await bed.run().exitCode == RunResult.partialFailureExitCode, "only the partial one keeps failing")
        #expect(bed.fortnoxTraffic.writes.isEmpty, "nothing is credited twice: \(bed.fortnoxTraffic.writes)")
    }

    @Test(
        "R4.4: an invoice and its full credit note in the same queue: the invoice goes first, the credit note cancels it"
    )
    func invoiceAndCreditNoteInOneRun() async throws {
        let (bed, original, note) = try await Self.invoiceWithItsFullCreditNote(number: 4702)

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        let cancelled = try await bed.fortnoxInvoice(of: original)
        #expect(cancelled["Cancelled"]?.boolValue == true)
        #expect(try bed.severaInvoiceStatus(note) == ScenarioBed.received)
        #expect(try bed.store.invoiceTransfers(severaIDs: [note])[note]?.kind == .cancel)
    }

    @Test(
        "R4.4: an invoice whose status move failed, then voided by its own credit note's transfer, is moved, not held"
    )
    func pendingMoveOfAnInvoiceItsCreditNoteVoided() async throws {
        let (bed, original, note) = try await Self.invoiceWithItsFullCreditNote(
            faults: "PATCH /rest-api/v1/invoices/*: drop@1", number: 4703)

        let first = await bed.run()

        #expect(first.exitCode == RunResult.partialFailureExitCode, "the invoice's status move is dropped")
        #expect(try await bed.fortnoxInvoice(of: original)["Cancelled"]?.boolValue == true, "its credit note ran")
        #expect(try bed.severaInvoiceStatus(original) == ScenarioBed.trigger)
        #expect(try bed.severaInvoiceStatus(note) == ScenarioBed.received)

        let second = await bed.run()

        #expect(second.exitCode == 0, "\(second.entries.compactMap(\.reason))")
        #expect(try bed.severaInvoiceStatus(original) == ScenarioBed.received)
        #expect(!bed.fortnoxTraffic.writes.contains { $0.path == "/3/invoices" }, "nothing created or credited again")
        #expect(try await bed.fortnoxInvoices(reference: original).count == 1)
        let moved = try #require(try bed.log(of: second, .updated, entity: .invoice).first { $0.pmID == original })
        #expect(moved.reason?.contains("was cancelled by the transfer of credit note") == true, "\(moved.reason ?? "")")
        #expect(try bed.store.pendingRetries(entity: .invoice).isEmpty)
    }

    /// A bed with the invoice flow on and, in the trigger status, an invoice and its full credit note;
    /// returns the bed and both guids.
    static func invoiceWithItsFullCreditNote(
        faults: String? = nil, number: Int64
    ) async throws -> (ScenarioBed, original: String, note: String) {
        let bed = try await ScenarioBed(faults: faults)
        bed.enableInvoices(paid: false)
        let parties = try bed.seedInvoiceParties(number: number)
        let original = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100", quantity: "2")])
        let note = try bed.seedSeveraInvoice(
            customer: parties.customer, project: parties.project, rows: [SeveraInvoiceRow(code: "100", quantity: "-2")],
            extra: ["isCreditNote": true, "reimburseInvoice": ["guid": .string(original)]])
        return (bed, original, note)
    }
}
