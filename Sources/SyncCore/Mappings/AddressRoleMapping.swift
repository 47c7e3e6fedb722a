/// The Severa address flag that puts an address in a role (severa-api.md §5.2).
public enum SeveraAddressFlag: String, Sendable, Hashable, CaseIterable {
    case isBillingAddress
    case isPostalAddress
    case isVisitAddress
}

/// The Fortnox customer fields that hold one address (fortnox-api.md §7.1).
///
/// Fortnox has two street fields for the invoice and delivery addresses (`Address1`/`Address2`,
/// `DeliveryAddress1`/`DeliveryAddress2`) but one for the visiting address (`VisitingAddress`), so
/// ``line2`` is optional; with no second field the connector writes every street line into ``line1``.
public struct FortnoxAddressFields: Sendable, Hashable {
    /// The first street field, e.g. `Address1`.
    public var line1: String
    /// The second street field, e.g. `Address2`, or `nil` when there is only one.
    public var line2: String?
    /// The postal code field, e.g. `ZipCode`.
    public var postalCode: String
    /// The city field, e.g. `City`.
    public var city: String
    /// The ISO country code field, e.g. `CountryCode`.
    public var countryCode: String

    /// Creates a field set.
    public init(line1: String, line2: String?, postalCode: String, city: String, countryCode: String) {
        self.line1 = line1
        self.line2 = line2
        self.postalCode = postalCode
        self.city = city
        self.countryCode = countryCode
    }

    /// The fields in use, first line first.
    public var allFields: [String] {
        [line1] + (line2.map { [$0] } ?? []) + [postalCode, city, countryCode]
    }

    /// Every Fortnox customer field that can hold part of an address; mapping files may name only these.
    public static let knownFields: [String] = [
        "Address1", "Address2", "ZipCode", "City", "CountryCode",
        "DeliveryAddress1", "DeliveryAddress2", "DeliveryZipCode", "DeliveryCity", "DeliveryCountryCode",
        "VisitingAddress", "VisitingZipCode", "VisitingCity", "VisitingCountryCode",
    ]
}

/// How one address role travels between Severa and Fortnox (R2.4).
///
/// When a Severa customer has several addresses carrying ``severaFlag``, the **first listed** one is
/// used (R2.4); the rule is fixed, not configurable.
public struct AddressRoleMapping: Sendable, Hashable {
    /// The Severa flag that marks an address as having this role.
    public var severaFlag: SeveraAddressFlag
    /// The Fortnox fields the address is written to and read from.
    public var fortnox: FortnoxAddressFields

    /// Creates a mapping.
    public init(severaFlag: SeveraAddressFlag, fortnox: FortnoxAddressFields) {
        self.severaFlag = severaFlag
        self.fortnox = fortnox
    }
}
