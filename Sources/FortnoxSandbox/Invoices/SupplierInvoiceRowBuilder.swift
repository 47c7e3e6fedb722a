import Foundation
import JSONSupport
import SandboxKit

/// Completes and checks the rows of a supplier invoice: Fortnox adds the accounts-payable row (`TOT`)
/// itself (the SDK sent three rows and got four back), adds an input-VAT row when the header has VAT
/// and no row carries it, and refuses rows that do not balance (2000755).
///
/// Rows booked to a project need project accounting to be switched on (INVENTED code 2099015).
struct SupplierInvoiceRowBuilder {
    /// The store, for projects, cost centers and articles.
    let store: FortnoxStore

    /// The complete rows and the amounts they imply.
    struct Result {
        /// The rows including `VAT` and `TOT`.
        var rows: [JSONValue]
        /// The total (the `TOT` row's credit).
        var total: Decimal
        /// The VAT (the `VAT` rows' net debit).
        var vat: Decimal
    }

    /// Builds the rows from `sent` (or, when `sent` is empty, from the header's `Total` and `VAT`).
    ///
    /// - Parameters:
    ///   - sent: The rows the client sent.
    ///   - headerTotal: The `Total` the client sent, if any; it must match the rows.
    ///   - headerVAT: The `VAT` the client sent, if any.
    ///   - costAccount: The account of the cost row created for an invoice sent without rows.
    /// - Returns: The complete rows with the total and VAT they imply.
    /// - Throws: ``FortnoxError`` for malformed rows, unknown accounts, articles or dimensions, project
    ///   rows without project accounting, and rows that do not balance.
    func build(sent: [JSONValue], headerTotal: Decimal?, headerVAT: Decimal?, costAccount: Int64)
        throws(FortnoxError) -> Result
    {
        var rows: [FieldValues] = []
        for element in sent {
            guard case .object(let members) = element else { throw .wrongBody(expected: "SupplierInvoiceRows") }
            rows.append(try checked(SupplierInvoiceSchema.row.input(from: members)))
        }
        if rows.isEmpty, let headerTotal, headerTotal != 0 {
            let vat = headerVAT ?? 0
            rows.append(row(account: costAccount, code: nil, amount: headerTotal - vat))
        }
        let vat = headerVAT ?? 0
        if vat != 0, !rows.contains(where: { $0.text("Code") == "VAT" }) {
            rows.append(row(account: SupplierInvoiceSchema.inputVATAccount, code: "VAT", amount: vat))
        }
        if !rows.contains(where: { $0.text("Code") == "TOT" }) {
            let net = rows.reduce(Decimal(0)) { $0 + $1.decimal("Debit") - $1.decimal("Credit") }
            rows.append(row(account: SupplierInvoiceSchema.payablesAccount, code: "TOT", amount: -net))
        }
        let debit = rows.reduce(Decimal(0)) { $0 + $1.decimal("Debit") }
        let credit = rows.reduce(Decimal(0)) { $0 + $1.decimal("Credit") }
        let total = rows.filter { $0.text("Code") == "TOT" }.reduce(Decimal(0)) {
            $0 + $1.decimal("Credit") - $1.decimal("Debit")
        }
        if debit != credit || (headerTotal.map { $0 != total } ?? false) {
            throw .badRequest(
                FortnoxErrorCode.supplierInvoiceUnbalanced,
                "Leverantörsfakturan balanserar inte (debet \(debit), kredit \(credit), total \(headerTotal ?? total))."
            )
        }
        let vatTotal = rows.filter { $0.text("Code") == "VAT" }.reduce(Decimal(0)) {
            $0 + $1.decimal("Debit") - $1.decimal("Credit")
        }
        return Result(rows: rows.map(SupplierInvoiceSchema.row.json), total: total, vat: vatTotal)
    }

    /// A generated row: a debit for a positive `amount`, a credit for a negative one.
    private func row(account: Int64, code: String?, amount: Decimal) -> FieldValues {
        var row = FieldValues(schema: SupplierInvoiceSchema.row)
        row["Account"] = .number(JSONNumber(account))
        row["Code"] = code.map { .string($0) } ?? .null
        row["Debit"] = FortnoxDecimal.json(max(amount, 0))
        row["Credit"] = FortnoxDecimal.json(max(-amount, 0))
        complete(&row)
        return row
    }

    private func checked(_ input: FieldValues) throws(FortnoxError) -> FieldValues {
        var row = input
        guard case .number(let account) = row.resolved("Account") else {
            throw .required("SupplierInvoiceRows.Account")
        }
        try FortnoxStore.checkAccount(account.int64 ?? 0, field: "SupplierInvoiceRows.Account")
        let project = row.text("Project")
        if !project.isEmpty { try store.requireProjectAccounting(field: "SupplierInvoiceRows.Project") }
        try store.checkProject(project, field: "SupplierInvoiceRows.Project")
        try store.checkCostCenter(row.text("CostCenter"), field: "SupplierInvoiceRows.CostCenter")
        let article = row.text("ArticleNumber")
        if !article.isEmpty, !store.exists(.articles, article) {
            throw .badRequest(
                FortnoxErrorCode.articleReferenceNotFound, "Kunde inte hitta artikel \(article) (SupplierInvoiceRows)."
            )
        }
        complete(&row)
        return row
    }

    private func complete(_ row: inout FieldValues) {
        if row.resolved("DebitCurrency") == .null { row["DebitCurrency"] = row.resolved("Debit") }
        if row.resolved("CreditCurrency") == .null { row["CreditCurrency"] = row.resolved("Credit") }
        row["Total"] = FortnoxDecimal.json(row.decimal("Debit") - row.decimal("Credit"))
        let article = row.text("ArticleNumber")
        if !article.isEmpty { row["Unit"] = .string(store.values(.articles, article)?.text("Unit") ?? "") }
    }
}

extension FortnoxStore {
    /// Refuses project bookings while project accounting is off (INVENTED code 2099015).
    func requireProjectAccounting(field: String) throws(FortnoxError) {
        guard !projectAccountingEnabled else { return }
        throw .badRequest(
            FortnoxErrorCode.projectAccountingDisabled,
            "Projektredovisning är inte aktiverad; \(field) kan inte anges."
        )
    }
}
