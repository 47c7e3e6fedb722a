/// The API scopes the enabled flows need, used when the configuration does not list scopes.
///
/// Severa scopes follow severa-api.md §2 (products, work types and travel expense types are
/// `settings`). Customers also need `settings:read` (the connector reads the country and currency
/// registers under `/v1/localization`) and `customers:delete` (a customer whose addresses could not
/// be written is removed again, so a create leaves a whole customer or none). Fortnox scopes follow fortnox-api.md §2; the scope for `/3/units` is UNVERIFIED
/// (probably `settings`), so `settings` is asked for with products.
enum ScopeDerivation {
    /// Severa scopes for `flows` (and R6 when `paidStatus`, R4.3 when `attachments`), sorted.
    static func severaScopes(for flows: FlowSettings, paidStatus: Bool = false, attachments: Bool = false) -> [String] {
        var scopes: Set<String> = []
        if flows.invoices || paidStatus {
            scopes.formUnion(["invoices:read", "invoices:write", "settings:read", "projects:read", "customers:read"])
        }
        if attachments { scopes.insert("files:read") }
        if flows.projectFees { scopes.formUnion(["fees:read", "fees:write", "projects:read", "settings:read"]) }
        if flows.products { scopes.formUnion(["settings:read", "settings:write"]) }
        if flows.customers {
            scopes.formUnion(["customers:read", "customers:write", "customers:delete", "settings:read"])
        }
        if flows.projects { scopes.formUnion(["projects:read", "customers:read", "settings:read"]) }
        return scopes.sorted()
    }

    /// Fortnox scopes for `flows` (and R6 when `paidStatus`, R4.3 when `attachments`), sorted.
    static func fortnoxScopes(for flows: FlowSettings, paidStatus: Bool = false, attachments: Bool = false) -> [String]
    {
        var scopes: Set<String> = []
        if flows.invoices { scopes.formUnion(["invoice", "costcenter", "article", "settings"]) }
        if paidStatus { scopes.formUnion(["invoice", "payment"]) }
        if attachments { scopes.formUnion(["inbox", "connectfile"]) }
        if flows.projectFees { scopes.formUnion(["supplierinvoice", "settings"]) }
        if flows.products { scopes.formUnion(["article", "price", "settings"]) }
        if flows.customers { scopes.insert("customer") }
        if flows.projects { scopes.formUnion(["project", "customer"]) }
        return scopes.sorted()
    }
}
