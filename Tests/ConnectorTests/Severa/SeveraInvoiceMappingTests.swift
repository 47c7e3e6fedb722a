import Foundation
import JSONSupport
import SyncCore
import Testing

@testable import SeveraConnector

@Suite struct SeveraInvoiceMappingTests {
    static let invoice = #"""
        {"guid":"inv-1","number":10023,"customer":{"guid":"c","name":"Acme","number":1001},
         "projects":[{"guid":"p","name":"Webb","number":2024001}],"date":"2025-03-31","dueDate":"2025-04-30",
         "currency":{"guid":"x","code":"SEK"},"ourReference":"Anna","yourReference":"","orderNumber":"PO-7",
         "lastUpdatedDateTime":"2026-01-01T00:00:00.000Z"}
        """#

    static func row(_ order: Int, code: String, cost: String? = nil) -> String {
        let costCenter = cost.map { #"{"number":"\#($0)","name":"Consulting"}"# } ?? "null"
        return #"""
            {"guid":"r\#(order)","sortOrder":\#(order),"code":["","\#(code)","other"],"description":"Row \#(order)",
             "quantity":1.5,"measurementUnit":"tim","unitPrice":{"amount":950,"currencyCode":"SEK"},"vatRate":25,
             "costCenter":\#(costCenter)}
            """#
    }

    @Test func invoiceAndRowsMapToTheCanonicalInvoiceInSortOrder() throws {
        let options = SeveraConnector.Options(
            unitAliases: [.init(severa: "tim", code: "h")], costCenterAliases: ["100": "CC100"])
        let rows = [try severaWire(Self.row(2, code: "200")), try severaWire(Self.row(1, code: "100", cost: "100"))]
        let invoice = try InvoiceMapping.invoice(try severaWire(Self.invoice), rows: rows, options: options)
        #expect(invoice.externalReference == "inv-1")
        #expect(invoice.number == "10023")
        #expect(invoice.customerNumber == "1001")
        #expect(invoice.projectNumber == "2024001")
        #expect(invoice.invoiceDate == LocalDate("2025-03-31") && invoice.dueDate == LocalDate("2025-04-30"))
        #expect(invoice.currency == "SEK")
        #expect(invoice.ourReference == "Anna" && invoice.yourReference == nil && invoice.orderNumber == "PO-7")
        #expect(invoice.costCenter == nil)
        #expect(invoice.rows.map(\.productCode) == ["100", "200"])
        let first = try #require(invoice.rows.first)
        #expect(first.description == "Row 1")
        #expect(first.quantity == Decimal(string: "1.5"))
        #expect(first.unit == "h")
        #expect(first.unitPrice == Money(minorUnits: 95_000, currency: .sek))
        #expect(first.vatRate == Decimal(25))
        #expect(first.costCenter == "CC100")
        #expect(first.projectNumber == "2024001")
        #expect(invoice.rows.last?.costCenter == nil)
    }

    @Test func anInvoiceWithoutCustomerNumberIsUnreadableNamingTheField() throws {
        let object = try severaWire(#"{"guid":"i","customer":{"guid":"c"},"currency":{"code":"SEK"}}"#)
        let error = #expect(throws: WireError.self) { try InvoiceMapping.invoice(object, rows: [], options: .init()) }
        #expect(error?.field == "customer.number")
    }

    @Test func aRowWithoutVATIsUnreadableNamingTheRow() throws {
        let row = try WireObject(
            try JSONParser.parse(#"{"quantity":1,"unitPrice":{"amount":1,"currencyCode":"SEK"}}"#),
            path: "invoicerows[3]")
        let error = #expect(throws: WireError.self) {
            try InvoiceMapping.invoice(try severaWire(Self.invoice), rows: [row], options: .init())
        }
        #expect(error?.field == "invoicerows[3].vatRate")
    }
}
