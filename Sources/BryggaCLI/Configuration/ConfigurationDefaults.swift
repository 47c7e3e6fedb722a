import HTTPSupport

/// The value of every optional configuration key when the file leaves it out (docs/CONFIGURATION.md);
/// the decoder and the `brygga init` template both read them from here.
enum ConfigurationDefaults {
    /// `stateDatabase`, relative to the configuration file.
    static let stateDatabase = "brygga-state.sqlite"
    /// `secretsFile`, relative to the configuration file.
    static let secretsFile = "brygga.secrets"
    /// `severa.baseURL` (severa-api.md §1).
    static let severaBaseURL = "https://api.severa.visma.com/rest-api"
    /// `fortnox.apiBaseURL` (fortnox-api.md §1).
    static let fortnoxAPIBaseURL = "https://api.fortnox.se"
    /// `fortnox.authBaseURL` (fortnox-api.md §2).
    static let fortnoxAuthBaseURL = FortnoxOAuthConfiguration.defaultAuthorizationBase
    /// `fortnox.timeZone`: Fortnox companies keep Swedish dates.
    static let fortnoxTimeZone = "Europe/Stockholm"
    /// `severa.rateLimit`: the API's budget as HTTPSupport knows it (10 per 1 s).
    static let severaRateLimit = setting(from: .severa)
    /// `fortnox.rateLimit`: the API's budget as HTTPSupport knows it (25 per 5 s).
    static let fortnoxRateLimit = setting(from: .fortnox)

    private static func setting(from limit: RateLimit) -> RateLimitSetting {
        RateLimitSetting(requests: limit.maxRequests, perSeconds: Int(limit.window.components.seconds))
    }
}
