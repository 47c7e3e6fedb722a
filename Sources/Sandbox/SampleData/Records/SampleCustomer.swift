import JSONSupport

/// A sample customer as both APIs see it: a Severa `CustomerModel` with its addresses, and the Fortnox
/// customer the same company would be (address fields filled from the first address of each type,
/// as Brygga's default address mapping does).
struct SampleCustomer: Sendable {
    /// The customer number on both sides.
    var number: Int
    /// The name.
    var name: String
    /// The home country.
    var country: NordicCountry
    /// The organisation number as the country writes it; empty for private persons.
    var organisationNumber: String
    /// The VAT number; `nil` when the customer has none.
    var vatNumber: String?
    /// The invoicing e-mail address.
    var email: String
    /// The switchboard number.
    var phone: String
    /// The web site; empty for private persons.
    var website: String
    /// The addresses, in the order Severa lists them.
    var addresses: [SampleAddress]
    /// Whether Fortnox has it as a private person (`Type` `PRIVATE`).
    var isPrivate = false
    /// Which side(s) hold it.
    var side: SampleSide
    /// The Severa guid.
    var guid: String

    /// The first regular customer number; the defect catalogue uses 9001–9010.
    static let firstNumber = 10_001

    /// Which side regular customer `index` is on: 70 % both, 20 % Severa only, 10 % Fortnox only.
    static func side(ofRegular index: Int) -> SampleSide {
        switch index % 10 {
        case 0...6: .both
        case 7, 8: .severa
        default: .fortnox
        }
    }

    /// Regular (valid) customer `index` of the data set drawn from `seed`.
    static func regular(index: Int, seed: UInt64) -> SampleCustomer {
        var random = SampleRandom(seed: seed, "customer", String(index))
        let draw = random.below(20)
        let country: NordicCountry = draw < 14 ? .sweden : draw < 17 ? .norway : .finland
        let name = CompanyNames.make(in: country, using: &random)
        let organisationNumber = OrganisationNumber.make(for: country, using: &random)
        let slug = CompanyNames.slug(name)
        let mailbox = random.pick(["faktura", "ekonomi", "invoice", "info"])
        let cities = NordicPlaces.cities(of: country)
        let city = cities[min(random.below(cities.count), random.below(cities.count))]
        return SampleCustomer(
            number: firstNumber + index, name: name, country: country, organisationNumber: organisationNumber,
            vatNumber: OrganisationNumber.vatNumber(for: organisationNumber, countryCode: country.code),
            email: "\(mailbox)@\(slug).\(country.domain)", phone: country.phoneNumber(using: &random),
            website: "www.\(slug).\(country.domain)",
            addresses: addresses(layout: index % 4, country: country, city: city, using: &random),
            side: side(ofRegular: index), guid: random.guid())
    }

    /// One of four address layouts: one address for everything; billing+postal and a visit address;
    /// billing, a post-office box and a visit address; billing+postal and two visit addresses (several
    /// of the same type: the first listed counts, R2.4).
    private static func addresses(
        layout: Int, country: NordicCountry, city: NordicPlaces.City, using random: inout SampleRandom
    ) -> [SampleAddress] {
        var billing = SampleAddress.street(in: country, city: city, using: &random)
        billing.isBilling = true
        if random.chance(20) { billing.lines.append(random.pick(["Plan 3", "Ekonomiavdelningen", "Hus B", "2 tr"])) }
        var visit = SampleAddress.street(in: country, city: city, using: &random)
        visit.isVisit = true
        visit.phone = country.phoneNumber(using: &random)
        switch layout {
        case 0:
            billing.isPostal = true
            billing.isVisit = true
            return [billing]
        case 1:
            billing.isPostal = true
            return [billing, visit]
        case 2:
            var postal = SampleAddress.postBox(in: country, city: city, using: &random)
            postal.isPostal = true
            return [billing, postal, visit]
        default:
            billing.isPostal = true
            let cities = NordicPlaces.cities(of: country)
            var branch = SampleAddress.street(in: country, city: random.pick(cities), using: &random)
            branch.isVisit = true
            return [billing, visit, branch]
        }
    }

    /// Severa's `CustomerModel` input (without addresses, which are seeded one by one).
    func severaModel(_ ids: SeveraReferenceIDs) -> JSONValue {
        var model: [String: JSONValue] = [
            "guid": .string(guid), "name": .string(name), "number": .number(JSONNumber(number)), "isActive": true,
            "email": .string(email), "paymentTerm": 30,
            "currency": SeveraReferenceIDs.reference(ids.currencies[country.currency]),
            "language": SeveraReferenceIDs.reference(ids.languages[country.languageCode]),
        ]
        if !website.isEmpty { model["website"] = .string(website) }
        if let vatNumber { model["vatNumber"] = .string(vatNumber) }
        return .object(model)
    }

    /// The Fortnox customer.
    func fortnoxModel() -> JSONValue {
        var fields: [String: JSONValue] = [
            "CustomerNumber": .string(String(number)), "Name": .string(name),
            "Type": .string(isPrivate ? "PRIVATE" : "COMPANY"), "Email": .string(email),
            "EmailInvoice": .string(email), "Phone1": .string(phone), "Currency": .string(country.currency),
            "VATType": .string(isPrivate ? "SEVAT" : country.fortnoxVATType), "TermsOfPayment": "30",
            "CountryCode": .string(country.code),
        ]
        if !organisationNumber.isEmpty { fields["OrganisationNumber"] = .string(organisationNumber) }
        if let vatNumber { fields["VATNumber"] = .string(vatNumber) }
        if !website.isEmpty { fields["WWW"] = .string(website) }
        if let billing = addresses.first(where: \.isBilling) {
            fields["Address1"] = .string(billing.lines[0])
            if billing.lines.count > 1 { fields["Address2"] = .string(billing.lines[1]) }
            fields["ZipCode"] = .string(billing.postalCode)
            fields["City"] = .string(billing.city)
            fields["CountryCode"] = .string(billing.country.code)
        }
        if let postal = addresses.first(where: \.isPostal) {
            fields["DeliveryAddress1"] = .string(postal.lines[0])
            if postal.lines.count > 1 { fields["DeliveryAddress2"] = .string(postal.lines[1]) }
            fields["DeliveryZipCode"] = .string(postal.postalCode)
            fields["DeliveryCity"] = .string(postal.city)
            fields["DeliveryCountryCode"] = .string(postal.country.code)
        }
        if let visit = addresses.first(where: \.isVisit) {
            fields["VisitingAddress"] = .string(visit.lines.joined(separator: ", "))
            fields["VisitingZipCode"] = .string(visit.postalCode)
            fields["VisitingCity"] = .string(visit.city)
            fields["VisitingCountryCode"] = .string(visit.country.code)
        }
        return .object(fields)
    }

    /// `customer 10001 (Björkdal Bygg AB)`, for error messages.
    var label: String { "customer \(number) (\(name))" }
}
