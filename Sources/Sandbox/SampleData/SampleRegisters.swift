import JSONSupport
import SeveraSandbox

/// The dimension registers of the sample companies (R4.5), chosen so that every mapping case occurs:
///
/// | Severa | Fortnox | case |
/// |---|---|---|
/// | cost center 100 Consulting, 200 Development (reference data) | 100, 200 active | mapped by identifier |
/// | cost center 400 Support | — | no Fortnox cost center |
/// | cost center 500 Arkiv | 500, inactive | inactive in Fortnox |
/// | — | 300 Administration | only in Fortnox |
/// | business unit GBG Göteborg → cost center 200 | 200 | mapped through the unit's cost center |
/// | business unit MMO Malmö → cost center 400 | — | no Fortnox cost center |
/// | business unit UME Umeå → cost center 500 | 500, inactive | inactive in Fortnox |
/// | business units BSAB (the company), STHLM (reference data), no cost center | — | unmapped unless configured |
///
/// Guids are fixed (not drawn from the seed), like the reference data's.
enum SampleRegisters {
    /// A Fortnox cost center.
    struct FortnoxCostCenter: Sendable {
        let code: String
        let description: String
        let active: Bool
    }

    /// Fortnox's cost centers.
    static let fortnoxCostCenters: [FortnoxCostCenter] = [
        FortnoxCostCenter(code: "100", description: "Konsulting", active: true),
        FortnoxCostCenter(code: "200", description: "Utveckling", active: true),
        FortnoxCostCenter(code: "300", description: "Administration", active: true),
        FortnoxCostCenter(code: "500", description: "Arkiv", active: false),
    ]

    /// The Severa cost centers added to the reference data's 100 and 200: identifier and name.
    static let severaCostCenters: [(identifier: String, name: String)] = [("400", "Support"), ("500", "Arkiv")]

    /// The Severa business units added to the reference data's BSAB and STHLM: code, name and the
    /// identifier of their cost center.
    static let severaBusinessUnits: [(code: String, name: String, costCenter: String)] = [
        ("GBG", "Göteborg", "200"), ("MMO", "Malmö", "400"), ("UME", "Umeå", "500"),
    ]

    /// The seed models of the Severa cost centers, with a label for errors.
    static func severaCostCenterModels() -> [(SeveraResource, JSONValue, String)] {
        severaCostCenters.map { center in
            (
                .costcenters,
                [
                    "guid": .string(guid("costcenter:\(center.identifier)")), "identifier": .string(center.identifier),
                    "name": .string(center.name),
                ],
                "cost center \(center.identifier)"
            )
        }
    }

    /// The seed models of the Severa business units, given the cost center guids by identifier.
    static func severaBusinessUnitModels(costCenters: [String: String]) -> [(SeveraResource, JSONValue, String)] {
        severaBusinessUnits.map { unit in
            (
                .businessunits,
                [
                    "guid": .string(guid("businessunit:\(unit.code)")), "code": .string(unit.code),
                    "name": .string(unit.name),
                    "costCenter": SeveraReferenceIDs.reference(costCenters[unit.costCenter]),
                ],
                "business unit \(unit.code)"
            )
        }
    }

    /// A fixed guid for `key`.
    private static func guid(_ key: String) -> String {
        var random = SampleRandom(seed: 0, "sample-register", key)
        return random.guid()
    }
}
