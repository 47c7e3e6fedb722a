import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

/// What the money flows (R4, R6) rely on in Fortnox beyond a plain invoice: credit and cancel, currency
/// invoices and their payments, overpayment, the payment's effect on `lastmodified`, and inactive cost
/// centers.
@Suite("Fortnox emulator: credit, currency payments and paid state (R4, R6)")
struct FortnoxMoneyFlowTests {
    private func harness() throws -> FortnoxHarness {
        let harness = try FortnoxHarness()
        try harness.seedMasterData()
        return harness
    }

    /// Creates an invoice of customer 1 with four A1 rows at 100 (total 500 incl. VAT) and books it.
    @discardableResult
    private func bookedInvoice(_ harness: FortnoxHarness, _ extra: [String: JSONValue] = [:]) throws -> String {
        var invoice: [String: JSONValue] = [
            "CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1", "DeliveredQuantity": 4, "Price": 100]],
        ]
        invoice.merge(extra) { _, new in new }
        let number = try #require(
            try harness.create("invoices", "Invoice", .object(invoice))["DocumentNumber"]?.stringValue)
        try harness.emulator.seedAction("bookkeep", on: .invoices, key: number)
        return number
    }

    private func documentNumbers(_ harness: FortnoxHarness, _ query: String) -> [JSONValue] {
        harness.send(.get, "/3/invoices?\(query)").json["Invoices"]?.arrayValue?.compactMap { $0["DocumentNumber"] }
            ?? []
    }

    @Test("R4.4: a credit invoice names its original in InvoiceReference, as Fortnox does")
    func aCreditInvoiceNamesItsOriginal() throws {
        let harness = try harness()
        let original = try bookedInvoice(harness)
        let unbooked = try #require(
            try harness.create(
                "invoices", "Invoice", ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1"]]]
            )["DocumentNumber"]?.stringValue)
        let refused = harness.send(.put, "/3/invoices/\(unbooked)/credit")
        #expect(refused.status == 400)
        #expect(refused.errorCode == 2_099_013)
        #expect(harness.send(.put, "/3/invoices/\(original)/cancel").errorCode == 2_099_013)

        let answered = try #require(harness.send(.put, "/3/invoices/\(original)/credit").json["Invoice"])
        let creditNumber = try #require(answered["CreditInvoiceReference"]?.stringValue)
        #expect(creditNumber != "0")
        #expect(answered["InvoiceReference"] == "0")
        let credit = try harness.get("invoices/\(creditNumber)", "Invoice")
        #expect(credit["Credit"] == "true")
        #expect(credit["InvoiceReference"] == .string(original))
        #expect(credit["CreditInvoiceReference"] == .string(original))
        #expect(credit["Total"]?.decimal == -500)
        #expect(documentNumbers(harness, "credit=true") == [.string(creditNumber)])
        // Cancelling the unbooked one works; it is then neither payable nor fully paid.
        #expect(try harness.emulator.seedAction("cancel", on: .invoices, key: unbooked)["Cancelled"] == true)
        #expect(documentNumbers(harness, "filter=cancelled") == [.string(unbooked)])
        #expect(throws: FortnoxSeedError.self) {
            try harness.emulator.seedAction("bookkeep", on: .invoices, key: unbooked)
        }
        #expect(throws: FortnoxSeedError.self) { try harness.emulator.seedAction("fly", on: .invoices, key: original) }
    }

    @Test("R6.1: a currency invoice is settled by AmountCurrency against its Balance in that currency")
    func aCurrencyInvoiceIsSettledInItsCurrency() throws {
        let harness = try harness()
        let number = try bookedInvoice(harness, ["Currency": "EUR"])
        let invoice = try harness.get("invoices/\(number)", "Invoice")
        #expect(invoice["Currency"] == "EUR")
        #expect(invoice["CurrencyRate"]?.decimal == Decimal(string: "11.45"))
        #expect(invoice["Balance"]?.decimal == 500)

        // 200 EUR paid as 2290 SEK: the balance drops by the EUR amount.
        let first = try harness.create(
            "invoicepayments", "InvoicePayment",
            ["InvoiceNumber": .number(JSONNumber(Int(number) ?? 0)), "Amount": 2290, "AmountCurrency": 200])
        #expect(first["Currency"] == "EUR")
        #expect(try harness.get("invoices/\(number)", "Invoice")["Balance"]?.decimal == 300)
        // Only the SEK amount: converted at the invoice's rate (1145 SEK = 100 EUR).
        let second = try harness.create(
            "invoicepayments", "InvoicePayment",
            ["InvoiceNumber": .number(JSONNumber(Int(number) ?? 0)), "Amount": 1145])
        #expect(second["AmountCurrency"]?.decimal == 100)
        // Neither: the open 200 EUR, and its SEK value.
        let last = try harness.create(
            "invoicepayments", "InvoicePayment",
            ["InvoiceNumber": .number(JSONNumber(Int(number) ?? 0)), "PaymentDate": "2026-01-20"])
        #expect(last["AmountCurrency"]?.decimal == 200)
        #expect(last["Amount"]?.decimal == 2290)
        let paid = try harness.get("invoices/\(number)", "Invoice")
        #expect(paid["Balance"]?.decimal == 0)
        #expect(paid["FinalPayDate"] == "2026-01-20")
        // A SEK invoice still settles by Amount.
        let sek = try bookedInvoice(harness)
        try harness.create(
            "invoicepayments", "InvoicePayment", ["InvoiceNumber": .number(JSONNumber(Int(sek) ?? 0)), "Amount": 125])
        #expect(try harness.get("invoices/\(sek)", "Invoice")["Balance"]?.decimal == 375)
    }

    @Test("R6.1: an overpaid invoice counts as fully paid, with FinalPayDate")
    func anOverpaidInvoiceIsFullyPaid() throws {
        let harness = try harness()
        let number = try bookedInvoice(harness)
        try harness.create(
            "invoicepayments", "InvoicePayment",
            ["InvoiceNumber": .number(JSONNumber(Int(number) ?? 0)), "Amount": 550, "PaymentDate": "2026-01-12"])
        let invoice = try harness.get("invoices/\(number)", "Invoice")
        #expect(invoice["Balance"]?.decimal == -50)
        #expect(invoice["FinalPayDate"] == "2026-01-12")
        #expect(documentNumbers(harness, "filter=fullypaid") == [.string(number)])
        #expect(documentNumbers(harness, "filter=unpaid").isEmpty)
        // Taking the payment back reopens it.
        #expect(harness.send(.delete, "/3/invoicepayments/1").status == 204)
        #expect(try harness.get("invoices/\(number)", "Invoice")["FinalPayDate"] == .null)
        #expect(documentNumbers(harness, "filter=unpaid") == [.string(number)])
    }

    @Test("R6.1: with the switch off, a payment does not move its invoice's lastmodified; the payments feed shows it")
    func paymentsCanLeaveTheInvoicesLastModifiedAlone() throws {
        for touch in [true, false] {
            let harness = try harness()
            harness.emulator.setPaymentsTouchInvoices(touch)
            let number = try bookedInvoice(harness)
            harness.clock.advance(by: 1_800)  // 01:30 local
            try harness.create(
                "invoicepayments", "InvoicePayment", ["InvoiceNumber": .number(JSONNumber(Int(number) ?? 0))])
            let since = "lastmodified=2026-01-01%2001:15"
            #expect(documentNumbers(harness, "filter=fullypaid").count == 1)
            #expect(documentNumbers(harness, "filter=fullypaid&\(since)") == (touch ? [.string(number)] : []))
            let payments = harness.send(.get, "/3/invoicepayments?\(since)").json["InvoicePayments"]?.arrayValue ?? []
            #expect(payments.compactMap { $0["InvoiceNumber"] } == [.number(JSONNumber(Int(number) ?? 0))])
            let byInvoice = harness.send(.get, "/3/invoicepayments?invoicenumber=\(number)").json["InvoicePayments"]
            #expect(byInvoice?.arrayValue?.count == 1)
        }
    }

    @Test("R4.5: an inactive cost center is refused on an invoice; an empty one stays empty")
    func anInactiveCostCenterIsRefusedOnAnInvoice() throws {
        let harness = try harness()
        _ = try harness.emulator.seed(.costcenters, ["Code": "OLD", "Description": "Nedlagt", "Active": false])
        let header = harness.send(
            .post, "/3/invoices",
            ["Invoice": ["CustomerNumber": "1", "CostCenter": "OLD", "InvoiceRows": [["ArticleNumber": "A1"]]]])
        #expect(header.status == 400)
        #expect(header.errorCode == 2_099_029)
        let row = harness.send(
            .post, "/3/invoices",
            ["Invoice": ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1", "CostCenter": "OLD"]]]])
        #expect(row.errorCode == 2_099_029)
        #expect(harness.send(.get, "/3/invoices").json["Invoices"] == [])
        // The customer's default applies when the field is left out, an explicit "" keeps it empty.
        #expect(harness.send(.put, "/3/customers/1", ["Customer": ["CostCenter": "CC1"]]).status == 200)
        let defaulted = try harness.create("invoices", "Invoice", ["CustomerNumber": "1", "InvoiceRows": []])
        #expect(defaulted["CostCenter"] == "CC1")
        let empty = try harness.create(
            "invoices", "Invoice",
            ["CustomerNumber": "1", "CostCenter": "", "InvoiceRows": [["ArticleNumber": "A1", "CostCenter": ""]]])
        #expect(empty["CostCenter"] == "")
        #expect(empty["InvoiceRows"]?.arrayValue?.first?["CostCenter"] == "")
        // Supplier invoices only need the cost center to exist.
        _ = try harness.emulator.seed(.suppliers, ["SupplierNumber": "1", "Name": "Leverantör AB"])
        let supplierInvoice = try harness.create(
            "supplierinvoices", "SupplierInvoice",
            [
                "SupplierNumber": "1", "InvoiceNumber": "L-1", "VAT": 25,
                "SupplierInvoiceRows": [["Account": 4010, "Debit": 100, "CostCenter": "OLD"]],
            ])
        let given = try #require(supplierInvoice["GivenNumber"]?.stringValue)
        #expect(try harness.emulator.seedAction("bookkeep", on: .supplierinvoices, key: given)["Booked"] == true)
    }
}
