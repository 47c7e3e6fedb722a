import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Fortnox connector: supplier-invoice rows as project fees (R5)")
struct FortnoxProjectFeeTests {
    static func seedMasterData(_ bed: FortnoxTestbed) throws {
        try bed.seed(.units, ["Code": "st", "Description": "Styck"])
        try bed.seed(.articles, ["ArticleNumber": "A1", "Description": "Material", "Unit": "st", "VAT": 25])
        try bed.seed(.projects, ["ProjectNumber": "P1", "Description": "Webbprojekt"])
        try bed.seed(.suppliers, ["SupplierNumber": "12", "Name": "Grossisten AB"])
    }

    /// A supplier invoice with two cost rows on project P1 (one with an article and a quantity that
    /// divides its amount, one whose quantity does not), a cost row without a project, and the VAT
    /// and accounts-payable rows Fortnox adds.
    static func seedSupplierInvoice(_ bed: FortnoxTestbed) throws -> String {
        let stored = try bed.seed(
            .supplierinvoices,
            [
                "SupplierNumber": "12", "InvoiceNumber": "F-5531", "InvoiceDate": "2026-01-03", "Total": "1437.50",
                "VAT": "287.50",
                "SupplierInvoiceRows": [
                    [
                        "Account": 4010, "Debit": 1000, "Project": "P1", "ArticleNumber": "A1", "Quantity": 4,
                        "ItemDescription": "Kabel 4 rullar",
                    ],
                    ["Account": 4010, "Debit": 100, "Project": "P1", "Quantity": 3, "TransactionInformation": "Frakt"],
                    ["Account": 5410, "Debit": 50],
                ],
            ])
        return try #require(stored["GivenNumber"]?.stringValue)
    }

    static func sek(_ text: String) throws -> Money { try Money(decimalText: text, currency: .sek) }

    @Test(
        "R5.1, R5.2: rows booked to a project become fees without VAT, once the invoice is booked",
        arguments: FortnoxWire.allCases)
    func projectRowsBecomeFees(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire)
        try Self.seedMasterData(bed)
        let number = try Self.seedSupplierInvoice(bed)
        #expect(
            try await FortnoxTestbed.collect(bed.connector.projectFees(since: nil)).records.isEmpty, "not booked yet")

        try await bed.fortnoxUser(.put, "/3/supplierinvoices/\(number)/bookkeep")
        let listed = try await FortnoxTestbed.collect(bed.connector.projectFees(since: nil))
        let date = LocalDate("2026-01-03")
        #expect(
            listed.records.map(\.record) == [
                ProjectFee(
                    sourceReference: "fortnox:supplierinvoice/\(number)/row/1", projectNumber: "P1", productCode: "A1",
                    description: "Kabel 4 rullar", date: date, quantity: 4, unitAmount: try Self.sek("250")),
                ProjectFee(
                    sourceReference: "fortnox:supplierinvoice/\(number)/row/2", projectNumber: "P1", productCode: nil,
                    description: "Frakt", date: date, quantity: 1, unitAmount: try Self.sek("100")),
            ])
        #expect(listed.records.map(\.id) == listed.records.map(\.record.sourceReference))
        #expect(listed.unreadable.isEmpty)
        bed.finish()
    }

    @Test("R5: with the booked requirement off, rows of unbooked invoices are transferred at once")
    func unbookedInvoicesCanBeTransferred() async throws {
        var options = FortnoxConnector.Options()
        options.feesRequireBookedSupplierInvoices = false
        let bed = try await FortnoxTestbed(.inProcess, options: options)
        try Self.seedMasterData(bed)
        _ = try Self.seedSupplierInvoice(bed)
        #expect(try await FortnoxTestbed.collect(bed.connector.projectFees(since: nil)).records.count == 2)
        bed.finish()
    }

    @Test("R5: a cancelled invoice gives no fees; a booked credit invoice gives negative fees that offset them")
    func cancelledAndCreditInvoices() async throws {
        var options = FortnoxConnector.Options()
        options.feesRequireBookedSupplierInvoices = false
        let bed = try await FortnoxTestbed(.inProcess, options: options)
        try Self.seedMasterData(bed)
        let cancelled = try Self.seedSupplierInvoice(bed)
        try await bed.fortnoxUser(.put, "/3/supplierinvoices/\(cancelled)/cancel")
        #expect(try await FortnoxTestbed.collect(bed.connector.projectFees(since: nil)).records.isEmpty)

        let original = try Self.seedSupplierInvoice(bed)
        try await bed.fortnoxUser(.put, "/3/supplierinvoices/\(original)/bookkeep")
        let credited = try await bed.fortnoxUser(.put, "/3/supplierinvoices/\(original)/credit")
        let creditNumber = try #require(credited["SupplierInvoice"]?["CreditReference"]?.numberValue?.literal)
        let fees = try await FortnoxTestbed.collect(bed.connector.projectFees(since: nil)).records.map(\.record)
        let credit = fees.filter { $0.sourceReference.contains("/\(creditNumber)/") }
        #expect(credit.map(\.unitAmount) == [try Self.sek("-250"), try Self.sek("-100")])
        let net = fees.reduce(Int64(0)) { sum, fee in
            sum + fee.unitAmount.minorUnits * Int64(truncating: NSDecimalNumber(decimal: fee.quantity))
        }
        #expect(net == 0, "the credit's fees offset the original's")
        bed.finish()
    }

    @Test("R5.4: the fee feed is incremental: only supplier invoices changed since the cursor are read")
    func theFeeFeedIsIncremental() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        try Self.seedMasterData(bed)
        let first = try Self.seedSupplierInvoice(bed)
        try await bed.fortnoxUser(.put, "/3/supplierinvoices/\(first)/bookkeep")
        bed.clock.advance(by: 600)  // older than the 5-minute overlap of the next cursor
        let initial = try await FortnoxTestbed.collect(bed.connector.projectFees(since: nil))
        #expect(initial.records.count == 2)
        let cursor = try #require(initial.cursor)

        bed.clock.advance(by: 600)
        let second = try Self.seedSupplierInvoice(bed)
        try await bed.fortnoxUser(.put, "/3/supplierinvoices/\(second)/bookkeep")
        let next = try await FortnoxTestbed.collect(bed.connector.projectFees(since: cursor))
        #expect(next.records.map(\.record.sourceReference).allSatisfy { $0.contains("/\(second)/") })
        #expect(next.records.count == 2)
        bed.finish()
    }

    @Test("A supplier invoice whose row cannot be read is reported unreadable, the other rows still listed")
    func anUnreadableRowIsReported() async throws {
        var options = FortnoxConnector.Options()
        options.feesRequireBookedSupplierInvoices = false
        let scripted = try FortnoxScriptedConnector(options: options)
        scripted.handler.answer(
            "GET /3/supplierinvoices",
            json: FortnoxScriptedHandler.list("SupplierInvoices", [["GivenNumber": "4", "SupplierNumber": "12"]]))
        scripted.handler.answer(
            "GET /3/supplierinvoices/4",
            json: [
                "SupplierInvoice": [
                    "GivenNumber": "4", "SupplierNumber": "12", "InvoiceDate": "2026-01-03", "Booked": true,
                    "SupplierInvoiceRows": [
                        ["Account": 4010, "Debit": "12.345", "Project": "P1"],
                        ["Account": 4010, "Debit": "80.00", "Credit": "0", "Project": "P1", "Quantity": "2"],
                        ["Account": 2440, "Code": "TOT", "Credit": "92.345"],
                    ],
                ]
            ])
        let listed = try await FortnoxTestbed.collect(scripted.connector.projectFees(since: nil))
        #expect(listed.records.map(\.record.unitAmount) == [try Self.sek("40")])
        #expect(listed.records.map(\.record.quantity) == [2])
        let unreadable = try #require(listed.unreadable.first)
        #expect(unreadable.naturalKey == "fortnox:supplierinvoice/4/row/1")
        #expect(unreadable.reason.contains("SupplierInvoiceRows[0].Debit"))
    }
}
