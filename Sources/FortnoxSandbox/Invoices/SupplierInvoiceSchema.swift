import JSONSupport
import SandboxKit

/// The fields of `fortnox_SupplierInvoice` and its rows. The spec types `Total`, `VAT`, `Balance`
/// and the fee fields as strings, so they are written as JSON strings.
///
/// INVENTED: no supplier invoice traffic is recorded; defaults follow the customer invoice's style.
enum SupplierInvoiceSchema {
    private static func text(_ name: String, _ maxLength: Int? = nil, absent: JSONValue = "") -> FieldSpec {
        FieldSpec(name, .text(maxLength: maxLength), absent: absent)
    }

    private static func computed(_ name: String, _ kind: FieldKind, absent: JSONValue) -> FieldSpec {
        FieldSpec(name, kind, .readOnly, absent: absent)
    }

    /// The full supplier invoice.
    static let entity = EntitySchema(
        wrapper: "SupplierInvoice",
        fields: [
            computed("@url", .text(maxLength: nil), absent: .null),
            computed("AccountingMethod", .text(maxLength: nil), absent: "ACCRUAL"),
            FieldSpec("AdministrationFee", .decimalText(scale: 2), absent: "0"),
            computed("AuthorizerName", .text(maxLength: nil), absent: .null),
            computed("Balance", .decimalText(scale: 2), absent: "0"),
            computed("Booked", .boolean, absent: false),
            computed("Cancelled", .boolean, absent: false),
            text("Comments", 1000), text("CostCenter", 6),
            computed("Credit", .boolean, absent: false),
            computed("CreditReference", .integer, absent: 0),
            text("Currency", 3, absent: "SEK"),
            FieldSpec("CurrencyRate", .decimalText(scale: 6), absent: "1"),
            FieldSpec("CurrencyUnit", .decimal(scale: nil), absent: 1),
            FieldSpec("DisablePaymentFile", .boolean, absent: false),
            FieldSpec("DueDate", .date),
            text("ExternalInvoiceNumber"), text("ExternalInvoiceSeries"),
            computed("FinalPayDate", .date, absent: .null),
            FieldSpec("Freight", .decimalText(scale: 2), absent: "0"),
            computed("GivenNumber", .text(maxLength: nil), absent: .null),
            FieldSpec("InvoiceDate", .date),
            text("InvoiceNumber", 64), text("OCR"), text("OurReference", 50),
            FieldSpec("PaymentPending", .boolean, absent: false),
            text("Project", 20),
            FieldSpec("RoundOffValue", .decimalText(scale: 2), absent: "0"),
            FieldSpec("SalesType", .choice(["STOCK", "SERVICE"]), absent: "STOCK"),
            FieldSpec("SupplierInvoiceRows", .nested, absent: []),
            computed("SupplierName", .text(maxLength: nil), absent: ""),
            FieldSpec("SupplierNumber", .text(maxLength: nil)),
            FieldSpec("Total", .decimalText(scale: 2), absent: "0"),
            FieldSpec("VAT", .decimalText(scale: 2), absent: "0"),
            FieldSpec("VATType", .choice(["NORMAL", "EUINTERNAL", "REVERSE"]), absent: "NORMAL"),
            computed("VoucherNumber", .integer, absent: .null),
            computed("VoucherSeries", .text(maxLength: nil), absent: .null),
            computed("VoucherYear", .integer, absent: .null),
            computed("Vouchers", .nested, absent: []),
            text("YourReference", 50),
        ]
    )

    /// The list item (`fortnox_SupplierInvoiceListItem`): it says `Cancel` where the entity says
    /// `Cancelled` [spec].
    static let listItem = ListItemSchema(
        listKey: "SupplierInvoices", detail: entity,
        names: [
            "@url", "AuthorizerName", "Balance", "Booked", "Cancel", "CostCenter", "Credit", "Currency", "CurrencyRate",
            "CurrencyUnit", "DueDate", "ExternalInvoiceNumber", "ExternalInvoiceSeries", "FinalPayDate", "GivenNumber",
            "InvoiceDate", "InvoiceNumber", "Project", "SupplierName", "SupplierNumber", "Total", "Vouchers",
        ],
        renamed: ["Cancel": "Cancelled"]
    )

    /// A supplier invoice row; `Total` (debit minus credit), `AccountDescription` and `Unit` are computed.
    static let row = EntitySchema(
        wrapper: "SupplierInvoiceRow",
        fields: [
            FieldSpec("Account", .integer),
            computed("AccountDescription", .text(maxLength: nil), absent: ""),
            FieldSpec("ArticleNumber", .text(maxLength: 50), absent: ""),
            FieldSpec(
                "Code",
                .choice([
                    "TOT", "VAT", "FRT", "AFE", "ROV", "CND", "CNC", "PRD", "PRC", "SRD", "SRC", "PRE", "GWB", "ACC",
                ]),
                absent: .null
            ),
            FieldSpec("CostCenter", .text(maxLength: 6), absent: ""),
            FieldSpec("Credit", .decimal(scale: 2), absent: 0),
            FieldSpec("CreditCurrency", .decimal(scale: 2)),
            FieldSpec("Debit", .decimal(scale: 2), absent: 0),
            FieldSpec("DebitCurrency", .decimal(scale: 2)),
            FieldSpec("ItemDescription", .text(maxLength: nil), absent: ""),
            FieldSpec("Price", .decimal(scale: 2), absent: 0),
            FieldSpec("Project", .text(maxLength: 20), absent: ""),
            FieldSpec("Quantity", .decimal(scale: 2), absent: 0),
            FieldSpec("StockLocationCode", .text(maxLength: nil)),
            FieldSpec("StockPointCode", .text(maxLength: nil)),
            computed("Total", .decimal(scale: 2), absent: 0),
            FieldSpec("TransactionInformation", .text(maxLength: 100), absent: ""),
            computed("Unit", .text(maxLength: nil), absent: ""),
        ]
    )

    /// The accounts-payable account of the automatic `TOT` row.
    static let payablesAccount: Int64 = 2440
    /// The input-VAT account of the automatic `VAT` row.
    static let inputVATAccount: Int64 = 2641
    /// INVENTED: the cost account of the row created when a supplier invoice is sent without rows and
    /// its supplier has no `PreDefinedAccount`.
    static let defaultCostAccount: Int64 = 4000
}
