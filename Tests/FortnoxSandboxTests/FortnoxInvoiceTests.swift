import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: customer invoices")
struct FortnoxInvoiceTests {
    private func makeHarness() throws -> FortnoxHarness {
        let harness = try FortnoxHarness()
        try harness.seedMasterData()
        return harness
    }

    @discardableResult
    private func createInvoice(_ harness: FortnoxHarness, _ extra: [String: JSONValue] = [:]) throws -> JSONValue {
        var invoice: [String: JSONValue] = [
            "CustomerNumber": "1",
            "InvoiceRows": [
                ["ArticleNumber": "A1", "DeliveredQuantity": "3"],
                ["ArticleNumber": "A1", "DeliveredQuantity": .literal("1.5"), "Price": .literal("99.99")],
            ],
        ]
        invoice.merge(extra) { _, new in new }
        return try harness.create("invoices", "Invoice", .object(invoice))
    }

    @Test func createFillsDefaultsFromCustomerArticleAndToday() throws {
        let harness = try makeHarness()
        let invoice = try createInvoice(harness)
        #expect(invoice["DocumentNumber"] == "1")
        #expect(invoice["@url"] == "https://api.fortnox.se/3/invoices/1")
        #expect(invoice["InvoiceDate"] == "2026-01-01")
        #expect(invoice["DueDate"] == "2026-01-31")
        #expect(invoice["TermsOfPayment"] == "30")
        #expect(invoice["OCR"] == "133")
        #expect(invoice["CustomerName"] == "Acme AB")
        #expect(invoice["Address1"] == "Storgatan 1")
        #expect(invoice["Country"] == "Sverige")
        #expect(invoice["OrganisationNumber"] == "556677-8899")
        #expect(invoice["EmailInformation"]?["EmailAddressTo"] == "ekonomi@acme.se")
        #expect(invoice["Credit"] == "false")
        #expect(invoice["CreditInvoiceReference"] == "0")
        #expect(invoice["Booked"] == false)
        #expect(invoice["Currency"] == "SEK")
        #expect(invoice["Language"] == "SV")
        #expect(invoice["InvoiceType"] == "INVOICE")
        #expect(invoice["FinalPayDate"] == .null)
        let row = try #require(invoice["InvoiceRows"]?.arrayValue?.first)
        #expect(row["Description"] == "Konsulttimme")
        #expect(row["Unit"] == "st")
        #expect(row["AccountNumber"] == 3001)
        #expect(row["VAT"] == 25)
        #expect(row["VATCode"] == "MP1")
        #expect(row["Price"] == 100)
        #expect(row["DeliveredQuantity"] == "3")
        #expect(row["Total"] == 300)
        #expect(row["RowId"] == 1)
    }

    @Test func totalsAreExactWithOresAvrundning() throws {
        let harness = try makeHarness()
        let invoice = try createInvoice(harness)
        let rows = invoice["InvoiceRows"]?.arrayValue ?? []
        #expect(rows.last?["DeliveredQuantity"] == "1.5")
        #expect(rows.last?["Total"]?.decimal == Decimal(string: "149.99"))  // 149.985 rounds half up
        #expect(invoice["Net"]?.decimal == Decimal(string: "449.99"))
        #expect(invoice["Gross"]?.decimal == Decimal(string: "449.99"))
        #expect(invoice["TotalVAT"]?.decimal == Decimal(string: "112.5"))
        #expect(invoice["Total"] == 562)
        #expect(invoice["RoundOff"]?.decimal == Decimal(string: "-0.49"))
        #expect(invoice["TotalToPay"] == 562)
        #expect(invoice["Balance"] == 562)
    }

    @Test func quantitiesAndPricesAreRoundedToTwoDecimalsAsRecorded() throws {
        let harness = try makeHarness()
        let invoice = try harness.create(
            "invoices", "Invoice",
            [
                "CustomerNumber": "1",
                "InvoiceRows": [
                    ["ArticleNumber": "A1", "DeliveredQuantity": .literal("1.123"), "Price": .literal("1.125")]
                ],
            ]
        )
        let row = try #require(invoice["InvoiceRows"]?.arrayValue?.first)
        #expect(row["DeliveredQuantity"] == "1.12")
        #expect(row["Price"]?.decimal == Decimal(string: "1.13"))
    }

    @Test func anUnknownCustomerGets2000204AndChangesNothing() throws {
        let harness = try makeHarness()
        let response = harness.send(.post, "/3/invoices", ["Invoice": ["CustomerNumber": "999"]])
        #expect(response.status == 400)
        #expect(response.errorCode == 2_000_204)
        #expect(harness.send(.get, "/3/invoices").json["Invoices"] == [])
        #expect(try createInvoice(harness)["DocumentNumber"] == "1")
    }

    @Test func anUnknownArticleGets2001302AndChangesNothing() throws {
        let harness = try makeHarness()
        let response = harness.send(
            .post, "/3/invoices", ["Invoice": ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "NOPE"]]]]
        )
        #expect(response.status == 400)
        #expect(response.errorCode == 2_001_302)
        #expect(harness.send(.get, "/3/invoices").json["Invoices"] == [])
        let next = try createInvoice(harness)
        #expect(next["DocumentNumber"] == "1")
        #expect(next["InvoiceRows"]?.arrayValue?.first?["RowId"] == 1)
    }

    @Test func everyUpdateReassignsAllRowIds() throws {
        let harness = try makeHarness()
        try createInvoice(harness)
        let updated = harness.send(.put, "/3/invoices/1", ["Invoice": ["YourReference": "Anna"]]).json["Invoice"]
        #expect(updated?["YourReference"] == "Anna")
        #expect(updated?["InvoiceRows"]?.arrayValue?.compactMap { $0["RowId"] } == [3, 4])
        #expect(updated?["Total"] == 562)
    }

    @Test func rowsWithoutRowIdReplaceTheRowsByPosition() throws {
        let harness = try makeHarness()
        try createInvoice(harness)
        let response = harness.send(.put, "/3/invoices/1", ["Invoice": ["InvoiceRows": [["DeliveredQuantity": "2"]]]])
        let rows = try #require(response.json["Invoice"]?["InvoiceRows"]?.arrayValue)
        #expect(rows.count == 1)
        #expect(rows[0]["ArticleNumber"] == "A1")  // row 1 updated in place
        #expect(rows[0]["Total"] == 200)
        #expect(response.json["Invoice"]?["Total"] == 250)
    }

    @Test func rowsWithRowIdUpdateThoseRowsAddNewOnesAndDropTheRest() throws {
        let harness = try makeHarness()
        let created = try createInvoice(harness)
        let rows = created["InvoiceRows"]?.arrayValue ?? []
        let first = try #require(rows.first?["RowId"])
        let response = harness.send(
            .put, "/3/invoices/1",
            [
                "Invoice": [
                    "InvoiceRows": [
                        ["RowId": first],
                        ["Description": "Resa", "AccountNumber": 3001, "Price": 50, "DeliveredQuantity": 1],
                    ]
                ]
            ]
        )
        let updated = try #require(response.json["Invoice"]?["InvoiceRows"]?.arrayValue)
        #expect(updated.count == 2)
        #expect(updated[0]["Total"] == 300)
        #expect(updated[1]["Description"] == "Resa")
        #expect(updated[1]["ArticleNumber"] == "")
        #expect(updated.compactMap { $0["RowId"] } == [3, 4])
        let unknown = harness.send(.put, "/3/invoices/1", ["Invoice": ["InvoiceRows": [["RowId": 999]]]])
        #expect(unknown.errorCode == 2_099_016)
    }

    @Test func bookkeepingLocksTheInvoice() throws {
        let harness = try makeHarness()
        try createInvoice(harness)
        let booked = harness.send(.put, "/3/invoices/1/bookkeep")
        #expect(booked.status == 200)
        #expect(booked.json["Invoice"]?["Booked"] == true)
        #expect(booked.json["Invoice"]?["VoucherSeries"] == "B")
        let edit = harness.send(.put, "/3/invoices/1", ["Invoice": ["YourReference": "late"]])
        #expect(edit.status == 400)
        #expect(edit.errorCode == 2_099_012)
        #expect(try harness.get("invoices/1", "Invoice")["YourReference"] == "")
        #expect(harness.send(.put, "/3/invoices/1/bookkeep").errorCode == 2_099_013)
        #expect(harness.send(.put, "/3/invoices/1/cancel").errorCode == 2_099_013)
        #expect(harness.send(.get, "/3/invoices/1/bookkeep").status == 405)
    }

    @Test func cancellingAnUnbookedInvoiceClosesIt() throws {
        let harness = try makeHarness()
        try createInvoice(harness)
        try createInvoice(harness)
        let cancelled = harness.send(.put, "/3/invoices/2/cancel").json["Invoice"]
        #expect(cancelled?["Cancelled"] == true)
        #expect(cancelled?["Balance"] == 0)
        #expect(harness.send(.put, "/3/invoices/2", ["Invoice": ["Remarks": "x"]]).errorCode == 2_099_012)
        let numbers = { (filter: String) in
            harness.send(.get, "/3/invoices?filter=\(filter)").json["Invoices"]?.arrayValue?.compactMap {
                $0["DocumentNumber"]
            }
        }
        #expect(numbers("cancelled") == ["2"])
        #expect(numbers("unbooked") == ["1"])
    }

    @Test func creditingABookedInvoiceCreatesALinkedCreditInvoice() throws {
        let harness = try makeHarness()
        try createInvoice(harness)
        #expect(harness.send(.put, "/3/invoices/1/credit").errorCode == 2_099_013)  // not booked yet
        _ = harness.send(.put, "/3/invoices/1/bookkeep")
        let original = try #require(harness.send(.put, "/3/invoices/1/credit").json["Invoice"])
        #expect(original["CreditInvoiceReference"] == "2")
        #expect(original["Balance"] == 0)
        #expect(original["FinalPayDate"] == "2026-01-01")
        let credit = try harness.get("invoices/2", "Invoice")
        #expect(credit["Credit"] == "true")
        #expect(credit["CreditInvoiceReference"] == "1")
        #expect(credit["Total"] == -562)
        #expect(credit["Booked"] == false)
        #expect(credit["InvoiceRows"]?.arrayValue?.first?["DeliveredQuantity"] == "-3")
        #expect(harness.send(.put, "/3/invoices/1/credit").errorCode == 2_099_013)
    }

    @Test func externalInvoiceReferencesAreSearchable() throws {
        let harness = try makeHarness()
        try createInvoice(harness, ["ExternalInvoiceReference1": "pm-8812"])
        try createInvoice(harness, ["ExternalInvoiceReference2": "PM-9000"])
        let first = harness.send(.get, "/3/invoices?externalinvoicereference1=pm-8812").json["Invoices"]
        #expect(first?.arrayValue?.compactMap { $0["DocumentNumber"] } == ["1"])
        let second = harness.send(.get, "/3/invoices?externalinvoicereference2=pm-9").json["Invoices"]
        #expect(second?.arrayValue?.compactMap { $0["DocumentNumber"] } == ["2"])
        #expect(harness.send(.get, "/3/invoices?articlenumber=A1").json["Invoices"]?.arrayValue?.count == 2)
    }

    @Test func listItemsHoldExactlyTheInvoiceListItemFields() throws {
        let harness = try makeHarness()
        try createInvoice(harness)
        let item = try #require(harness.send(.get, "/3/invoices").json["Invoices"]?.arrayValue?.first)
        #expect(
            Set(item.objectValue?.keys ?? [:].keys)
                == [
                    "@url", "Balance", "Booked", "Cancelled", "CostCenter", "Currency", "CurrencyRate", "CurrencyUnit",
                    "CustomerName", "CustomerNumber", "DocumentNumber", "DueDate", "ExternalInvoiceReference1",
                    "ExternalInvoiceReference2", "FinalPayDate", "InvoiceDate", "InvoiceType", "NoxFinans", "OCR",
                    "Project", "Sent", "TermsOfPayment", "Total", "VoucherNumber", "VoucherSeries", "VoucherYear",
                    "WayOfDelivery",
                ]
        )
    }

    @Test func rowDimensionsMustExist() throws {
        let harness = try makeHarness()
        let badProject = harness.send(
            .post, "/3/invoices",
            ["Invoice": ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1", "Project": "P9"]]]]
        )
        #expect(badProject.errorCode == 2_099_007)
        let badCenter = harness.send(
            .post, "/3/invoices",
            ["Invoice": ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1", "CostCenter": "X"]]]]
        )
        #expect(badCenter.errorCode == 2_099_008)
        let good = try createInvoice(harness, ["Project": "P1", "CostCenter": "CC1"])
        #expect(good["Project"] == "P1")
    }
}

@Suite("Fortnox emulator: invoice payments (R6)")
struct FortnoxInvoicePaymentTests {
    private func bookedInvoice() throws -> FortnoxHarness {
        let harness = try FortnoxHarness()
        try harness.seedMasterData()
        try harness.create(
            "invoices", "Invoice",
            ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1", "DeliveredQuantity": 4]]]
        )
        #expect(harness.send(.put, "/3/invoices/1/bookkeep").status == 200)
        return harness
    }

    @Test("R6.1: a full payment leaves Balance 0 and sets FinalPayDate")
    func partialThenFullPaymentSettlesTheInvoice() throws {
        let harness = try bookedInvoice()  // total 500 incl. VAT
        let partial = try harness.create(
            "invoicepayments", "InvoicePayment", ["InvoiceNumber": 1, "Amount": 200, "PaymentDate": "2026-01-10"]
        )
        #expect(partial["Number"] == "1")
        #expect(partial["InvoiceTotal"] == "500")
        var invoice = try harness.get("invoices/1", "Invoice")
        #expect(invoice["Balance"] == 300)
        #expect(invoice["FinalPayDate"] == .null)
        harness.clock.advance(by: 600)
        try harness.create(
            "invoicepayments", "InvoicePayment", ["InvoiceNumber": 1, "Amount": 300, "PaymentDate": "2026-01-15"])
        invoice = try harness.get("invoices/1", "Invoice")
        #expect(invoice["Balance"] == 0)
        #expect(invoice["FinalPayDate"] == "2026-01-15")
        let paid = harness.send(.get, "/3/invoices?filter=fullypaid&lastmodified=2026-01-01%2001:05").json["Invoices"]
        #expect(paid?.arrayValue?.compactMap { $0["DocumentNumber"] } == ["1"])
        #expect(harness.send(.get, "/3/invoices?filter=unpaid").json["Invoices"] == [])
    }

    @Test func aPaymentOnAnUnbookedInvoiceIsRefusedAndChangesNothing() throws {
        let harness = try FortnoxHarness()
        try harness.seedMasterData()
        try harness.create(
            "invoices", "Invoice",
            ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1", "DeliveredQuantity": 1]]])
        let response = harness.send(
            .post, "/3/invoicepayments", ["InvoicePayment": ["InvoiceNumber": 1, "Amount": 10]])
        #expect(response.status == 400)
        #expect(response.errorCode == 2_099_014)
        #expect(try harness.get("invoices/1", "Invoice")["Balance"] == 125)
        #expect(
            harness.send(.post, "/3/invoicepayments", ["InvoicePayment": ["InvoiceNumber": 9, "Amount": 10]]).errorCode
                == 2_000_434)
    }

    @Test func deletingAnUnbookedPaymentRestoresTheBalanceAndABookedOneIsLocked() throws {
        let harness = try bookedInvoice()
        try harness.create("invoicepayments", "InvoicePayment", ["InvoiceNumber": 1])  // defaults to the open balance
        #expect(try harness.get("invoices/1", "Invoice")["Balance"] == 0)
        #expect(harness.send(.delete, "/3/invoicepayments/1").status == 204)
        let invoice = try harness.get("invoices/1", "Invoice")
        #expect(invoice["Balance"] == 500)
        #expect(invoice["FinalPayDate"] == .null)

        try harness.create("invoicepayments", "InvoicePayment", ["InvoiceNumber": 1, "Amount": 100])
        #expect(harness.send(.put, "/3/invoicepayments/2/bookkeep").json["InvoicePayment"]?["Booked"] == true)
        #expect(harness.send(.put, "/3/invoicepayments/2", ["InvoicePayment": ["Amount": 50]]).errorCode == 2_099_018)
        #expect(harness.send(.delete, "/3/invoicepayments/2").errorCode == 2_099_018)
        #expect(try harness.get("invoices/1", "Invoice")["Balance"] == 400)
    }

    @Test func updatingAPaymentAdjustsTheBalanceByTheDifference() throws {
        let harness = try bookedInvoice()
        try harness.create("invoicepayments", "InvoicePayment", ["InvoiceNumber": 1, "Amount": 100])
        #expect(harness.send(.put, "/3/invoicepayments/1", ["InvoicePayment": ["Amount": 150]]).status == 200)
        #expect(try harness.get("invoices/1", "Invoice")["Balance"] == 350)
        let item = try #require(
            harness.send(.get, "/3/invoicepayments?invoicenumber=1").json["InvoicePayments"]?.arrayValue?.first)
        #expect(item["WriteOffExist"] == false)
        #expect(item["Amount"] == 150)
    }
}
