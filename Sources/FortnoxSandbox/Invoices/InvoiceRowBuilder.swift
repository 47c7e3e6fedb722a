import Foundation
import JSONSupport
import SandboxKit

/// Builds the rows of an invoice from a request: the row-update rules of the spec, defaults taken
/// from the article, reference checks, and the row amounts.
///
/// Update rules [spec PUT /3/invoices]: when no sent row has a `RowId`, the sent rows replace the
/// existing ones by position (row *i* updates row *i*; rows left out are dropped). When some have a
/// `RowId`, those rows update the row with that id, rows without one are added, and rows not
/// mentioned are removed (`{"RowId":n}` keeps a row as it is). Every write gives all rows new RowIds.
struct InvoiceRowBuilder {
    /// The store, for articles, prices and dimensions.
    let store: FortnoxStore
    /// The invoice's price list.
    let priceList: String
    /// Whether prices include VAT.
    let vatIncluded: Bool
    /// Whether the customer's VAT type means rows carry no Swedish VAT (reverse charge, export).
    let vatExempt: Bool

    /// The article-derived fields re-derived when a row's article changes.
    private static let articleFields = ["Description", "Price", "Unit", "AccountNumber", "VAT"]

    /// The rows after applying `sent` (the `InvoiceRows` of a request) to `previous` (the stored rows).
    ///
    /// - Parameters:
    ///   - sent: The `InvoiceRows` value of the request.
    ///   - previous: The stored rows (empty for a new invoice).
    ///   - firstRowId: The RowId to give the first row; rows are numbered from it.
    /// - Returns: The complete rows, each with every row field.
    /// - Throws: ``FortnoxError`` for a malformed row, an unknown article (2001302), unit, project,
    ///   cost center or RowId, or an invalid account or VAT rate.
    func rows(sent: JSONValue, previous: [JSONValue], firstRowId: Int) throws(FortnoxError) -> [JSONValue] {
        guard case .array(let elements) = sent else { throw .wrongBody(expected: "InvoiceRows") }
        var patches: [FieldValues] = []
        for element in elements {
            guard case .object(let members) = element else { throw .wrongBody(expected: "InvoiceRows") }
            patches.append(try InvoiceSchema.row.input(from: members))
        }
        let previousRows = previous.map { row in
            InvoiceSchema.row.input(trusted: row)
        }
        let byRowId = patches.contains { $0.isSet("RowId") }
        var result: [JSONValue] = []
        for (index, patch) in patches.enumerated() {
            var base: FieldValues?
            if byRowId {
                if let rowId = patch["RowId"] {
                    guard let match = previousRows.first(where: { $0["RowId"] == rowId }) else {
                        throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                            FortnoxErrorCode.unknownRowId, "Fakturan har ingen rad med RowId \(rowId)."
                        )
                    }
                    base = match
                }
            } else if index < previousRows.count {
                base = previousRows[index]
            }
            let row = try build(patch: patch, base: base, rowId: firstRowId + index)
            result.append(InvoiceSchema.row.json(row))
        }
        return result
    }

    /// The row `patch` applied to `base` (or a new row), with defaults and amounts filled in.
    private func build(patch: FieldValues, base: FieldValues?, rowId: Int) throws(FortnoxError) -> FieldValues {
        var row = base ?? FieldValues(schema: InvoiceSchema.row)
        if let base, let article = patch["ArticleNumber"], article != base["ArticleNumber"] {
            for field in InvoiceRowBuilder.articleFields where !patch.isSet(field) { row[field] = nil }
        }
        row.apply(patch)
        let articleNumber = row.text("ArticleNumber")
        row["ArticleNumber"] = .string(articleNumber)
        var article: FieldValues?
        if !articleNumber.isEmpty {
            guard let found = store.values(.articles, articleNumber) else {
                throw .badRequest(
                    FortnoxErrorCode.articleReferenceNotFound,
                    "Kunde inte hitta artikel \(articleNumber) (InvoiceRows)."
                )
            }
            article = found
        }
        fillDefaults(&row, article: article)
        try check(row)
        if patch.isSet("CostCenter") {
            try store.checkActiveCostCenter(row.text("CostCenter"), field: "InvoiceRows.CostCenter")
        }
        computeAmounts(&row)
        row["RowId"] = .number(JSONNumber(rowId))
        return row
    }

    private func fillDefaults(_ row: inout FieldValues, article: FieldValues?) {
        func fill(_ field: String, _ value: @autoclosure () -> JSONValue) {
            if row[field] == nil || row[field] == .null { row[field] = value() }
        }
        fill("Description", article?.resolved("Description") ?? "")
        fill("Unit", .string(article?.text("Unit") ?? ""))
        fill("AccountNumber", article?.resolved("SalesAccount") ?? 3001)
        fill("Price", store.salesPrice(ofArticle: article?.text("ArticleNumber") ?? "", priceList: priceList) ?? 0)
        fill("DeliveredQuantity", "0")
        fill("Discount", 0)
        fill("DiscountType", "PERCENT")
        fill("CostCenter", "")
        fill("Project", "")
        if row["VAT"] == nil || row["VAT"] == .null {
            let articleVAT = article?.decimal("VAT") ?? 0
            let vat: Decimal =
                vatExempt
                ? 0 : articleVAT != 0 ? articleVAT : InvoiceRowBuilder.vat(forAccount: row.decimal("AccountNumber"))
            row["VAT"] = FortnoxDecimal.json(vat)
        }
    }

    private func check(_ row: FieldValues) throws(FortnoxError) {
        try store.checkUnit(row.text("Unit"), field: "InvoiceRows.Unit")
        try store.checkProject(row.text("Project"), field: "InvoiceRows.Project")
        try store.checkCostCenter(row.text("CostCenter"), field: "InvoiceRows.CostCenter")
        try FortnoxStore.checkAccount(row, "AccountNumber")
        let vat = row.decimal("VAT")
        if !ArticleSchema.vatRates.contains(where: { Decimal($0) == vat }) {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.invalidChoice, "Ogiltig momssats \(vat) (InvoiceRows.VAT). Tillåtna: 0, 6, 12, 25."
            )
        }
    }

    /// Fills `Total`, `TotalExcludingVAT`, `PriceExcludingVAT`, `VATCode` and the contribution fields.
    private func computeAmounts(_ row: inout FieldValues) {
        let quantity = row.decimal("DeliveredQuantity")
        let price = row.decimal("Price")
        let gross = quantity * price
        let discount = row.decimal("Discount")
        let reduction = row.text("DiscountType") == "AMOUNT" ? discount : gross * discount / 100
        let total = FortnoxDecimal.round(gross - reduction, scale: 2)
        let vatFactor = 1 + row.decimal("VAT") / 100
        let totalExcludingVAT = vatIncluded ? FortnoxDecimal.round(total / vatFactor, scale: 2) : total
        let priceExcludingVAT = vatIncluded ? FortnoxDecimal.round(price / vatFactor, scale: 2) : price
        row["Total"] = FortnoxDecimal.json(total)
        row["TotalExcludingVAT"] = FortnoxDecimal.json(totalExcludingVAT)
        row["PriceExcludingVAT"] = FortnoxDecimal.json(priceExcludingVAT)
        row["Cost"] = 0
        row["ContributionValue"] = FortnoxDecimal.jsonText(totalExcludingVAT)
        row["ContributionPercent"] = .string(totalExcludingVAT == 0 ? "0" : "100")
        row["VATCode"] = .string(InvoiceRowBuilder.vatCode(for: row.decimal("VAT")))
    }

    /// The VAT rate of a BAS sales account: 3002 12 %, 3003 6 %, 3004 and the EU/export accounts 0 %,
    /// everything else 25 %.
    static func vat(forAccount account: Decimal) -> Decimal {
        switch account {
        case 3002: 12
        case 3003: 6
        case 3004, 3105, 3106, 3108: 0
        default: 25
        }
    }

    /// Fortnox's VAT code of a rate (`MP1` 25 %, `MP2` 12 %, `MP3` 6 %, `MF` exempt).
    static func vatCode(for rate: Decimal) -> String {
        switch rate {
        case 25: "MP1"
        case 12: "MP2"
        case 6: "MP3"
        default: "MF"
        }
    }
}

extension EntitySchema {
    /// Values from an object the emulator stored itself (no validation; unknown names are skipped).
    func input(trusted object: JSONValue) -> FieldValues {
        var values = FieldValues(schema: self)
        for (name, value) in object.objectValue ?? [:] {
            if let position = position(of: name) { values[position: position] = value }
        }
        return values
    }
}
