public import Foundation
public import HTTPSupport
public import SyncCore

/// A request budget from the configuration: `requests` per `perSeconds` seconds.
public struct RateLimitSetting: Sendable, Hashable, CustomStringConvertible {
    /// Requests per window.
    public var requests: Int
    /// The window in seconds.
    public var perSeconds: Int

    /// Creates a setting.
    public init(requests: Int, perSeconds: Int) {
        self.requests = requests
        self.perSeconds = perSeconds
    }

    /// The limit HTTPSupport enforces: this budget with `template`'s safety margin and in-flight bound.
    public func rateLimit(basedOn template: RateLimit) -> RateLimit {
        RateLimit(
            maxRequests: requests,
            window: .seconds(perSeconds),
            safetyMargin: template.safetyMargin,
            maxInFlight: template.maxInFlight
        )
    }

    public var description: String { "\(requests) requests per \(perSeconds) s" }
}

/// The `severa` section: where and as whom Brygga talks to Visma Severa.
public struct SeveraSettings: Sendable, Hashable {
    /// The REST API base, e.g. `https://api.severa.visma.com/rest-api`.
    public var baseURL: URL
    /// The REST API client id.
    public var clientID: String
    /// The scopes asked for at login.
    public var scopes: [String]
    /// Whether ``scopes`` were derived from the enabled flows (not written in the file).
    public var scopesAreDerived: Bool
    /// The request budget.
    public var rateLimit: RateLimitSetting

    /// Creates settings (``ConfigurationLoader`` makes them from the file; `brygga demo` builds its own).
    public init(baseURL: URL, clientID: String, scopes: [String], scopesAreDerived: Bool, rateLimit: RateLimitSetting) {
        self.baseURL = baseURL
        self.clientID = clientID
        self.scopes = scopes
        self.scopesAreDerived = scopesAreDerived
        self.rateLimit = rateLimit
    }

    /// The request budget as HTTPSupport enforces it.
    public var httpRateLimit: RateLimit { rateLimit.rateLimit(basedOn: .severa) }

    /// The client credentials for ``SeveraTokenProvider``.
    public func credentials(secret: ClientSecret) -> SeveraCredentials {
        SeveraCredentials(clientID: clientID, clientSecret: secret.exposedValue, scope: scopes.joined(separator: " "))
    }
}

/// The `fortnox` section: where and as whom Brygga talks to Fortnox.
public struct FortnoxSettings: Sendable, Hashable {
    /// The API base, e.g. `https://api.fortnox.se`.
    public var apiBaseURL: URL
    /// The OAuth2 authorization server, e.g. `https://apps.fortnox.se`.
    public var authBaseURL: URL
    /// The integration's client id.
    public var clientID: String
    /// The redirect URI registered with Fortnox.
    public var redirectURI: URL
    /// The scopes asked for when the administrator authorises Brygga.
    public var scopes: [String]
    /// Whether ``scopes`` were derived from the enabled flows (not written in the file).
    public var scopesAreDerived: Bool
    /// The request budget.
    public var rateLimit: RateLimitSetting
    /// The time zone Fortnox dates (invoice dates, `lastmodified`) are in.
    public var timeZone: TimeZone

    /// Creates settings (``ConfigurationLoader`` makes them from the file; `brygga demo` builds its own).
    public init(
        apiBaseURL: URL, authBaseURL: URL, clientID: String, redirectURI: URL, scopes: [String],
        scopesAreDerived: Bool, rateLimit: RateLimitSetting, timeZone: TimeZone
    ) {
        self.apiBaseURL = apiBaseURL
        self.authBaseURL = authBaseURL
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.scopesAreDerived = scopesAreDerived
        self.rateLimit = rateLimit
        self.timeZone = timeZone
    }

    /// The request budget as HTTPSupport enforces it.
    public var httpRateLimit: RateLimit { rateLimit.rateLimit(basedOn: .fortnox) }

    /// The OAuth2 client registration for ``FortnoxTokenProvider``.
    ///
    /// - Throws: ``BaseURLError`` when the authorization base breaks ``BaseURLPolicy`` (already checked
    ///   when the configuration was loaded).
    public func oauthConfiguration(secret: ClientSecret) throws(BaseURLError) -> FortnoxOAuthConfiguration {
        try FortnoxOAuthConfiguration(
            clientID: clientID,
            clientSecret: secret.exposedValue,
            redirectURI: redirectURI.absoluteString,
            authorizationBaseURL: authBaseURL
        )
    }
}

/// The `flows` section: which entities are synchronised.
public struct FlowSettings: Sendable, Hashable {
    /// R1: products ↔ articles.
    public var products: Bool
    /// R2: customers ↔ customers.
    public var customers: Bool
    /// R3: projects → projects.
    public var projects: Bool
    /// R4: invoices in the trigger status → Fortnox invoices.
    public var invoices: Bool
    /// R5: supplier-invoice rows booked to projects → Severa project fees.
    public var projectFees: Bool

    /// Creates settings; the master-data flows are on by default, the money flows off.
    public init(
        products: Bool = true, customers: Bool = true, projects: Bool = true, invoices: Bool = false,
        projectFees: Bool = false
    ) {
        self.products = products
        self.customers = customers
        self.projects = projects
        self.invoices = invoices
        self.projectFees = projectFees
    }

    /// The enabled entities in flow order; the paid state (R6) is on when a paid status is configured.
    public func enabledEntities(paidStatus: Bool) -> [EntityKind] {
        [
            (EntityKind.product, products), (.customer, customers), (.project, projects), (.invoice, invoices),
            (.projectFee, projectFees), (.paidState, paidStatus),
        ].filter(\.1).map(\.0)
    }
}

/// The `masters` section: which side wins when the same record changed on both (R1.5, R2.5).
public struct MasterSettings: Sendable, Hashable {
    /// The master for product updates (default Severa).
    public var products: SystemSide
    /// The master for customer updates (default Severa, which has the CRM).
    public var customers: SystemSide
    /// Creates settings; Severa is the default master (R1.5, R2.5).
    public init(products: SystemSide = .projectManagement, customers: SystemSide = .projectManagement) {
        self.products = products
        self.customers = customers
    }

    /// Severa is always master for projects (R3.1); not configurable.
    public var projects: SystemSide { .projectManagement }
}
