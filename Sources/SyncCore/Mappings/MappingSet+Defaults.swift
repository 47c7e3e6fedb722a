import Foundation

extension MappingSet {
    /// The mappings Brygga ships; the same data as the JSON files in the repository's `Mappings/`.
    public static let defaults = MappingSet(
        addressRoles: defaultAddressRoles,
        units: UnitMappings(entries: defaultUnits),
        productKinds: ProductKindMapping(
            newFortnoxArticle: NewArticleRule(register: .product, severaProductType: .materials),
            fortnoxArticleTypes: [.workType: .service, .travelExpense: .service, .product: .stock]
        ),
        vatRates: VATRateTable(rates: defaultVATRates)
    )

    /// R2.4: Severa billing ↔ Fortnox invoice address, postal ↔ delivery, visit ↔ visiting.
    private static let defaultAddressRoles: [AddressRole: AddressRoleMapping] = [
        .billing: AddressRoleMapping(
            severaFlag: .isBillingAddress,
            fortnox: FortnoxAddressFields(
                line1: "Address1", line2: "Address2", postalCode: "ZipCode", city: "City", countryCode: "CountryCode"
            )
        ),
        .postal: AddressRoleMapping(
            severaFlag: .isPostalAddress,
            fortnox: FortnoxAddressFields(
                line1: "DeliveryAddress1", line2: "DeliveryAddress2", postalCode: "DeliveryZipCode",
                city: "DeliveryCity", countryCode: "DeliveryCountryCode"
            )
        ),
        .visiting: AddressRoleMapping(
            severaFlag: .isVisitAddress,
            fortnox: FortnoxAddressFields(
                line1: "VisitingAddress", line2: nil, postalCode: "VisitingZipCode", city: "VisitingCity",
                countryCode: "VisitingCountryCode"
            )
        ),
    ]

    /// The units of the recorded Fortnox company (st, h, km, förp, utl; fortnox-api.md §7.3) plus kg and
    /// days, with the Swedish, Norwegian, Danish, Finnish and English spellings Severa users type.
    private static let defaultUnits: [String: UnitMapping] = [
        "st": UnitMapping(severaName: "st", aliases: ["st.", "styck", "stk", "pcs", "pc", "kpl"]),
        "h": UnitMapping(severaName: "h", aliases: ["tim", "timme", "timmar", "t", "hour", "hours"]),
        "dag": UnitMapping(severaName: "dag", aliases: ["dagar", "d", "day", "days", "pv"]),
        "km": UnitMapping(severaName: "km", aliases: ["kilometer"]),
        "kg": UnitMapping(severaName: "kg", aliases: ["kilo"]),
        "förp": UnitMapping(severaName: "förp", aliases: ["förpackning", "pkt"]),
        "utl": UnitMapping(severaName: "utl", aliases: ["utlägg"]),
    ]

    /// Standard, reduced and zero rates (percent), highest first.
    private static let defaultVATRates: [String: [Decimal]] = [
        "SE": [25, 12, 6, 0],
        "NO": [25, 15, 12, 0],
        "FI": [Decimal(sign: .plus, exponent: -1, significand: 255), 14, 10, 0],
        "DK": [25, 0],
    ]
}
