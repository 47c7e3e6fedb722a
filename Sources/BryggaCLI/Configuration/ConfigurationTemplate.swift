/// The files `brygga init` writes: a configuration with every key present (defaults, or placeholders
/// the operator must fill in) and a secrets file template.
enum ConfigurationTemplate {
    /// The keys whose values are placeholders in ``configuration``.
    static let placeholderKeys = ["severa.clientID", "fortnox.clientID", "fortnox.redirectURI"]

    /// The starting `brygga.json`: disabled (O2) until the operator has set it up.
    static var configuration: String {
        let placeholder = quoted(ConfigurationScreening.placeholder)
        let defaults = ConfigurationDefaults.self
        return """
            {
              "version": \(BryggaConfiguration.supportedVersion),
              "enabled": false,
              "stateDatabase": \(quoted(defaults.stateDatabase)),
              "secretsFile": \(quoted(defaults.secretsFile)),
              "severa": {
                "baseURL": \(quoted(defaults.severaBaseURL)),
                "clientID": \(placeholder),
                "scopes": null,
                "rateLimit": \(rateLimit(defaults.severaRateLimit))
              },
              "fortnox": {
                "apiBaseURL": \(quoted(defaults.fortnoxAPIBaseURL)),
                "authBaseURL": \(quoted(defaults.fortnoxAuthBaseURL)),
                "clientID": \(placeholder),
                "redirectURI": \(placeholder),
                "scopes": null,
                "rateLimit": \(rateLimit(defaults.fortnoxRateLimit)),
                "timeZone": \(quoted(defaults.fortnoxTimeZone))
              },
              "flows": { "products": true, "customers": true, "projects": true, "invoices": false, "projectFees": false },
              "masters": { "products": "severa", "customers": "severa" },
              "mappings": null,
              "invoices": {
                "triggerStatus": "Ready for transfer",
                "receivedStatus": "Transferred",
                "paidStatus": null,
                "attachments": false,
                "dates": "severa",
                "fieldRoutes": { "YourOrderNumber": "orderNumber", "ExternalInvoiceReference2": "number" }
              },
              "projectFees": { "defaultProduct": null },
              "dimensions": { "businessUnits": {}, "costCenters": {} },
              "metricsFile": null,
              "notify": \(notify),
              "tokenFile": null
            }

            """
    }

    /// The starting secrets file; the placeholders make a forgotten secret a clear error.
    static var secrets: String {
        let placeholder = quoted(ConfigurationScreening.placeholder)
        return """
            {
              "\(ClientSecrets.severaKey)": \(placeholder),
              "\(ClientSecrets.fortnoxKey)": \(placeholder)
            }

            """
    }

    /// The `notify` section: nobody to mail yet (an empty `to` loads; `brygga check` asks for one).
    private static var notify: String {
        let relay = SMTPRelaySettings()
        return """
            {
                "to": [],
                "from": null,
                "subjectPrefix": \(quoted(NotifySettings.defaultSubjectPrefix)),
                "transport": "sendmail",
                "sendmail": { "path": \(quoted(NotifySettings.defaultSendmailPath)) },
                "smtp": { "host": \(quoted(relay.host)), "port": \(relay.port), "heloName": null, "timeoutSeconds": \(relay.timeoutSeconds) },
                "remindAfterHours": null
              }
            """
    }

    private static func quoted(_ text: String) -> String {
        "\"\(text)\""
    }

    private static func rateLimit(_ setting: RateLimitSetting) -> String {
        "{ \"requests\": \(setting.requests), \"perSeconds\": \(setting.perSeconds) }"
    }
}
