import Foundation
import SyncCore

/// The configuration as a run will use it, defaults filled in, for `brygga check` and support
/// requests; it shows where each secret comes from but never a secret.
public struct EffectiveConfiguration: Sendable, CustomStringConvertible {
    /// `key: value` rows in a stable order.
    public let entries: [(key: String, value: String)]

    /// Describes `configuration`, and the secrets' sources when `secrets` is given.
    public init(configuration: BryggaConfiguration, secrets: ClientSecrets?) {
        let severa = configuration.severa
        let fortnox = configuration.fortnox
        func scopes(_ list: [String], derived: Bool) -> String {
            let text = list.isEmpty ? "(none)" : list.joined(separator: " ")
            return derived ? text + " (derived from flows)" : text
        }
        func side(_ side: SystemSide) -> String { side == .projectManagement ? "severa" : "fortnox" }
        let overrides = configuration.mappingsOverridePath.map { "defaults + \($0)" } ?? "defaults"
        var rows: [(String, String)] = [
            ("configuration", configuration.file),
            ("enabled", configuration.isEnabled ? "true" : "false (runs do nothing)"),
            ("stateDatabase", configuration.stateDatabasePath),
            ("lockFile", configuration.lockFilePath),
            ("secretsFile", configuration.secretsFilePath),
            ("tokenFile", configuration.tokenFilePath),
            ("severa.baseURL", severa.baseURL.absoluteString),
            ("severa.clientID", severa.clientID),
            ("severa.scopes", scopes(severa.scopes, derived: severa.scopesAreDerived)),
            ("severa.rateLimit", severa.rateLimit.description),
        ]
        if let secrets { rows.append(("severa.clientSecret", secrets.severaLookup.description)) }
        rows += [
            ("fortnox.apiBaseURL", fortnox.apiBaseURL.absoluteString),
            ("fortnox.authBaseURL", fortnox.authBaseURL.absoluteString),
            ("fortnox.clientID", fortnox.clientID),
            ("fortnox.redirectURI", fortnox.redirectURI.absoluteString),
            ("fortnox.scopes", scopes(fortnox.scopes, derived: fortnox.scopesAreDerived)),
            ("fortnox.rateLimit", fortnox.rateLimit.description),
            ("fortnox.timeZone", fortnox.timeZone.identifier),
        ]
        if let secrets { rows.append(("fortnox.clientSecret", secrets.fortnoxLookup.description)) }
        rows += [
            ("flows.products", String(configuration.flows.products)),
            ("flows.customers", String(configuration.flows.customers)),
            ("flows.projects", String(configuration.flows.projects)),
            ("flows.invoices", String(configuration.flows.invoices)),
            ("flows.projectFees", String(configuration.flows.projectFees)),
            ("masters.products", side(configuration.masters.products)),
            ("masters.customers", side(configuration.masters.customers)),
            ("masters.projects", "severa (always, R3.1)"),
            ("mappings", overrides),
        ]
        rows += Self.moneyRows(configuration)
        self.entries = rows
    }

    /// The `invoices`, `projectFees` and `dimensions` rows.
    private static func moneyRows(_ configuration: BryggaConfiguration) -> [(String, String)] {
        var rows: [(String, String)] = []
        if let invoices = configuration.invoices {
            let routes = invoices.fieldRoutes.keys.sorted().compactMap { target in
                invoices.fieldRoutes[target].map { "\($0.rawValue) → \(target.rawValue)" }
            }
            rows += [
                ("invoices.triggerStatus", invoices.triggerStatus),
                ("invoices.receivedStatus", invoices.receivedStatus),
                ("invoices.paidStatus", invoices.paidStatus ?? "(none: paid state is not transferred, R6 off)"),
                ("invoices.attachments", String(invoices.attachments)),
                ("invoices.dates", invoices.dates.rawValue),
                ("invoices.fieldRoutes", routes.isEmpty ? "(none)" : routes.joined(separator: ", ")),
                ("dimensions.businessUnits", Self.mapping(invoices.businessUnitCostCenters)),
                ("dimensions.costCenters", Self.mapping(invoices.costCenters)),
            ]
        }
        rows.append(("projectFees.defaultProduct", configuration.projectFees.defaultProduct ?? "(none)"))
        return rows
    }

    private static func mapping(_ map: [String: String]) -> String {
        map.isEmpty ? "(none)" : map.keys.sorted().map { "\($0) → \(map[$0] ?? "")" }.joined(separator: ", ")
    }

    /// One `key: value` line per entry, values aligned.
    public var description: String {
        let width = entries.map(\.key.count).max() ?? 0
        return entries.map { entry in
            entry.key + ":" + String(repeating: " ", count: width - entry.key.count + 1) + entry.value
        }.joined(separator: "\n")
    }
}
