public import JSONSupport

/// Whether a customer is a company or a private person (R2.3: only companies go to Severa).
public enum CustomerKind: String, Sendable, Hashable, Codable {
    case company
    case privatePerson = "private"
}

/// A customer in canonical form (R2).
public struct Customer: SyncRecord {
    public static let entity = EntityKind.customer

    /// The customer number both systems share (R2.1): Severa `number`, Fortnox `CustomerNumber`.
    public var number: String
    /// The name.
    public var name: String
    /// The organisation number (Fortnox only; Severa has no such field).
    public var organisationNumber: String?
    /// The VAT registration number, e.g. `SE556677889901` (R2.2).
    public var vatNumber: String?
    /// Company or private person.
    public var kind: CustomerKind
    /// The address per role (R2.4); at most one per role, the first listed one on Severa.
    public var addresses: [AddressRole: Address]
    /// The main e-mail address.
    public var email: String?
    /// The main phone number.
    public var phone: String?
    /// The web site.
    public var website: String?
    /// The currency the customer is invoiced in, e.g. `SEK`.
    public var currency: String?
    /// Whether the customer is active.
    public var isActive: Bool

    /// Creates a customer.
    public init(
        number: String, name: String, organisationNumber: String? = nil, vatNumber: String? = nil,
        kind: CustomerKind = .company, addresses: [AddressRole: Address] = [:], email: String? = nil,
        phone: String? = nil, website: String? = nil, currency: String? = nil, isActive: Bool = true
    ) {
        self.number = number
        self.name = name
        self.organisationNumber = organisationNumber
        self.vatNumber = vatNumber
        self.kind = kind
        self.addresses = addresses
        self.email = email
        self.phone = phone
        self.website = website
        self.currency = currency
        self.isActive = isActive
    }

    public var naturalKey: String { number }

    public var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("number", number)
        writer.set("name", name)
        writer.set("organisationNumber", organisationNumber)
        writer.set("vatNumber", vatNumber)
        writer.set("kind", kind.rawValue)
        for role in AddressRole.allCases {
            if let address = addresses[role], !address.isEmpty {
                writer.set(role.canonicalKey, json: address.canonicalJSON)
            }
        }
        writer.set("email", email)
        writer.set("phone", phone)
        writer.set("website", website)
        writer.set("currency", currency)
        writer.set("isActive", isActive)
        return writer.json
    }

    public init(canonicalJSON: JSONValue) throws(CanonicalFormError) {
        let reader = try CanonicalReader(canonicalJSON, entity: Self.entity)
        var addresses: [AddressRole: Address] = [:]
        for role in AddressRole.allCases {
            if let nested = try reader.optionalObject(role.canonicalKey) {
                addresses[role] = try Address(reader: nested)
            }
        }
        self.init(
            number: try reader.string("number"),
            name: try reader.string("name"),
            organisationNumber: try reader.optionalString("organisationNumber"),
            vatNumber: try reader.optionalString("vatNumber"),
            kind: try reader.enumeration("kind", as: CustomerKind.self),
            addresses: addresses,
            email: try reader.optionalString("email"),
            phone: try reader.optionalString("phone"),
            website: try reader.optionalString("website"),
            currency: try reader.optionalString("currency"),
            isActive: try reader.bool("isActive", default: true)
        )
    }
}
