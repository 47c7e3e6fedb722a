import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import Testing

/// The generator is deterministic, sizes its output as asked, and every record is one the emulators
/// accept.
@Suite struct SampleDataGeneratorTests {
    @Test func theSameSeedGivesByteIdenticalStates() throws {
        let first = try SampleSandbox.make(seed: 42, size: .demo).environment.stateData()
        let second = try SampleSandbox.make(seed: 42, size: .demo).environment.stateData()
        #expect(first == second)
    }

    @Test func anotherSeedGivesOtherData() throws {
        let first = try SampleSandbox.make(seed: 42).environment.stateData()
        let second = try SampleSandbox.make(seed: 43).environment.stateData()
        #expect(first != second)
        let names = { (state: ExportedState) in state.severa("customers").compactMap { $0["name"]?.stringValue } }
        let firstNames = names(ExportedState(try SampleSandbox.make(seed: 42).environment))
        let secondNames = names(ExportedState(try SampleSandbox.make(seed: 43).environment))
        #expect(firstNames != secondNames)
    }

    @Test func aRecordDependsOnlyOnTheSeedAndItsIndexNotOnTheSize() throws {
        let small = ExportedState(try SampleSandbox.make(size: .small).environment)
        let demo = ExportedState(try SampleSandbox.make(size: .demo).environment)
        for number in 10_001...10_012 {
            #expect(small.severaCustomer(number)?["name"] == demo.severaCustomer(number)?["name"])
            #expect(small.fortnox("customers")[String(number)] == demo.fortnox("customers")[String(number)])
        }
    }

    struct Expected: Sendable, CustomTestStringConvertible {
        let name: String
        let size: SampleDataSize
        let severaCustomers, fortnoxCustomers, severaProducts, fortnoxArticles, severaProjects, fortnoxProjects: Int
        var testDescription: String { name }
    }

    /// Regular records plus the catalogue (7 Severa and 4 Fortnox customers, 9 Severa and 5 Fortnox
    /// products, 6 Severa and 5 Fortnox projects, 14 invoices, 6 supplier invoices).
    @Test(arguments: [
        Expected(
            name: "small", size: .small, severaCustomers: 11 + 7, fortnoxCustomers: 10 + 4, severaProducts: 10 + 9,
            fortnoxArticles: 10 + 5, severaProjects: 4 + 6, fortnoxProjects: 3 + 5),
        Expected(
            name: "demo", size: .demo, severaCustomers: 45 + 7, fortnoxCustomers: 40 + 4, severaProducts: 28 + 9,
            fortnoxArticles: 28 + 5, severaProjects: 10 + 6, fortnoxProjects: 7 + 5),
    ])
    func countsFollowTheSize(_ expected: Expected) throws {
        let (environment, summary) = try SampleSandbox.make(size: expected.size)
        let state = ExportedState(environment)
        #expect(summary.severa.customers == expected.severaCustomers)
        #expect(state.severa("customers").count == expected.severaCustomers)
        #expect(summary.fortnox.customers == expected.fortnoxCustomers)
        #expect(state.fortnox("customers").count == expected.fortnoxCustomers)
        let severaProducts = summary.severa.products + summary.severa.workTypes + summary.severa.travelExpenseTypes
        #expect(severaProducts == expected.severaProducts)
        #expect(state.severaProducts().count == expected.severaProducts)
        #expect(summary.fortnox.articles == expected.fortnoxArticles)
        #expect(state.fortnox("articles").count == expected.fortnoxArticles)
        #expect(state.fortnox("prices").count == expected.fortnoxArticles)
        #expect(state.severa("projects").count == expected.severaProjects)
        #expect(state.fortnox("projects").count == expected.fortnoxProjects)
        #expect(state.severa("invoices").count == expected.size.invoices + 14)
        #expect(summary.severa.invoiceRows == state.severa("invoiceRows").count)
        #expect(summary.severa.invoiceRows >= expected.size.invoices)
        #expect(state.fortnox("supplierinvoices").count == expected.size.supplierInvoices + 6)
        #expect(summary.severa.addresses == state.severa("addresses").count)
    }

    @Test func zeroRegularRecordsStillGiveTheCatalogue() throws {
        let none = SampleDataSize(customers: 0, products: 0, projects: 0, invoices: 2, supplierInvoices: 1)
        let (environment, summary) = try SampleSandbox.make(size: none)
        let state = ExportedState(environment)
        #expect(state.severa("customers").count == 7)
        #expect(state.severa("invoices").count == 2 + 14)
        #expect(state.fortnox("supplierinvoices").count == 1 + 6)
        #expect(Set(summary.defects.map(\.defect)) == Set(SampleDefect.allCases))
    }

    @Test func invoicesComeInEveryStatusAndTheirRowsReferenceSeveraProducts() throws {
        let (environment, summary) = try SampleSandbox.make(size: .demo)
        let catalogued = Set(summary.defects.filter { $0.entity == .invoice }.map(\.key))
        let state = ExportedState(environment)
        let statuses = Dictionary(
            uniqueKeysWithValues: state.severa("invoiceStatuses").compactMap { status in
                status["guid"].flatMap { guid in status["name"]?.stringValue.map { (guid, $0) } }
            })
        let used = Set(state.severa("invoices").compactMap { $0["status"].flatMap { statuses[$0] } })
        #expect(used == ["Draft", "Ready for transfer", "Transferred", "Paid", "Error"])
        let codes = Set(state.severaProducts().compactMap { $0["code"]?.stringValue })
        let articles = state.fortnox("articles")
        for row in state.severa("invoiceRows") where !catalogued.contains(row["owner"]?.stringValue ?? "") {
            let code = try #require(row["code"]?.arrayValue?.first?.stringValue)
            #expect(codes.contains(code), "invoice row code \(code) is a Severa product")
            #expect(articles[code] != nil, "invoice row code \(code) is a Fortnox article (R4.2)")
        }
    }

    @Test func supplierInvoiceRowsAreBookedToFortnoxProjectsAndCostCenters() throws {
        let (environment, _) = try SampleSandbox.make(size: .demo)
        let state = ExportedState(environment)
        let projects = state.fortnox("projects")
        let costCenters = state.fortnox("costcenters")
        var booked = 0
        for (_, invoice) in state.fortnox("supplierinvoices") {
            for row in invoice["SupplierInvoiceRows"]?.arrayValue ?? [] where row["Code"] == .null {
                let project = try #require(row["Project"]?.stringValue)
                #expect(projects[project] != nil)
                #expect(costCenters[row["CostCenter"]?.stringValue ?? ""] != nil)
                booked += 1
            }
        }
        #expect(booked >= 7)
    }

    @Test("R5.1: every supplier invoice is booked; regular rows are products on open SEK projects in Severa")
    func regularSupplierInvoiceRowsMakeGoodFees() throws {
        let (environment, summary) = try SampleSandbox.make(size: .demo)
        let state = ExportedState(environment)
        let catalogued = Set(summary.defects.filter { $0.entity == .supplierInvoice }.map(\.key))
        let products = Set(state.severa("products").compactMap { $0["code"]?.stringValue })
        let sek = state.severa("currencies").first { $0["code"] == "SEK" }?["guid"]
        var rows = 0
        for (givenNumber, invoice) in state.fortnox("supplierinvoices") {
            #expect(invoice["Booked"] == true, "supplier invoice \(givenNumber)")
            guard !catalogued.contains(givenNumber) else { continue }
            for row in invoice["SupplierInvoiceRows"]?.arrayValue ?? [] where row["Code"] == .null {
                let project = state.severa("projects").first {
                    $0["number"]?.numberValue?.literal == row["Project"]?.stringValue
                }
                #expect(project != nil && project?["isClosed"] == nil && project?["currency"] == sek)
                #expect(products.contains(row["ArticleNumber"]?.stringValue ?? ""))
                rows += 1
            }
        }
        #expect(rows >= 6)
    }

    @Test("R4.5: the dimension registers cover mapped, missing and inactive Fortnox cost centers")
    func dimensionRegistersCoverEveryCase() throws {
        let (environment, summary) = try SampleSandbox.make(size: .small)
        let state = ExportedState(environment)
        let fortnox = state.fortnox("costcenters")
        #expect(Set(fortnox.keys) == ["100", "200", "300", "500"])
        #expect(fortnox.filter { $0.value["Active"] == false }.map(\.key) == ["500"])
        let centers = state.severa("costCenters")
        let identifiers = Dictionary(
            uniqueKeysWithValues: centers.compactMap { center in
                center["guid"]?.stringValue.flatMap { guid in center["identifier"]?.stringValue.map { (guid, $0) } }
            })
        #expect(Set(identifiers.values) == ["100", "200", "400", "500"])
        var unitCenters: [String: String] = [:]
        for unit in state.severa("businessUnits") {
            guard let code = unit["code"]?.stringValue else { continue }
            unitCenters[code] = unit["costCenter"]?.stringValue.flatMap { identifiers[$0] } ?? ""
        }
        #expect(unitCenters == ["BSAB": "", "STHLM": "", "GBG": "200", "MMO": "400", "UME": "500"])
        #expect(summary.fortnox.costCenters == 4)
        #expect(summary.severa.businessUnits == 3 && summary.severa.costCenters == 2)
    }
}
