import JSONSupport
import SandboxKit

/// The fields of `fortnox_Invoice` and its rows, with the defaults recorded for a new invoice
/// [rec 2026]. Totals, flags and references are read-only; a client's value for them is ignored.
enum InvoiceSchema {
    private static func text(_ name: String, _ maxLength: Int? = nil, absent: JSONValue = "") -> FieldSpec {
        FieldSpec(name, .text(maxLength: maxLength), absent: absent)
    }

    private static func computed(_ name: String, _ kind: FieldKind, absent: JSONValue) -> FieldSpec {
        FieldSpec(name, kind, .readOnly, absent: absent)
    }

    /// The full invoice.
    static let entity = EntitySchema(
        wrapper: "Invoice",
        fields: [
            computed("@url", .text(maxLength: nil), absent: .null),
            computed("@urlTaxReductionList", .text(maxLength: nil), absent: .null),
            computed("AccountingMethod", .text(maxLength: nil), absent: "ACCRUAL"),
            text("Address1", 1024), text("Address2", 1024),
            FieldSpec("AdministrationFee", .decimal(scale: 2), absent: 0),
            computed("AdministrationFeeVAT", .decimal(scale: 2), absent: 0),
            computed("Balance", .decimal(scale: 2), absent: 0),
            computed("BasisTaxReduction", .decimal(scale: 2), absent: 0),
            computed("Booked", .boolean, absent: false),
            computed("Cancelled", .boolean, absent: false),
            text("City", 1024), text("Comments", 1024),
            computed("ContractReference", .text(maxLength: nil), absent: "0"),
            computed("ContributionPercent", .decimal(scale: 2), absent: 0),
            computed("ContributionValue", .decimal(scale: 2), absent: 0),
            text("CostCenter", 6), text("Country", 1024),
            computed("Credit", .text(maxLength: nil), absent: "false"),
            computed("CreditInvoiceReference", .text(maxLength: nil), absent: "0"),
            text("Currency", 3, absent: "SEK"),
            FieldSpec("CurrencyRate", .decimal(scale: 6), absent: 1),
            FieldSpec("CurrencyUnit", .integer, absent: 1),
            text("CustomerName", 1024),
            FieldSpec("CustomerNumber", .text(maxLength: 1024)),
            text("DeliveryAddress1", 1024), text("DeliveryAddress2", 1024), text("DeliveryCity", 1024),
            text("DeliveryCountry", 1024),
            FieldSpec("DeliveryDate", .date),
            text("DeliveryName", 1024), text("DeliveryZipCode", 1024),
            computed("DocumentNumber", .text(maxLength: nil), absent: .null),
            FieldSpec("DueDate", .date),
            FieldSpec("EDIInformation", .nested, absent: ediAbsent),
            FieldSpec("EUQuarterlyReport", .boolean, absent: false),
            FieldSpec("EmailInformation", .nested, absent: emailAbsent),
            text("ExternalInvoiceReference1", 80), text("ExternalInvoiceReference2", 80),
            computed("FinalPayDate", .date, absent: .null),
            FieldSpec("Freight", .decimal(scale: 2), absent: 0),
            computed("FreightVAT", .decimal(scale: 2), absent: 0),
            computed("Gross", .decimal(scale: 2), absent: 0),
            computed("HouseWork", .boolean, absent: false),
            FieldSpec("InvoiceDate", .date),
            computed("InvoicePeriodEnd", .text(maxLength: nil), absent: ""),
            computed("InvoicePeriodStart", .text(maxLength: nil), absent: ""),
            computed("InvoiceReference", .text(maxLength: nil), absent: "0"),
            FieldSpec("InvoiceRows", .nested, absent: []),
            FieldSpec(
                "InvoiceType",
                .choice(["INVOICE", "AGREEMENTINVOICE", "INTRESTINVOICE", "SUMMARYINVOICE", "CASHINVOICE"]),
                absent: "INVOICE"
            ),
            FieldSpec("Labels", .nested, absent: []),
            FieldSpec("Language", .choice(["SV", "EN"]), absent: "SV"),
            computed("LastRemindDate", .date, absent: .null),
            computed("Net", .decimal(scale: 2), absent: 0),
            FieldSpec("NotCompleted", .boolean, absent: false),
            computed("NoxFinans", .boolean, absent: false),
            text("OCR", 30),
            computed("OfferReference", .text(maxLength: nil), absent: "0"),
            computed("OrderReference", .text(maxLength: nil), absent: "0"),
            computed("OrganisationNumber", .text(maxLength: nil), absent: ""),
            text("OurReference", 50),
            FieldSpec("OutboundDate", .date),
            text("PaymentWay"), text("Phone1", 1024), text("Phone2", 1024),
            text("PriceList", absent: "A"), text("PrintTemplate", absent: "st"), text("Project", 20),
            text("Remarks", 1024),
            computed("Reminders", .integer, absent: 0),
            computed("RoundOff", .decimal(scale: 2), absent: 0),
            computed("Sent", .boolean, absent: false),
            computed("TaxReduction", .integer, absent: .null),
            FieldSpec("TaxReductionType", .choice(["none", "rot", "rut", "green"]), absent: "none"),
            text("TermsOfDelivery"),
            text("TermsOfPayment", absent: "30"),
            computed("TimeBasisReference", .integer, absent: .null),
            computed("Total", .decimal(scale: 2), absent: 0),
            computed("TotalToPay", .decimal(scale: 2), absent: 0),
            computed("TotalVAT", .decimal(scale: 2), absent: 0),
            FieldSpec("VATIncluded", .boolean, absent: false),
            computed("VoucherNumber", .integer, absent: .null),
            computed("VoucherSeries", .text(maxLength: nil), absent: .null),
            computed("VoucherYear", .integer, absent: .null),
            computed("WarehouseReady", .boolean, absent: false),
            text("WayOfDelivery"), text("YourOrderNumber", 75), text("YourReference", 50), text("ZipCode", 1024),
        ]
    )

    /// The list item: exactly the fields of `fortnox_InvoiceListItem`.
    static let listItem = ListItemSchema(
        listKey: "Invoices", detail: entity,
        names: [
            "@url", "Balance", "Booked", "Cancelled", "CostCenter", "Currency", "CurrencyRate", "CurrencyUnit",
            "CustomerName", "CustomerNumber", "DocumentNumber", "DueDate", "ExternalInvoiceReference1",
            "ExternalInvoiceReference2", "FinalPayDate", "InvoiceDate", "InvoiceType", "NoxFinans", "OCR", "Project",
            "Sent", "TermsOfPayment", "Total", "VoucherNumber", "VoucherSeries", "VoucherYear", "WayOfDelivery",
        ]
    )

    /// An invoice row [rec 2026]; `Total`, `TotalExcludingVAT`, `PriceExcludingVAT`, `Cost` and the
    /// contribution fields are computed.
    static let row = EntitySchema(
        wrapper: "InvoiceRow",
        fields: [
            FieldSpec("AccountNumber", .integer),
            FieldSpec("ArticleNumber", .text(maxLength: 50)),
            computed("ContributionPercent", .text(maxLength: nil), absent: "0"),
            computed("ContributionValue", .text(maxLength: nil), absent: "0"),
            computed("Cost", .decimal(scale: 2), absent: 0),
            FieldSpec("CostCenter", .text(maxLength: 6)),
            FieldSpec("DeliveredQuantity", .decimalText(scale: 2)),
            FieldSpec("Description", .text(maxLength: 255)),
            FieldSpec("Discount", .decimal(scale: 2)),
            FieldSpec("DiscountType", .choice(["AMOUNT", "PERCENT"])),
            FieldSpec("HouseWork", .boolean, absent: false),
            FieldSpec("HouseWorkHoursToReport", .integer),
            FieldSpec("HouseWorkType", .text(maxLength: nil)),
            FieldSpec("Price", .decimal(scale: 2)),
            computed("PriceExcludingVAT", .decimal(scale: 2), absent: 0),
            FieldSpec("Project", .text(maxLength: 20)),
            FieldSpec("RowId", .integer),
            FieldSpec("StockPointCode", .text(maxLength: nil)),
            computed("Total", .decimal(scale: 2), absent: 0),
            computed("TotalExcludingVAT", .decimal(scale: 2), absent: 0),
            FieldSpec("Unit", .text(maxLength: 20)),
            FieldSpec("VAT", .integer),
            computed("VATCode", .text(maxLength: nil), absent: .null),
        ]
    )

    /// `EDIInformation` of a new invoice.
    static let ediAbsent: JSONValue = [
        "EDIGlobalLocationNumber": nil, "EDIGlobalLocationNumberDelivery": nil, "EDIInvoiceExtra1": nil,
        "EDIInvoiceExtra2": nil, "EDIOurElectronicReference": nil, "EDIYourElectronicReference": nil, "EDIStatus": "",
    ]

    /// `EmailInformation` of a new invoice.
    static let emailAbsent: JSONValue = [
        "EmailAddressFrom": nil, "EmailAddressTo": "", "EmailAddressCC": nil, "EmailAddressBCC": nil,
        "EmailSubject": "Faktura {no} bifogas", "EmailBody": " ",
    ]

    /// The writable members of `EDIInformation`.
    static let ediMembers: [String: FieldSpec] = Dictionary(
        uniqueKeysWithValues: [
            "EDIGlobalLocationNumber", "EDIGlobalLocationNumberDelivery", "EDIInvoiceExtra1", "EDIInvoiceExtra2",
            "EDIOurElectronicReference", "EDIYourElectronicReference", "EDIStatus",
        ].map { ($0, FieldSpec($0, .text(maxLength: nil))) }
    )

    /// The writable members of `EmailInformation`.
    static let emailMembers: [String: FieldSpec] = [
        "EmailAddressFrom": FieldSpec("EmailAddressFrom", .text(maxLength: nil)),
        "EmailAddressTo": FieldSpec("EmailAddressTo", .text(maxLength: nil)),
        "EmailAddressCC": FieldSpec("EmailAddressCC", .text(maxLength: nil)),
        "EmailAddressBCC": FieldSpec("EmailAddressBCC", .text(maxLength: nil)),
        "EmailSubject": FieldSpec("EmailSubject", .text(maxLength: 100)),
        "EmailBody": FieldSpec("EmailBody", .text(maxLength: 20_000)),
    ]
}
