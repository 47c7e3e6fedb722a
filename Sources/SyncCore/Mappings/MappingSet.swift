/// The field mappings a run uses (R2.4, R1.3, R1): the compiled-in ``defaults`` with the operator's
/// override file applied entry by entry.
///
/// The same data ships as JSON files in the repository's `Mappings/` folder, for operators to read
/// and copy from; a test keeps the files and ``defaults`` equal.
public struct MappingSet: Sendable, Hashable {
    /// Address roles (R2.4).
    public var addressRoles: [AddressRole: AddressRoleMapping]
    /// Units (R1.3).
    public var units: UnitMappings
    /// Product registers and article types (R1).
    public var productKinds: ProductKindMapping
    /// VAT rates per country.
    public var vatRates: VATRateTable

    /// Creates a set.
    public init(
        addressRoles: [AddressRole: AddressRoleMapping], units: UnitMappings, productKinds: ProductKindMapping,
        vatRates: VATRateTable
    ) {
        self.addressRoles = addressRoles
        self.units = units
        self.productKinds = productKinds
        self.vatRates = vatRates
    }

    /// This set with `override`'s entries replacing (or, for `null`, removing) entries of the same key.
    ///
    /// - Parameter override: A decoded override file.
    /// - Returns: The merged set.
    /// - Throws: ``JSONDocumentError`` naming the override file and the entry when the result is
    ///   inconsistent: a unit spelling used by two units, or a Severa flag or Fortnox field used by two
    ///   address roles.
    public func applying(_ override: MappingOverride) throws(JSONDocumentError) -> MappingSet {
        var merged = self
        for (role, mapping) in override.addressRoles { merged.addressRoles[role] = mapping }
        for (code, mapping) in override.units { merged.units.entries[code] = mapping }
        if let rule = override.newFortnoxArticle { merged.productKinds.newFortnoxArticle = rule }
        for (kind, type) in override.fortnoxArticleTypes { merged.productKinds.fortnoxArticleTypes[kind] = type }
        for (country, rates) in override.vatRates { merged.vatRates.rates[country] = rates }
        try merged.checkUnits(changedBy: override)
        try merged.checkAddressRoles(changedBy: override)
        return merged
    }

    /// Refuses a unit spelling that selects two units, blaming the override's entry.
    private func checkUnits(changedBy override: MappingOverride) throws(JSONDocumentError) {
        for code in override.units.keys.sorted() {
            guard let mapping = units.entries[code] else { continue }
            let mine = mapping.spellings(code: code)
            for (otherCode, other) in units.entries.sorted(by: { $0.key < $1.key }) where otherCode != code {
                guard let clash = mine.intersection(other.spellings(code: otherCode)).sorted().first else {
                    continue
                }
                throw JSONDocumentError(
                    file: override.file,
                    keyPath: JSONKeyPath("units", code).description,
                    problem: "the spelling \"\(clash)\" also selects unit \"\(otherCode)\"; "
                        + "a Severa unit must map to one Fortnox unit"
                )
            }
        }
    }

    /// Refuses a Severa flag or Fortnox field shared by two roles, blaming the override's entry.
    private func checkAddressRoles(changedBy override: MappingOverride) throws(JSONDocumentError) {
        for role in AddressRole.allCases where override.addressRoles[role] != nil {
            guard let mapping = addressRoles[role] else { continue }
            for other in AddressRole.allCases where other != role {
                guard let otherMapping = addressRoles[other] else { continue }
                let path = JSONKeyPath("addressRoles", role.rawValue)
                if otherMapping.severaFlag == mapping.severaFlag {
                    throw JSONDocumentError(
                        file: override.file,
                        keyPath: path.appending("severaFlag").description,
                        problem: "\"\(mapping.severaFlag.rawValue)\" is also the flag of role \"\(other.rawValue)\""
                    )
                }
                let shared = Set(mapping.fortnox.allFields).intersection(otherMapping.fortnox.allFields)
                if let field = shared.sorted().first {
                    throw JSONDocumentError(
                        file: override.file,
                        keyPath: path.appending("fortnox").description,
                        problem: "Fortnox field \"\(field)\" is also used by role \"\(other.rawValue)\""
                    )
                }
            }
        }
    }
}
