import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: supplier invoices (R5)")
struct FortnoxSupplierInvoiceTests {
    private func makeHarness(projectAccounting: Bool = true) throws -> FortnoxHarness {
        let harness = try FortnoxHarness(projectAccounting: projectAccounting)
        try harness.seedMasterData()
        _ = try harness.emulator.seed(.suppliers, ["Name": "Byggvaror AB"])
        return harness
    }

    private let projectRow: JSONValue = [
        "Account": 4010, "Debit": 1000, "Credit": 0, "Project": "P1", "CostCenter": "CC1",
        "TransactionInformation": "Material",
    ]

    @Test("R5.1: Fortnox adds the VAT and TOT rows to project-booked rows")
    func theAccountsPayableRowIsAddedByFortnox() throws {
        let harness = try makeHarness()
        let invoice = try harness.create(
            "supplierinvoices", "SupplierInvoice",
            [
                "SupplierNumber": "1", "InvoiceNumber": "F-5531", "Total": "1250", "VAT": "250",
                "SupplierInvoiceRows": [projectRow],
            ]
        )
        #expect(invoice["GivenNumber"] == "1")
        #expect(invoice["SupplierName"] == "Byggvaror AB")
        #expect(invoice["Total"] == "1250")
        #expect(invoice["VAT"] == "250")
        #expect(invoice["Balance"] == "1250")
        let rows = try #require(invoice["SupplierInvoiceRows"]?.arrayValue)
        #expect(rows.count == 3)
        #expect(rows[0]["Project"] == "P1")
        #expect(rows[0]["CostCenter"] == "CC1")
        #expect(rows[1]["Code"] == "VAT")
        #expect(rows[1]["Debit"] == 250)
        #expect(rows[2]["Code"] == "TOT")
        #expect(rows[2]["Account"] == 2440)
        #expect(rows[2]["Credit"] == 1250)
    }

    @Test func threeSentRowsComeBackAsFour() throws {
        let harness = try makeHarness()
        let rows: JSONValue = [
            ["Account": 4010, "Debit": 100], ["Account": 4010, "Debit": 200],
            ["Account": 2641, "Code": "VAT", "Debit": 75],
        ]
        let invoice = try harness.create(
            "supplierinvoices", "SupplierInvoice", ["SupplierNumber": "1", "SupplierInvoiceRows": rows])
        #expect(invoice["SupplierInvoiceRows"]?.arrayValue?.count == 4)
        #expect(invoice["Total"] == "375")
        #expect(invoice["VAT"] == "75")
    }

    @Test func rowsThatDoNotBalanceGet2000755AndChangeNothing() throws {
        let harness = try makeHarness()
        let unbalanced: JSONValue = [
            ["Account": 4010, "Debit": 1000], ["Account": 2440, "Code": "TOT", "Credit": 900],
        ]
        let response = harness.send(
            .post, "/3/supplierinvoices",
            ["SupplierInvoice": ["SupplierNumber": "1", "SupplierInvoiceRows": unbalanced]]
        )
        #expect(response.status == 400)
        #expect(response.errorCode == 2_000_755)
        let wrongTotal = harness.send(
            .post, "/3/supplierinvoices",
            [
                "SupplierInvoice": [
                    "SupplierNumber": "1", "Total": "1300", "VAT": "250", "SupplierInvoiceRows": [projectRow],
                ]
            ]
        )
        #expect(wrongTotal.errorCode == 2_000_755)
        #expect(harness.send(.get, "/3/supplierinvoices").json["SupplierInvoices"] == [])
    }

    @Test("R5.1: rows booked to a project need project accounting")
    func projectRowsNeedProjectAccounting() throws {
        let harness = try makeHarness(projectAccounting: false)
        let body: JSONValue = ["SupplierInvoice": ["SupplierNumber": "1", "SupplierInvoiceRows": [projectRow]]]
        let refused = harness.send(.post, "/3/supplierinvoices", body)
        #expect(refused.status == 400)
        #expect(refused.errorCode == 2_099_015)
        #expect(try harness.get("settings/company", "CompanySettings")["ProjectAccounting"] == false)
        harness.emulator.setProjectAccounting(enabled: true)
        #expect(try harness.get("settings/company", "CompanySettings")["ProjectAccounting"] == true)
        #expect(harness.send(.post, "/3/supplierinvoices", body).status == 201)
    }

    @Test func unknownSuppliersAccountsAndProjectsAreRejected() throws {
        let harness = try makeHarness()
        #expect(
            harness.send(.post, "/3/supplierinvoices", ["SupplierInvoice": ["SupplierNumber": "9"]]).errorCode
                == 2_099_009)
        let badAccount: JSONValue = [
            "SupplierInvoice": ["SupplierNumber": "1", "SupplierInvoiceRows": [["Account": 12, "Debit": 1]]]
        ]
        #expect(harness.send(.post, "/3/supplierinvoices", badAccount).errorCode == 2_001_304)
        let badProject: JSONValue = [
            "SupplierInvoice": [
                "SupplierNumber": "1", "SupplierInvoiceRows": [["Account": 4010, "Debit": 1, "Project": "P9"]],
            ]
        ]
        #expect(harness.send(.post, "/3/supplierinvoices", badProject).errorCode == 2_099_007)
    }

    @Test func theListItemSaysCancelAndProjectSearchLooksAtRows() throws {
        let harness = try makeHarness()
        try harness.create(
            "supplierinvoices", "SupplierInvoice", ["SupplierNumber": "1", "SupplierInvoiceRows": [projectRow]])
        try harness.create("supplierinvoices", "SupplierInvoice", ["SupplierNumber": "1", "Total": "100"])
        #expect(harness.send(.put, "/3/supplierinvoices/2/cancel").status == 200)
        let items = try #require(harness.send(.get, "/3/supplierinvoices").json["SupplierInvoices"]?.arrayValue)
        #expect(items.count == 2)
        #expect(items[1]["Cancel"] == true)
        #expect(items[1]["Cancelled"] == nil)
        #expect(items[0]["Total"] == "1000")
        let byProject = harness.send(.get, "/3/supplierinvoices?project=p1").json["SupplierInvoices"]
        #expect(byProject?.arrayValue?.compactMap { $0["GivenNumber"] } == ["1"])
    }

    @Test func bookedSupplierInvoicesAreLockedAndThereIsNoDelete() throws {
        let harness = try makeHarness()
        try harness.create("supplierinvoices", "SupplierInvoice", ["SupplierNumber": "1", "Total": "100"])
        #expect(harness.send(.put, "/3/supplierinvoices/1/bookkeep").json["SupplierInvoice"]?["Booked"] == true)
        #expect(
            harness.send(.put, "/3/supplierinvoices/1", ["SupplierInvoice": ["Comments": "x"]]).errorCode == 2_099_012)
        #expect(harness.send(.delete, "/3/supplierinvoices/1").status == 405)
        let credited = harness.send(.put, "/3/supplierinvoices/1/credit").json["SupplierInvoice"]
        #expect(credited?["CreditReference"] == 2)
        #expect(try harness.get("supplierinvoices/2", "SupplierInvoice")["Total"] == "-100")
    }
}

@Suite("Fortnox emulator: company settings")
struct FortnoxCompanyTests {
    @Test func companyInformationNamesTheTenant() throws {
        let harness = try FortnoxHarness()
        let information = try harness.get("companyinformation", "CompanyInformation")
        #expect(information["DatabaseNumber"] == 1_234_567)
        #expect(information["CountryCode"] == "SE")
        let settings = try harness.get("settings/company", "CompanySettings")
        #expect(settings["ProjectAccounting"] == true)
        #expect(harness.send(.put, "/3/settings/company", ["CompanySettings": [:]]).status == 405)
    }
}
