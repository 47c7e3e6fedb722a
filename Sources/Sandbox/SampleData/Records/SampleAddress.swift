import JSONSupport

/// One address of a sample customer, with Severa's three type flags.
struct SampleAddress: Sendable {
    /// The Severa address guid.
    var guid: String
    /// The street lines (Severa joins them with newlines in `addressline`).
    var lines: [String]
    /// The postal code, in the country's shape.
    var postalCode: String
    /// The city.
    var city: String
    /// The country.
    var country: NordicCountry
    /// Severa `isBillingAddress`.
    var isBilling = false
    /// Severa `isPostalAddress`.
    var isPostal = false
    /// Severa `isVisitAddress`.
    var isVisit = false
    /// The switchboard number at this address, if any.
    var phone: String?

    /// Severa's `AddressModel` input.
    func severaModel(_ ids: SeveraReferenceIDs) -> JSONValue {
        var model: [String: JSONValue] = [
            "guid": .string(guid), "addressline": .string(lines.joined(separator: "\n")),
            "postalCode": .string(postalCode), "city": .string(city),
            "country": SeveraReferenceIDs.reference(ids.countries[country.code]),
            "isBillingAddress": .bool(isBilling), "isPostalAddress": .bool(isPostal), "isVisitAddress": .bool(isVisit),
        ]
        if let phone { model["phone"] = .string(phone) }
        return .object(model)
    }

    /// A street address in `city` of `country`.
    static func street(
        in country: NordicCountry, city: NordicPlaces.City, using random: inout SampleRandom
    ) -> SampleAddress {
        SampleAddress(
            guid: random.guid(), lines: [NordicPlaces.streetLine(in: country, using: &random)],
            postalCode: country.postalCode(in: city.postalCodes, using: &random), city: city.name, country: country)
    }

    /// A post-office box in `city` of `country`.
    static func postBox(
        in country: NordicCountry, city: NordicPlaces.City, using random: inout SampleRandom
    ) -> SampleAddress {
        SampleAddress(
            guid: random.guid(), lines: [NordicPlaces.postBox(in: country, using: &random)],
            postalCode: country.postalCode(in: city.postalCodes, using: &random), city: city.name, country: country)
    }
}
