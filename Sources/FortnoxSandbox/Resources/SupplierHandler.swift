import JSONSupport
import SandboxKit

/// `/3/suppliers` (minimal: enough for supplier invoices): `Name` required, numbers from a series,
/// country names derived from codes. The spec has no DELETE for suppliers.
///
/// INVENTED: defaults of a new supplier are not recorded; texts default to `""`, addresses to `null`
/// as for customers.
struct SupplierHandler: ResourceHandler {
    /// The handler.
    static let shared = SupplierHandler()

    /// The supplier entity.
    static let schema = EntitySchema(
        wrapper: "Supplier",
        fields: [
            FieldSpec("@url", .text(maxLength: nil), .readOnly),
            FieldSpec("Active", .boolean, absent: true),
            FieldSpec("Address1", .text(maxLength: 1024)),
            FieldSpec("Address2", .text(maxLength: 1024)),
            FieldSpec("BG", .text(maxLength: nil), absent: ""),
            FieldSpec("BIC", .text(maxLength: nil), absent: ""),
            FieldSpec("Bank", .text(maxLength: nil), absent: ""),
            FieldSpec("BankAccountNumber", .text(maxLength: nil), absent: ""),
            FieldSpec("BranchCode", .text(maxLength: nil), absent: ""),
            FieldSpec("City", .text(maxLength: 1024)),
            FieldSpec("ClearingNumber", .text(maxLength: nil), absent: ""),
            FieldSpec("Comments", .text(maxLength: 1024)),
            FieldSpec("CostCenter", .text(maxLength: 6), absent: ""),
            FieldSpec("Country", .text(maxLength: nil), .readOnly),
            FieldSpec("CountryCode", .text(maxLength: 2)),
            FieldSpec("Currency", .text(maxLength: 3), absent: "SEK"),
            FieldSpec("DisablePaymentFile", .boolean, absent: false),
            FieldSpec("Email", .text(maxLength: nil), absent: ""),
            FieldSpec("Fax", .text(maxLength: nil)),
            FieldSpec("IBAN", .text(maxLength: nil), absent: ""),
            FieldSpec("Name", .text(maxLength: 1024)),
            FieldSpec("OrganisationNumber", .text(maxLength: nil), absent: ""),
            FieldSpec("OurCustomerNumber", .text(maxLength: nil), absent: ""),
            FieldSpec("OurReference", .text(maxLength: nil), absent: ""),
            FieldSpec("PG", .text(maxLength: nil), absent: ""),
            FieldSpec("Phone1", .text(maxLength: 1024)),
            FieldSpec("Phone2", .text(maxLength: 1024)),
            FieldSpec("PreDefinedAccount", .text(maxLength: 4), absent: ""),
            FieldSpec("Project", .text(maxLength: 20), absent: ""),
            FieldSpec("SupplierNumber", .text(maxLength: nil)),
            FieldSpec("TermsOfPayment", .text(maxLength: nil), absent: ""),
            FieldSpec("VATNumber", .text(maxLength: nil), absent: ""),
            FieldSpec("VATType", .text(maxLength: nil), absent: "NORMAL"),
            FieldSpec("VisitingAddress", .text(maxLength: nil)),
            FieldSpec("VisitingCity", .text(maxLength: nil)),
            FieldSpec("VisitingCountry", .text(maxLength: nil), .readOnly),
            FieldSpec("VisitingCountryCode", .text(maxLength: 2)),
            FieldSpec("VisitingZipCode", .text(maxLength: nil)),
            FieldSpec("WWW", .text(maxLength: nil), absent: ""),
            FieldSpec("WorkPlace", .text(maxLength: nil), absent: ""),
            FieldSpec("YourReference", .text(maxLength: nil), absent: ""),
            FieldSpec("ZipCode", .text(maxLength: nil)),
        ]
    )

    let definition = ResourceDefinition(
        resource: .suppliers,
        schema: SupplierHandler.schema,
        listItem: ListItemSchema(
            listKey: "Suppliers", detail: SupplierHandler.schema,
            names: [
                "@url", "Active", "Address1", "Address2", "BG", "BIC", "BankAccountNumber", "City", "CostCenter",
                "CountryCode", "Currency", "DisablePaymentFile", "Email", "IBAN", "Name", "OrganisationNumber", "PG",
                "Phone", "PreDefinedAccount", "Project", "SupplierNumber", "TermsOfPayment", "ZipCode",
            ],
            renamed: ["Phone": "Phone1"]
        ),
        keyField: "SupplierNumber",
        keying: .series,
        listOptions: ListOptions(
            filters: ["active", "inactive"],
            searches: [
                "suppliernumber": "SupplierNumber", "name": "Name", "organisationnumber": "OrganisationNumber",
                "email": "Email", "city": "City", "zipcode": "ZipCode", "phone": "Phone1",
            ],
            sortKeys: ["suppliernumber": "SupplierNumber", "name": "Name"]
        ),
        notFound: .notFound(FortnoxErrorCode.supplierNotFound, "Kan inte hitta leverantören."),  // INVENTED code
        itemMethods: ["GET", "PUT"]
    )

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        try FortnoxStore.checkRequired(values, "Name")
        try FortnoxStore.checkCountryCode(&values, "CountryCode")
        try FortnoxStore.checkCountryCode(&values, "VisitingCountryCode")
        try FortnoxStore.checkCurrency(values.text("Currency"))
        try store.checkCostCenter(values.text("CostCenter"))
        try store.checkProject(values.text("Project"))
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        values["@url"] = .string(context.url("suppliers", values.text("SupplierNumber")))
        values["Country"] = CountryNames.name(of: values.text("CountryCode")).map { .string($0) } ?? .null
        values["VisitingCountry"] =
            CountryNames.name(of: values.text("VisitingCountryCode")).map { .string($0) } ?? .null
    }
}
