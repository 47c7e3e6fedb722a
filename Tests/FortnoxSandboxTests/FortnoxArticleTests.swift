import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: articles, units and prices")
struct FortnoxArticleTests {
    @Test func createFillsInTheRecordedDefaults() throws {
        let harness = try FortnoxHarness()
        let article = try harness.create("articles", "Article", ["Description": "A value", "SalesAccount": 1250])
        #expect(article["ArticleNumber"] == "1")
        #expect(article["Type"] == "STOCK")
        #expect(article["Unit"] == .null)
        #expect(article["VAT"] == 0)
        #expect(article["SalesPrice"] == .null)
        #expect(article["Active"] == true)
        #expect(article["SalesAccount"] == 1250)
        #expect(article["PurchaseAccount"] == 4000)
        #expect(article["EUAccount"] == 3108)
        #expect(article["@url"] == "https://api.fortnox.se/3/articles/1")
    }

    @Test func anArticleWithAnUnknownUnitGets400AndChangesNothing() throws {
        let harness = try FortnoxHarness()
        let response = harness.send(.post, "/3/articles", ["Article": ["Description": "Bolt", "Unit": "kg"]])
        #expect(response.status == 400)
        #expect(response.errorCode == 2_099_006)
        #expect(harness.send(.get, "/3/articles").json["Articles"] == [])
        try harness.create("units", "Unit", ["Code": "kg", "Description": "Kilogram"])
        #expect(
            try harness.create("articles", "Article", ["Description": "Bolt", "Unit": "kg"])["ArticleNumber"] == "1")
    }

    @Test func salesPriceInAnArticleWriteIsIgnoredAndComesFromPriceListA() throws {
        let harness = try FortnoxHarness()
        let article = try harness.create("articles", "Article", ["Description": "Hammer", "SalesPrice": 199])
        #expect(article["SalesPrice"] == .null)
        let price = harness.send(
            .post, "/3/prices", ["Price": ["ArticleNumber": "1", "PriceList": "A", "FromQuantity": 0, "Price": 199]]
        )
        #expect(price.status == 201)
        #expect(price.json["Price"]?["@url"] == "https://api.fortnox.se/3/prices/A/1/0")
        #expect(try harness.get("articles/1", "Article")["SalesPrice"] == 199)
        #expect(harness.send(.put, "/3/prices/A/1/0", ["Price": ["Price": .literal("249.5")]]).status == 200)
        #expect(try harness.get("articles/1", "Article")["SalesPrice"]?.decimal == Decimal(string: "249.5"))
        #expect(try harness.get("prices/A/1", "Price")["Price"]?.decimal == Decimal(string: "249.5"))
    }

    @Test func aPriceChangeCountsAsAModificationOfTheArticle() throws {
        let harness = try FortnoxHarness()
        try harness.create("articles", "Article", ["Description": "Hammer"])
        harness.clock.advance(by: 1800)
        #expect(harness.send(.get, "/3/articles?lastmodified=2026-01-01%2001:15").json["Articles"] == [])
        try harness.create("prices", "Price", ["ArticleNumber": "1", "PriceList": "A", "Price": 10])
        let changed = harness.send(.get, "/3/articles?lastmodified=2026-01-01%2001:15").json["Articles"]
        #expect(changed?.arrayValue?.count == 1)
    }

    @Test func pricesNeedAnExistingArticleAndPriceListAndAreUnique() throws {
        let harness = try FortnoxHarness()
        try harness.create("articles", "Article", ["Description": "Hammer"])
        #expect(
            harness.send(.post, "/3/prices", ["Price": ["ArticleNumber": "9", "PriceList": "A", "Price": 1]]).errorCode
                == 2_001_302)
        #expect(
            harness.send(.post, "/3/prices", ["Price": ["ArticleNumber": "1", "PriceList": "Z", "Price": 1]]).errorCode
                == 2_099_019)
        try harness.create("prices", "Price", ["ArticleNumber": "1", "PriceList": "A", "Price": 1])
        #expect(
            harness.send(.post, "/3/prices", ["Price": ["ArticleNumber": "1", "PriceList": "A", "Price": 2]]).errorCode
                == 2_099_010)
        try harness.create(
            "prices", "Price", ["ArticleNumber": "1", "PriceList": "A", "FromQuantity": 10, "Price": .literal("0.9")])
        let sublist = harness.send(.get, "/3/prices/sublist/A/1").json
        #expect(sublist["Prices"]?.arrayValue?.compactMap { $0["FromQuantity"]?.decimal } == [0, 10])
        #expect(harness.send(.delete, "/3/prices/A/1/10").status == 204)
        #expect(harness.send(.get, "/3/prices/A/1/10").status == 404)
    }

    @Test func articleNumberCannotChange() throws {
        let harness = try FortnoxHarness()
        try harness.create("articles", "Article", ["Description": "Hammer", "ArticleNumber": "H-1"])
        let response = harness.send(.put, "/3/articles/H-1", ["Article": ["ArticleNumber": "H-2", "Description": "x"]])
        #expect(response.status == 400)
        #expect(response.errorCode == 2_099_011)
        #expect(try harness.get("articles/H-1", "Article")["Description"] == "Hammer")
        #expect(
            harness.send(.put, "/3/articles/H-1", ["Article": ["ArticleNumber": "H-1", "Description": "y"]]).status
                == 200)
    }

    @Test func listItemsArePartialWithNumbersAsStrings() throws {
        let harness = try FortnoxHarness()
        try harness.create(
            "articles", "Article", ["Description": "Hammer", "VAT": 25, "PurchasePrice": .literal("12.5"), "Note": "n"])
        let item = try #require(harness.send(.get, "/3/articles").json["Articles"]?.arrayValue?.first)
        #expect(item["VAT"] == "25")
        #expect(item["PurchasePrice"] == "12.5")
        #expect(item["QuantityInStock"] == "0")
        #expect(item["SalesPrice"] == .null)
        #expect(item["Note"] == nil)
        #expect(item.objectValue?.count == 15)
    }

    @Test func unitCodesMayBeNonASCIIAndAreEncodedInPathsAndURLs() throws {
        let harness = try FortnoxHarness()
        let unit = try harness.create("units", "Unit", ["Code": "förp", "Description": "Förpackning"])
        #expect(
            unit == [
                "@url": "https://api.fortnox.se/3/units/f%C3%B6rp", "Code": "förp", "CodeEnglish": "",
                "Description": "Förpackning",
            ])
        #expect(try harness.get("units/f%C3%B6rp", "Unit")["Description"] == "Förpackning")
        let renamed = harness.send(.put, "/3/units/f%C3%B6rp", ["Unit": ["Code": "pkt"]])
        #expect(renamed.errorCode == 2_099_011)
        #expect(harness.send(.post, "/3/units", ["Unit": ["Description": "no code"]]).errorCode == 2_099_001)
        #expect(
            harness.send(.post, "/3/units", ["Unit": ["Code": "förp", "Description": "dup"]]).errorCode == 2_099_010)
    }

    @Test func aUnitUsedByAnArticleCannotBeDeleted() throws {
        let harness = try FortnoxHarness()
        try harness.create("units", "Unit", ["Code": "st", "Description": "Styck"])
        try harness.create("articles", "Article", ["Description": "Hammer", "Unit": "st"])
        #expect(harness.send(.delete, "/3/units/st").errorCode == 2_099_017)
        #expect(harness.send(.delete, "/3/articles/1").status == 204)
        #expect(harness.send(.delete, "/3/units/st").status == 204)
    }
}

@Suite("Fortnox emulator: projects and cost centers")
struct FortnoxProjectTests {
    @Test func createDefaultsStatusToOngoingAndAssignsANumber() throws {
        let harness = try FortnoxHarness()
        let project = try harness.create(
            "projects", "Project", ["Comments": "A value", "Description": "Some important project"])
        #expect(
            project
                == [
                    "@url": "https://api.fortnox.se/3/projects/1", "ProjectNumber": "1", "Status": "ONGOING",
                    "StartDate": nil, "EndDate": nil, "ProjectLeader": nil, "ContactPerson": nil, "Comments": "A value",
                    "Description": "Some important project",
                ]
        )
        let item = try #require(harness.send(.get, "/3/projects").json["Projects"]?.arrayValue?.first)
        #expect(item["Comments"] == nil)
        #expect(item["ContactPerson"] == nil)
        #expect(item["Status"] == "ONGOING")
    }

    @Test func projectsHaveNoCustomerFieldAndShortDescriptions() throws {
        let harness = try FortnoxHarness()
        #expect(
            harness.send(.post, "/3/projects", ["Project": ["Description": "P", "CustomerNumber": "1"]]).errorCode
                == 2_001_399)
        let long = String(repeating: "x", count: 51)
        #expect(harness.send(.post, "/3/projects", ["Project": ["Description": .string(long)]]).errorCode == 2_099_002)
        #expect(
            harness.send(.post, "/3/projects", ["Project": ["Description": "P", "Status": "DONE"]]).errorCode
                == 2_099_003)
    }

    @Test("R3.2: projects are created and updated while project accounting is off")
    func projectsWorkWithProjectAccountingOff() throws {
        let harness = try FortnoxHarness(projectAccounting: false)
        try harness.create("projects", "Project", ["Description": "Utan projektredovisning", "ProjectNumber": "P7"])
        #expect(harness.send(.put, "/3/projects/P7", ["Project": ["Status": "COMPLETED"]]).status == 200)
        #expect(try harness.get("projects/P7", "Project")["Status"] == "COMPLETED")
    }

    @Test func costCentersNeedACodeOfAtMostSixCharacters() throws {
        let harness = try FortnoxHarness()
        let center = try harness.create("costcenters", "CostCenter", ["Code": "ADM", "Description": "Administration"])
        #expect(
            center == [
                "@url": "https://api.fortnox.se/3/costcenters/ADM", "Active": true, "Code": "ADM",
                "Description": "Administration", "Note": nil,
            ])
        #expect(
            harness.send(.post, "/3/costcenters", ["CostCenter": ["Code": "TOOLONG", "Description": "x"]]).errorCode
                == 2_099_002)
        #expect(harness.send(.get, "/3/costcenters").json["CostCenters"]?.arrayValue?.count == 1)
    }

    @Test func aProjectUsedOnAnInvoiceCannotBeDeleted() throws {
        let harness = try FortnoxHarness()
        try harness.seedMasterData()
        try harness.create(
            "invoices", "Invoice", ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1", "Project": "P1"]]])
        #expect(harness.send(.delete, "/3/projects/P1").errorCode == 2_099_017)
        #expect(harness.send(.delete, "/3/costcenters/CC1").status == 204)
    }
}
