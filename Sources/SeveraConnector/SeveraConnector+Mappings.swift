public import SyncCore

extension SeveraConnector.Options {
    /// The connector options a configuration's mappings decide: unit spellings (R1.3), address role
    /// flags (R2.4) and the type of products created from Fortnox articles (R1); the rest defaulted.
    ///
    /// Each unit contributes its Severa name first (what is written to Severa) and then its aliases
    /// (what else is read as that unit); units are taken in code order so the result is stable.
    ///
    /// - Parameter mappings: The shipped mappings with the operator's override applied.
    public init(mappings: MappingSet) {
        var aliases: [UnitAlias] = []
        for (code, unit) in mappings.units.entries.sorted(by: { $0.key < $1.key }) {
            aliases.append(UnitAlias(severa: unit.severaName, code: code))
            aliases += unit.aliases.map { UnitAlias(severa: $0, code: code) }
        }
        var flags: [AddressRole: AddressFlag] = [:]
        for (role, mapping) in mappings.addressRoles {
            if let flag = AddressFlag(rawValue: mapping.severaFlag.rawValue) { flags[role] = flag }
        }
        let productType = ProductType(rawValue: mappings.productKinds.newFortnoxArticle.severaProductType.rawValue)
        self.init(
            unitAliases: aliases, newProductType: productType ?? .materials, addressRoleFlags: flags)
    }
}
