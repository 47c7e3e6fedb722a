import JSONSupport
import SandboxKit

/// `/3/customers`: numbers from a series that never reuses a deleted number (2000637), validated
/// country codes with derived Swedish country names, and references to cost centers and projects.
struct CustomerHandler: ResourceHandler {
    /// The handler.
    static let shared = CustomerHandler()

    let definition = ResourceDefinition(
        resource: .customers,
        schema: CustomerSchema.entity,
        listItem: CustomerSchema.listItem,
        keyField: "CustomerNumber",
        keying: .series,
        listOptions: ListOptions(
            filters: ["active", "inactive"],
            searches: [
                "customernumber": "CustomerNumber", "name": "Name", "zipcode": "ZipCode", "city": "City",
                "email": "Email", "phone": "Phone1", "organisationnumber": "OrganisationNumber", "gln": "GLN",
                "glndelivery": "GLNDelivery",
            ],
            sortKeys: ["customernumber": "CustomerNumber", "name": "Name"]
        ),
        notFound: .notFound(FortnoxErrorCode.customerNotFound, "Kan inte hitta kunden."),
        itemMethods: ["GET", "PUT", "DELETE"]
    )

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        try validate(&values, previous: nil, in: store)
    }

    func prepareUpdate(
        _ values: inout FieldValues, previous: FieldValues, patch: FieldValues, in store: FortnoxStore,
        context: RequestContext
    ) throws(FortnoxError) {
        try validate(&values, previous: previous, in: store)
    }

    func prepareDelete(key: String, values: FieldValues, in store: FortnoxStore) throws(FortnoxError) {
        let position = InvoiceSchema.entity.index(of: "CustomerNumber")
        let used = store.table(.invoices).records.values.contains { $0.record.value(at: position) == .string(key) }
        if used {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.resourceInUse, "Kunden \(key) används på fakturor och kan inte tas bort."
            )
        }
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        values["@url"] = .string(context.url("customers", values.text("CustomerNumber")))
        for (code, name) in [
            ("CountryCode", "Country"), ("DeliveryCountryCode", "DeliveryCountry"),
            ("VisitingCountryCode", "VisitingCountry"),
        ] {
            let countryCode = values.text(code)
            values[name] = countryCode.isEmpty ? .null : CountryNames.name(of: countryCode).map { .string($0) } ?? .null
        }
    }

    private func validate(_ values: inout FieldValues, previous: FieldValues?, in store: FortnoxStore)
        throws(FortnoxError)
    {
        try FortnoxStore.checkRequired(values, "Name")
        for field in ["CountryCode", "DeliveryCountryCode", "VisitingCountryCode"] {
            try FortnoxStore.checkCountryCode(&values, field)
        }
        try FortnoxStore.mergeNested(
            &values, "DefaultDeliveryTypes", previous: previous?.resolved("DefaultDeliveryTypes"),
            members: CustomerSchema.deliveryTypeMembers
        )
        try FortnoxStore.mergeNested(
            &values, "DefaultTemplates", previous: previous?.resolved("DefaultTemplates"),
            members: CustomerSchema.templateMembers
        )
        try store.checkCostCenter(values.text("CostCenter"))
        try store.checkProject(values.text("Project"))
        try store.checkTermsOfPayment(values.text("TermsOfPayment"))
        try store.checkPriceList(values.text("PriceList"))
        try FortnoxStore.checkCurrency(values.text("Currency"))
    }
}
