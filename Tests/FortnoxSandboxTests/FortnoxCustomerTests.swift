import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: customers")
struct FortnoxCustomerTests {
    @Test func createFillsInTheRecordedDefaultsAndAssignsANumberAsAString() throws {
        let harness = try FortnoxHarness()
        let response = harness.send(.post, "/3/customers", ["Customer": ["Name": "A value"]])
        #expect(response.status == 201)
        let keys = try #require(response.json.objectValue?.keys)
        #expect(Array(keys) == ["Customer"])
        let customer = try #require(response.json["Customer"])
        #expect(customer["CustomerNumber"] == "1")
        #expect(customer["@url"] == "https://api.fortnox.se/3/customers/1")
        #expect(customer["Active"] == true)
        #expect(customer["Currency"] == "SEK")
        #expect(customer["Type"] == "COMPANY")
        #expect(customer["VATType"] == "SEVAT")
        #expect(customer["PriceList"] == "A")
        #expect(customer["DefaultDeliveryTypes"] == ["Invoice": "PRINT", "Order": "PRINT", "Offer": "PRINT"])
        #expect(customer["Address1"] == .null)
        #expect(customer["ZipCode"] == .null)
        #expect(customer["Email"] == "")
        #expect(customer["OrganisationNumber"] == "")
        #expect(customer["YourReference"] == "")
        #expect(customer["Country"] == .null)
        // The key set of the recorded 2023 response to the same POST [rec customers/save_new_with_country_code_SE].
        let recorded: Set<String> = [
            "@url", "Active", "Address1", "Address2", "City", "Comments", "CostCenter", "Country", "CountryCode",
            "Currency", "CustomerNumber", "DefaultDeliveryTypes", "DefaultTemplates", "DeliveryAddress1",
            "DeliveryAddress2", "DeliveryCity", "DeliveryCountry", "DeliveryCountryCode", "DeliveryFax",
            "DeliveryName", "DeliveryPhone1", "DeliveryPhone2", "DeliveryZipCode", "Email", "EmailInvoice",
            "EmailInvoiceBCC", "EmailInvoiceCC", "EmailOffer", "EmailOfferBCC", "EmailOfferCC", "EmailOrder",
            "EmailOrderBCC", "EmailOrderCC", "ExternalReference", "Fax", "GLN", "GLNDelivery",
            "InvoiceAdministrationFee", "InvoiceDiscount", "InvoiceFreight", "InvoiceRemark", "Name",
            "OrganisationNumber", "OurReference", "Phone1", "Phone2", "PriceList", "Project", "SalesAccount",
            "ShowPriceVATIncluded", "TermsOfDelivery", "TermsOfPayment", "Type", "VATNumber", "VATType",
            "VisitingAddress", "VisitingCity", "VisitingCountry", "VisitingCountryCode", "VisitingZipCode", "WWW",
            "WayOfDelivery", "YourReference", "ZipCode",
        ]
        #expect(Set(customer.objectValue?.keys ?? [:].keys) == recorded)
        #expect(try harness.create("customers", "Customer", ["Name": "B"])["CustomerNumber"] == "2")
    }

    @Test func getReturnsTheFullEntityAndPutIsAPartialUpdate() throws {
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "Acme", "City": "Lund", "Email": "a@acme.se"])
        let updated = harness.send(.put, "/3/customers/1", ["Customer": ["City": "Malmö"]])
        #expect(updated.status == 200)
        let customer = try harness.get("customers/1", "Customer")
        #expect(customer["City"] == "Malmö")
        #expect(customer["Name"] == "Acme")
        #expect(customer["Email"] == "a@acme.se")
    }

    @Test func countryNamesAreDerivedFromCodesAndUnknownCodesAreRejected() throws {
        let harness = try FortnoxHarness()
        let customer = try harness.create(
            "customers", "Customer", ["Name": "Nordic", "CountryCode": "se", "DeliveryCountryCode": "NO"]
        )
        #expect(customer["CountryCode"] == "SE")
        #expect(customer["Country"] == "Sverige")
        #expect(customer["DeliveryCountry"] == "Norge")
        let rejected = harness.send(.post, "/3/customers", ["Customer": ["Name": "X", "CountryCode": "XX"]])
        #expect(rejected.status == 400)
        #expect(rejected.errorCode == 2_099_005)
        #expect(harness.send(.get, "/3/customers").json["MetaInformation"]?["@TotalResources"] == 1)
    }

    @Test func clientSuppliedNumbersAreAcceptedAndTheSeriesSkipsThem() throws {
        let harness = try FortnoxHarness()
        #expect(
            try harness.create("customers", "Customer", ["Name": "A", "CustomerNumber": "2"])["CustomerNumber"] == "2")
        #expect(try harness.create("customers", "Customer", ["Name": "B"])["CustomerNumber"] == "1")
        #expect(try harness.create("customers", "Customer", ["Name": "C"])["CustomerNumber"] == "3")
        #expect(
            try harness.create("customers", "Customer", ["Name": "D", "CustomerNumber": "K-77"])["CustomerNumber"]
                == "K-77")
    }

    @Test func aTakenCustomerNumberGets2000637AndChangesNothing() throws {
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "First", "CustomerNumber": "10"])
        let response = harness.send(.post, "/3/customers", ["Customer": ["Name": "Second", "CustomerNumber": "10"]])
        #expect(response.status == 400)
        #expect(response.errorCode == 2_000_637)
        #expect(response.json["ErrorInformation"]?["message"] != nil)
        #expect(try harness.get("customers/10", "Customer")["Name"] == "First")
    }

    @Test func deletedCustomerNumbersStayBurnt() throws {
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "Gone"])
        let deleted = harness.send(.delete, "/3/customers/1")
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        #expect(harness.send(.get, "/3/customers/1").status == 404)
        let reuse = harness.send(.post, "/3/customers", ["Customer": ["Name": "Again", "CustomerNumber": "1"]])
        #expect(reuse.status == 400)
        #expect(reuse.errorCode == 2_000_637)
        #expect(try harness.create("customers", "Customer", ["Name": "Next"])["CustomerNumber"] == "2")
    }

    @Test func listItemsArePartialWithPhoneAndEmptyStringsForNull() throws {
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "Acme", "Phone1": "08-1", "Comments": "secret"])
        let list = harness.send(.get, "/3/customers").json
        let item = try #require(list["Customers"]?.arrayValue?.first)
        #expect(
            Set(item.objectValue?.keys ?? [:].keys)
                == [
                    "@url", "Address1", "Address2", "City", "CustomerNumber", "Email", "Name", "OrganisationNumber",
                    "Phone",
                    "ZipCode",
                ]
        )
        #expect(item["Phone"] == "08-1")
        #expect(item["Address1"] == "")
        #expect(item["Active"] == nil)
    }

    @Test func unknownFieldNamesGet2001399AndReadOnlyFieldsAreIgnored() throws {
        let harness = try FortnoxHarness()
        let unknown = harness.send(.post, "/3/customers", ["Customer": ["Name": "A", "Nmae": "typo"]])
        #expect(unknown.status == 400)
        #expect(unknown.errorCode == 2_001_399)
        let readOnly = try harness.create("customers", "Customer", ["Name": "A", "Country": "Atlantis", "@url": "x"])
        #expect(readOnly["Country"] == .null)
        #expect(readOnly["@url"] == "https://api.fortnox.se/3/customers/1")
    }

    @Test(arguments: [
        ("", 2_001_392), ("{\"Customer\":", 2_002_115), ("not json", 2_002_115), ("[]", 2_001_392),
        ("{\"Article\":{\"Description\":\"x\"}}", 2_001_392), ("{\"Customer\":\"Acme\"}", 2_001_392),
        ("{\"Customer\":{}}", 2_099_001),
    ])
    func malformedBodiesGetTheirCodeAndChangeNothing(body: String, code: Int) throws {
        let harness = try FortnoxHarness()
        let response = harness.send(
            .post, "/3/customers", body: Data(body.utf8), headers: [("Content-Type", "application/json")]
        )
        #expect(response.status == 400)
        #expect(response.errorCode == code)
        #expect(response.json["ErrorInformation"]?["code"] != nil)  // 400s use lower-case keys
        #expect(harness.send(.get, "/3/customers").json["MetaInformation"]?["@TotalResources"] == 0)
        #expect(try harness.create("customers", "Customer", ["Name": "First"])["CustomerNumber"] == "1")
    }

    @Test func wrongTypesGetTheFortnoxTypeCodes() throws {
        let harness = try FortnoxHarness()
        #expect(harness.send(.post, "/3/customers", ["Customer": ["Name": ["nested": 1]]]).errorCode == 2_000_106)
        #expect(
            harness.send(.post, "/3/customers", ["Customer": ["Name": "A", "Active": "yes"]]).errorCode == 2_000_134)
        #expect(
            harness.send(.post, "/3/customers", ["Customer": ["Name": "A", "InvoiceDiscount": "ten"]]).errorCode
                == 2_000_108)
        #expect(
            harness.send(.post, "/3/customers", ["Customer": ["Name": "A", "ZipCode": "12345678901"]]).errorCode
                == 2_099_002)
        #expect(
            harness.send(.post, "/3/customers", ["Customer": ["Name": "A", "Type": "ALIEN"]]).errorCode == 2_099_003)
    }

    @Test func aCustomerWithInvoicesCannotBeDeleted() throws {
        let harness = try FortnoxHarness()
        try harness.seedMasterData()
        try harness.create("invoices", "Invoice", ["CustomerNumber": "1"])
        let response = harness.send(.delete, "/3/customers/1")
        #expect(response.status == 400)
        #expect(response.errorCode == 2_099_017)
        #expect(harness.send(.get, "/3/customers/1").status == 200)
    }

    @Test func seedAppliesPostValidationAndReturnsTheStoredEntity() throws {
        let harness = try FortnoxHarness()
        let stored = try harness.emulator.seed(.customers, ["Customer": ["Name": "Seeded"]])
        #expect(stored["CustomerNumber"] == "1")
        #expect(stored["Currency"] == "SEK")
        #expect(throws: FortnoxSeedError.self) {
            try harness.emulator.seed(.customers, ["Name": "X", "CountryCode": "QQ"])
        }
        do {
            _ = try harness.emulator.seed(.customers, ["Name": "Y", "CustomerNumber": "1"])
            Issue.record("a taken number was seeded")
        } catch {
            #expect(error.code == 2_000_637)
            #expect(error.status == 400)
        }
    }
}
