import Foundation
import JSONSupport
import Sandbox
import Testing

/// Checks that an invoice defect (R4) is in the Severa data as tagged: in the trigger status, with the
/// number its name gives, and with the oddity it is named for.
struct InvoiceDefectCheck {
    let state: ExportedState

    func check(_ record: SampleDefectRecord) throws {
        #expect(record.entity == .invoice && record.side == .severa)
        let invoice = try #require(severaInvoice(record.key), "invoice \(record.key)")
        #expect(invoice["status"]?.stringValue == guid(of: "invoiceStatuses", "name", "Ready for transfer"))
        #expect(invoice["number"]?.numberValue?.int64.map(String.init) ?? "" == record.name)
        let rows = state.severa("invoiceRows").filter { $0["owner"]?.stringValue == record.key }
        try #require(!rows.isEmpty)
        let codes = rows.map { $0["code"]?.arrayValue?.first?.stringValue ?? "" }
        switch record.defect {
        case .invoiceWithTextRows:
            #expect(codes == ["9009", "9008", "", ""])
            #expect(rows[2]["quantity"]?.numberValue?.decimal ?? 0 == 0)
            #expect(rows[3]["salesAccount"]?["number"] == "3540")
            #expect(state.fortnox("articles")["9008"] != nil && state.fortnox("articles")["9009"] != nil)
        case .invoiceAttachments:
            try checkAttachments(of: record.key)
        case .invoiceInEUR:
            #expect(invoice["currency"]?.stringValue == guid(of: "currencies", "code", "EUR"))
            #expect(rows.allSatisfy { $0["unitPrice"]?["currencyCode"] == "EUR" && $0["vatRate"] == 0 })
            #expect(project(of: invoice)?["number"] == 9011)
            #expect(state.fortnox("customers")["9011"]?["Currency"] == "EUR")
        case .invoiceDimensionsWithoutFortnoxCostCenter:
            let unit = try #require(project(of: invoice)?["businessUnit"]?.stringValue)
            let businessUnit = try #require(state.severa("businessUnits").first { $0["guid"]?.stringValue == unit })
            #expect(businessUnit["code"] == "MMO")
            #expect(identifier(ofCostCenter: businessUnit["costCenter"]?.stringValue) == "400")
            #expect(rows.map { $0["costCenter"]?["number"] } == ["400", "500"])
            #expect(state.fortnox("costcenters")["400"] == nil)
            #expect(state.fortnox("costcenters")["500"]?["Active"] == false)
        case .invoiceRowTextOver255:
            #expect(rows.contains { ($0["description"]?.stringValue?.count ?? 0) > 255 })
        case .invoiceWithoutNumber:
            #expect(invoice["number"] == nil)
        case .creditedInvoice:
            let note = try #require(
                state.severa("invoices").first { $0["reimburseInvoice"]?.stringValue == record.key })
            #expect(invoice["creditNoteInvoice"] == note["guid"])
        case .fullCreditNote, .partialCreditNote:
            #expect(invoice["isCreditNote"] == true)
            let original = try #require(invoice["reimburseInvoice"]?.stringValue)
            let credited = total(of: original)
            #expect(credited > 0)
            #expect((total(of: record.key) == -credited) == (record.defect == .fullCreditNote))
            #expect(total(of: record.key) < 0)
        case .invoiceOfUnlinkedCustomer:
            let customer = try #require(state.severaCustomer(9001))
            #expect(invoice["customer"] == customer["guid"])
            #expect(customer["vatNumber"] == nil)
        case .invoiceRowUnknownProduct:
            #expect(codes.contains("9099"))
            #expect(!state.severaProducts().contains { $0["code"] == "9099" })
            #expect(state.fortnox("articles")["9099"] == nil)
        case .invoiceQuantityThreeDecimals:
            #expect(rows.contains { $0["quantity"]?.numberValue?.literal == "1.125" })
        case .invoiceRowFractionalVAT:
            #expect(rows.contains { $0["vatRate"]?.numberValue?.literal == "25.5" })
        default:
            Issue.record("\(record.defect) is not an invoice defect")
        }
    }

    private func checkAttachments(of invoice: String) throws {
        let files = state.severa("invoiceFiles").filter { $0["owner"]?.stringValue == invoice }
        let contents = state.json["severa"]?["organisation"]?["files"]
        let sizes = files.map { file in
            file["fileGuid"]?.stringValue.flatMap { contents?[$0]?.stringValue }.flatMap { Data(base64Encoded: $0) }?
                .count ?? -1
        }
        let limit = 5 * 1_024 * 1_024
        let isPDF = files.map { $0["contentType"] == "application/pdf" }
        let isInternal = files.map { $0["isInternal"] == true }
        let eligible = files.indices.filter { isPDF[$0] && !isInternal[$0] && sizes[$0] <= limit }
        #expect(files.count == 9)
        #expect(eligible.count == 6)
        #expect(files.indices.filter { !isPDF[$0] }.count == 2)
        #expect(files.indices.contains { isPDF[$0] && isInternal[$0] })
        #expect(sizes.allSatisfy { $0 > 0 })
    }

    private func severaInvoice(_ guid: String) -> [String: JSONValue]? {
        state.severa("invoices").first { $0["guid"]?.stringValue == guid }
    }

    private func project(of invoice: [String: JSONValue]) -> [String: JSONValue]? {
        let guid = invoice["projects"]?.arrayValue?.first?["guid"]
        return state.severa("projects").first { $0["guid"] == guid }
    }

    private func guid(of table: String, _ field: String, _ value: String) -> String? {
        state.severa(table).first { $0[field]?.stringValue == value }?["guid"]?.stringValue
    }

    private func identifier(ofCostCenter guid: String?) -> String? {
        state.severa("costCenters").first { $0["guid"]?.stringValue == guid }?["identifier"]?.stringValue
    }

    /// Σ quantity × unit price of the invoice's rows.
    private func total(of invoice: String) -> Decimal {
        state.severa("invoiceRows").filter { $0["owner"]?.stringValue == invoice }.reduce(0) { sum, row in
            let quantity = row["quantity"]?.numberValue?.decimal ?? 0
            return sum + quantity * (row["unitPrice"]?["amount"]?.numberValue?.decimal ?? 0)
        }
    }
}

/// Checks that a fee defect (R5) is a booked Fortnox supplier invoice with one cost row as tagged.
struct FeeDefectCheck {
    let state: ExportedState

    func check(_ record: SampleDefectRecord) throws {
        #expect(record.entity == .supplierInvoice && record.side == .fortnox)
        let invoice = try #require(state.fortnox("supplierinvoices")[record.key])
        #expect(invoice["InvoiceNumber"]?.stringValue == record.name)
        #expect(invoice["Booked"] == true)
        let rows = (invoice["SupplierInvoiceRows"]?.arrayValue ?? []).filter { $0["Code"] == .null }
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        let project = try #require(row["Project"]?.stringValue)
        let article = row["ArticleNumber"]?.stringValue ?? ""
        #expect(state.fortnox("projects")[project] != nil)
        let severaProject = state.severa("projects").first { $0["number"]?.numberValue?.literal == project }
        let isProduct = state.severa("products").contains { $0["code"]?.stringValue == article }
        switch record.defect {
        case .feeArticleIsSeveraProduct:
            #expect(isProduct)
            #expect(severaProject?["isClosed"] == nil)
        case .feeForFortnoxOnlyProject:
            #expect(severaProject == nil)
        case .feeForClosedProject:
            #expect(severaProject?["isClosed"] == true)
            #expect(isProduct)
        case .feeArticleIsWorkType:
            #expect(!isProduct)
            #expect(state.severa("workTypes").contains { $0["code"]?.stringValue == article })
        case .feeOnCurrencyProject:
            let currency = severaProject?["currency"]?.stringValue
            #expect(state.severa("currencies").first { $0["guid"]?.stringValue == currency }?["code"] == "EUR")
            #expect(invoice["Currency"] == nil || invoice["Currency"] == "SEK")
        default:
            Issue.record("\(record.defect) is not a fee defect")
        }
    }
}
