import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Fortnox connector: lost responses never duplicate (R4.4)")
struct FortnoxLostResponseTests {
    @Test(
        "R4.4: a lost invoice create is outcomeUnknown, find returns the invoice, nothing is created twice",
        arguments: FortnoxWire.allCases)
    func aLostInvoiceCreateIsFoundNotRepeated(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire, faults: "POST /3/invoices: lost-response@1")
        try FortnoxInvoiceTests.seedMasterData(bed)
        let invoice = try FortnoxInvoiceTests.invoice("severa:inv-lost")
        let error = await #expect(throws: ConnectorError.self) { try await bed.connector.createInvoice(invoice) }
        #expect(error?.kind == .outcomeUnknown)
        #expect(error?.operation == "POST /3/invoices")
        let found = try #require(try await bed.connector.findInvoice(externalReference: "severa:inv-lost"))
        #expect(FortnoxInvoiceTests.withoutTotals(found.record) == invoice)
        #expect(bed.recorder.exchanges(.post, path: "/3/invoices").count == 1)
        #expect(bed.storedCount(.invoices) == 1)
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test(
        "R4.4: a lost customer create is outcomeUnknown and the customer is found by number",
        arguments: FortnoxWire.allCases)
    func aLostCustomerCreateIsFound(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire, faults: "POST /3/customers: lost-response@1")
        let error = await #expect(throws: ConnectorError.self) {
            try await bed.connector.customers.create(FortnoxCustomerTests.acme)
        }
        #expect(error?.kind == .outcomeUnknown)
        #expect(try await bed.connector.customers.find(naturalKey: "1001")?.record == FortnoxCustomerTests.acme)
        #expect(bed.recorder.exchanges(.post, path: "/3/customers").count == 1)
        #expect(bed.storedCount(.customers) == 1)
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test(
        "A bookkeep or credit action is never sent twice after a lost response or a 5xx",
        arguments: FortnoxWire.allCases.flatMap { wire in
            [
                (wire, FortnoxInvoiceAction.bookkeep, "lost-response@1"), (wire, .credit, "lost-response@1"),
                (wire, .credit, "502@1"),
            ]
        })
    func actionsAreNeverRepeated(wire: FortnoxWire, action: FortnoxInvoiceAction, fault: String) async throws {
        let bed = try await FortnoxTestbed(wire, faults: "PUT /3/invoices/*/\(action.rawValue): \(fault)")
        try FortnoxInvoiceTests.seedMasterData(bed)
        let created = try await bed.connector.createInvoice(try FortnoxInvoiceTests.invoice("inv-action"))
        if action == .credit { try await bed.connector.perform(.bookkeep, onInvoice: created.id) }
        let error = await #expect(throws: ConnectorError.self) {
            try await bed.connector.perform(action, onInvoice: created.id)
        }
        #expect(error?.kind == .outcomeUnknown)
        #expect(error?.operation == "PUT /3/invoices/\(created.id)/\(action.rawValue)")
        #expect(bed.recorder.exchanges(.put, path: "/3/invoices/\(created.id)/\(action.rawValue)").count == 1)
        let creditNotes = action == .credit && fault.hasPrefix("lost") ? 1 : 0
        #expect(bed.storedCount(.invoices) == 1 + creditNotes)
        bed.finish(errors: error.map { [$0] } ?? [])
    }
}
