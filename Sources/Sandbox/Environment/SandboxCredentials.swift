/// The credentials both emulators accept: what a Brygga configuration and secrets file for the
/// sandbox hold. The description shows the ids only, never the secrets.
public struct SandboxCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The Fortnox integration's client id.
    public var fortnoxClientID: String
    /// The Fortnox client secret.
    public var fortnoxClientSecret: String
    /// The Fortnox tenant id (`DatabaseNumber`), for client-credentials logins.
    public var fortnoxTenantID: String
    /// The Severa REST API client id.
    public var severaClientID: String
    /// The Severa client secret.
    public var severaClientSecret: String

    /// The Fortnox scopes an authorization code is issued for: everything Brygga uses.
    public static let fortnoxScopes: Set<String> = [
        "article", "companyinformation", "connectfile", "costcenter", "customer", "inbox", "invoice", "payment",
        "price", "project", "settings", "supplier", "supplierinvoice",
    ]

    /// Creates credentials; the defaults are the sandbox's fixed, well-known ones.
    public init(
        fortnoxClientID: String = "sandbox-fortnox-client", fortnoxClientSecret: String = "sandbox-fortnox-secret",
        fortnoxTenantID: String = "1234567", severaClientID: String = "sandbox-severa-client",
        severaClientSecret: String = "sandbox-severa-secret"
    ) {
        self.fortnoxClientID = fortnoxClientID
        self.fortnoxClientSecret = fortnoxClientSecret
        self.fortnoxTenantID = fortnoxTenantID
        self.severaClientID = severaClientID
        self.severaClientSecret = severaClientSecret
    }

    public var description: String {
        "sandbox credentials (Fortnox client \(fortnoxClientID), Severa client \(severaClientID))"
    }
}
