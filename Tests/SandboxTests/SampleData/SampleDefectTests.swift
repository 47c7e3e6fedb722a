import Foundation
import JSONSupport
import Sandbox
import Testing

/// Every defect of the catalogue is in the data exactly as tagged, and is a record the emulators
/// accepted (the rules are Brygga's, not the APIs').
@Suite struct SampleDefectTests {
    /// The sandbox every test here inspects, made once (small is fast; the tests only read it).
    private static let shared: (state: ExportedState, defects: [SampleDefectRecord])? = {
        guard let (environment, summary) = try? SampleSandbox.make(seed: 11, size: .small) else { return nil }
        return (ExportedState(environment), summary.defects)
    }()

    private static func sample() throws -> (state: ExportedState, defects: [SampleDefectRecord]) {
        try #require(shared, "the sample sandbox could not be made")
    }

    @Test func theCatalogueNamesEveryDefectWithItsRuleAndExpectation() throws {
        let (_, defects) = try Self.sample()
        #expect(Set(defects.map(\.defect)) == Set(SampleDefect.allCases))
        let rules = Dictionary(grouping: SampleDefect.allCases, by: \.rule).mapValues(Set.init)
        #expect(rules["R1.2"] == [.productCodeNotNumeric, .productCodeEmpty, .articleNumberNotNumeric])
        #expect(rules["R2.2"] == [.customerWithoutVATNumber, .customerMalformedVATNumber, .customerWithoutAddress])
        #expect(rules["R2.3"] == [.privateCustomer])
        #expect(rules["R2.4"] == [.twoBillingAddresses])
        #expect(rules["R3.3"] == [.projectOfInvalidCustomer])
        #expect(
            rules["R5.3"] == [.supplierInvoiceRowWithoutArticle, .feeArticleIsSeveraProduct, .feeArticleIsWorkType])
        #expect(rules["R5.1"] == [.feeForFortnoxOnlyProject, .feeForClosedProject, .feeOnCurrencyProject])
        #expect(rules["R4.3"] == [.invoiceAttachments])
        #expect(rules["R4.4"] == [.creditedInvoice, .fullCreditNote, .partialCreditNote])
        #expect(rules["R4.5"] == [.invoiceDimensionsWithoutFortnoxCostCenter])
        #expect(rules["R4.2"]?.count == 8)
        #expect(SampleDefect.partialCreditNote.expectation == .refused)
        #expect(SampleDefect.fullCreditNote.expectation == .accepted)
        #expect(SampleDefect.feeForFortnoxOnlyProject.expectation == .skipped)
        #expect(SampleDefect.productUnitNotInFortnox.expectation == .refused)
        #expect(SampleDefect.productUnitEmpty.expectation == .accepted)
        #expect(SampleDefect.privateCustomer.expectation == .skipped)
        #expect(SampleDefect.productNameDiffers.expectation == .conflict)
        #expect(defects.count == 24 + 14 + 5)
        #expect(defects.filter { $0.entity == .invoice }.count == 14)
    }

    @Test func theCatalogueIsTheSameForEverySeedButItsGuidsAndSupplierInvoiceNumbers() throws {
        let first = try SampleSandbox.make(seed: 1, size: .small).summary.defects
        let second = try SampleSandbox.make(seed: 99, size: .demo).summary.defects
        // Invoice guids and supplier invoices' GivenNumbers depend on the seed; their names do not.
        let keys = { (records: [SampleDefectRecord]) in
            records.map { record in
                let key = record.entity == .supplierInvoice || record.entity == .invoice ? "" : record.key
                return "\(record.defect) \(record.side) \(key) \(record.name)"
            }
        }
        #expect(keys(first) == keys(second))
    }

    @Test(arguments: SampleDefect.allCases)
    func theDefectIsInTheDataAsTagged(_ defect: SampleDefect) throws {
        let (state, defects) = try Self.sample()
        let records = defects.filter { $0.defect == defect }
        try #require(!records.isEmpty)
        for record in records {
            try check(record, in: state)
        }
    }

    private func check(_ record: SampleDefectRecord, in state: ExportedState) throws {
        let articles = state.fortnox("articles")
        let severaProduct = state.severaProducts().first { $0["code"]?.stringValue == record.key }
        switch record.defect {
        case .productCodeNotNumeric, .productCodeEmpty:
            #expect(record.side == .severa)
            #expect(severaProduct?["name"]?.stringValue == record.name)
            #expect(!record.key.allSatisfy(\.isNumber) || record.key.isEmpty)
            #expect(articles[record.key] == nil)
        case .articleNumberNotNumeric:
            #expect(articles[record.key]?["Description"]?.stringValue == record.name)
            #expect(severaProduct == nil)
        case .productUnitNotInFortnox:
            let unit = try #require(severaProduct?["measurementUnit"]?.stringValue)
            #expect(unit == "pall")
            #expect(state.fortnox("units")[unit] == nil)
            #expect(articles[record.key] == nil)
        case .productUnitEmpty:
            #expect(severaProduct != nil)
            let unit = severaProduct?["measurementUnit"]?.stringValue ?? ""
            #expect(unit.isEmpty)
            #expect(articles[record.key] == nil)
        case .productNameDiffers:
            let severaName = try #require(severaProduct?["name"]?.stringValue)
            let fortnoxName = try #require(articles[record.key]?["Description"]?.stringValue)
            #expect(severaName != fortnoxName)
            #expect(record.name == (record.side == .severa ? severaName : fortnoxName))
        case .productCodeDiffers:
            if record.side == .severa {
                #expect(severaProduct?["name"]?.stringValue == record.name)
                #expect(articles[record.key] == nil)
            } else {
                #expect(articles[record.key]?["Description"]?.stringValue == record.name)
                #expect(severaProduct == nil)
            }
        case .customerWithoutVATNumber, .customerMalformedVATNumber, .customerWithoutAddress, .twoBillingAddresses:
            try checkSeveraCustomer(record, in: state)
        case .privateCustomer:
            let customer = try #require(state.fortnox("customers")[record.key])
            #expect(customer["Type"] == "PRIVATE")
            #expect(customer["Name"]?.stringValue == record.name)
            #expect(state.severaCustomer(Int(record.key) ?? 0) == nil)
        case .projectOfInvalidCustomer:
            let project = try #require(state.severa("projects").first { $0["number"] == .number(JSONNumber(9001)) })
            let customer = try #require(state.severaCustomer(9001))
            let projectCustomer = project["customer"]?.stringValue ?? project["customer"]?["guid"]?.stringValue
            #expect(projectCustomer == customer["guid"]?.stringValue)
            #expect(customer["vatNumber"] == nil)
            #expect(state.fortnox("projects")[record.key] == nil)
        case .supplierInvoiceRowWithoutArticle:
            let invoice = try #require(state.fortnox("supplierinvoices")[record.key])
            #expect(invoice["InvoiceNumber"]?.stringValue == record.name)
            let rows = (invoice["SupplierInvoiceRows"]?.arrayValue ?? []).filter { $0["Project"] == "9003" }
            #expect(rows.count == 1)
            let article = rows.first?["ArticleNumber"]?.stringValue ?? ""
            #expect(article.isEmpty)
            #expect(state.fortnox("projects")["9003"] != nil)
        case .nonASCIINames:
            #expect(record.name.contains { "ÅÄÖØÆåäöøæ".contains($0) })
            try checkPresentAsNamed(record, in: state)
        case .namesAtFieldLimits:
            try checkAtLimit(record, in: state)
        case .unitFörp:
            #expect(severaProduct?["measurementUnit"] == "förp")
            #expect(articles[record.key]?["Unit"] == "förp")
            #expect(state.fortnox("units")["förp"] != nil)
        case .invoiceWithTextRows, .invoiceAttachments, .invoiceInEUR, .invoiceDimensionsWithoutFortnoxCostCenter,
            .invoiceRowTextOver255, .invoiceWithoutNumber, .creditedInvoice, .fullCreditNote, .partialCreditNote,
            .invoiceOfUnlinkedCustomer, .invoiceRowUnknownProduct, .invoiceQuantityThreeDecimals,
            .invoiceRowFractionalVAT:
            try InvoiceDefectCheck(state: state).check(record)
        case .feeArticleIsSeveraProduct, .feeForFortnoxOnlyProject, .feeForClosedProject, .feeArticleIsWorkType,
            .feeOnCurrencyProject:
            try FeeDefectCheck(state: state).check(record)
        }
    }

    private func checkSeveraCustomer(_ record: SampleDefectRecord, in state: ExportedState) throws {
        let customer = try #require(state.severaCustomer(Int(record.key) ?? 0))
        #expect(customer["name"]?.stringValue == record.name)
        #expect(state.fortnox("customers")[record.key] == nil)
        let addresses = state.severaAddresses(of: customer["guid"])
        switch record.defect {
        case .customerWithoutVATNumber:
            #expect(customer["vatNumber"] == nil)
            #expect(!addresses.isEmpty)
        case .customerMalformedVATNumber:
            #expect(customer["vatNumber"] == "SE55667788")
        case .customerWithoutAddress:
            #expect(addresses.isEmpty)
            #expect(customer["vatNumber"]?.stringValue?.hasSuffix("01") == true)
        default:
            let billing = addresses.filter { $0["isBillingAddress"] == .bool(true) }
            #expect(billing.count == 2)
            #expect(billing.first?["addressline"] == "Första Långgatan 12")
        }
    }

    private func checkPresentAsNamed(_ record: SampleDefectRecord, in state: ExportedState) throws {
        switch record.entity {
        case .customer:
            #expect(state.severaCustomer(Int(record.key) ?? 0)?["name"]?.stringValue == record.name)
            #expect(state.fortnox("customers")[record.key]?["Name"]?.stringValue == record.name)
        case .product:
            #expect(state.severaProducts().contains { $0["name"]?.stringValue == record.name })
            #expect(state.fortnox("articles")[record.key]?["Description"]?.stringValue == record.name)
        case .project:
            #expect(state.severa("projects").contains { $0["name"]?.stringValue == record.name })
            #expect(state.fortnox("projects")[record.key]?["Description"]?.stringValue == record.name)
        case .supplierInvoice, .invoice:
            Issue.record("no invoice has a name to check")
        }
    }

    private func checkAtLimit(_ record: SampleDefectRecord, in state: ExportedState) throws {
        switch record.entity {
        case .customer:
            let customer = try #require(state.severaCustomer(Int(record.key) ?? 0))
            let visit = state.severaAddresses(of: customer["guid"]).first { $0["isVisitAddress"] == .bool(true) }
            #expect(visit?["addressline"]?.stringValue?.utf16.count == 128)
        case .product:
            #expect(record.name.utf16.count == 200)
            #expect(state.severaProducts().contains { $0["name"]?.stringValue == record.name })
        case .project:
            #expect(record.name.utf16.count == 50)
            #expect(state.severa("projects").contains { $0["name"]?.stringValue == record.name })
        case .supplierInvoice, .invoice:
            Issue.record("no invoice is at a field limit")
        }
    }
}
