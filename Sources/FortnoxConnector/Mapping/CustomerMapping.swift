import JSONSupport
import SyncCore

/// Fortnox customer (`fortnox_Customer`, fortnox-api.md §7.1) ↔ ``Customer``.
///
/// | canonical | Fortnox |
/// |---|---|
/// | `number` | `CustomerNumber` (string) |
/// | `name` | `Name` |
/// | `organisationNumber` | `OrganisationNumber` (`""` → none) |
/// | `vatNumber` | `VATNumber` |
/// | `kind` | `Type`: `COMPANY` ↔ company, `PRIVATE` ↔ private; absent → company (Fortnox's default) |
/// | `isActive` | `Active` (absent → active) |
/// | `email` / `phone` / `website` | `Email` / `Phone1` / `WWW` |
/// | `currency` | `Currency` (never cleared: Fortnox needs one; an emptied currency is not written) |
/// | `billingAddress` … | per role, the fields of ``FortnoxConnector/Options/addressFields`` (see ``AddressMapping``) |
struct CustomerMapping: FortnoxMapping {
    /// The Fortnox fields of each address role.
    let addressFields: [AddressRole: FortnoxAddressFields]

    var resource: ListResource { .customers }

    var carriedFields: Set<String> {
        Set([
            "number", "name", "organisationNumber", "vatNumber", "kind", "email", "phone", "website", "currency",
            "isActive",
        ])
        .union(addressFields.keys.map(\.canonicalKey))
    }

    func record(from entity: WireEntity) throws(WireFieldError) -> Customer {
        var addresses: [AddressRole: Address] = [:]
        for (role, fields) in addressFields {
            addresses[role] = try AddressMapping.address(in: entity, fields: fields)
        }
        return Customer(
            number: try entity.requiredText("CustomerNumber"),
            name: try entity.requiredText("Name"),
            organisationNumber: try entity.text("OrganisationNumber"),
            vatNumber: try entity.text("VATNumber"),
            kind: try kind(entity),
            addresses: addresses,
            email: try entity.text("Email"),
            phone: try entity.text("Phone1"),
            website: try entity.text("WWW"),
            currency: try entity.text("Currency"),
            isActive: try entity.bool("Active", default: true)
        )
    }

    func body(for customer: Customer, fields: Set<String>?) throws(WireFieldError) -> WireBody {
        var body = WireBody(limits: FieldLimits.customer)
        let clear = fields != nil
        if fields == nil { try body.text("CustomerNumber", customer.number, clear: false) }
        if writes("name", of: fields) { try body.text("Name", customer.name, clear: clear) }
        if writes("organisationNumber", of: fields) {
            try body.text("OrganisationNumber", customer.organisationNumber, clear: clear)
        }
        if writes("vatNumber", of: fields) { try body.text("VATNumber", customer.vatNumber, clear: clear) }
        if writes("kind", of: fields) {
            body.set("Type", .string(customer.kind == .privatePerson ? "PRIVATE" : "COMPANY"))
        }
        if writes("isActive", of: fields) { body.set("Active", .bool(customer.isActive)) }
        if writes("email", of: fields) { try body.text("Email", customer.email, clear: clear) }
        if writes("phone", of: fields) { try body.text("Phone1", customer.phone, clear: clear) }
        if writes("website", of: fields) { try body.text("WWW", customer.website, clear: clear) }
        if writes("currency", of: fields) { try body.text("Currency", customer.currency, clear: false) }
        for role in AddressRole.allCases {
            guard let roleFields = addressFields[role], writes(role.canonicalKey, of: fields) else { continue }
            try AddressMapping.write(
                customer.addresses[role], role: role, fields: roleFields, into: &body, clear: clear)
        }
        return body
    }

    private func kind(_ entity: WireEntity) throws(WireFieldError) -> CustomerKind {
        switch try entity.text("Type")?.uppercased() {
        case nil, "COMPANY": return .company
        case "PRIVATE": return .privatePerson
        case let other?: throw entity.problem("Type", "expected COMPANY or PRIVATE, found \"\(other)\"")
        }
    }
}
