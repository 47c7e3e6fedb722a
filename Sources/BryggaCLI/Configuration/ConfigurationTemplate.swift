/// The files `brygga init` writes: a configuration with every key present (defaults, or placeholders
/// the operator must fill in) and a secrets file template.
enum ConfigurationTemplate {
    /// The keys whose values are placeholders in ``configuration``.
    static let placeholderKeys = ["severa.clientID", "fortnox.clientID", "fortnox.redirectURI"]

    /// The starting `brygga.json`: disabled (O2) until the operator has set it up.
    static var configuration: String {
        let placeholder = quoted(ConfigurationScreening.placeholder)
        return """
            {
              "version": \(BryggaConfiguration.supportedVersion),
              "enabled": false,
              "stateDatabase": "brygga-state.sqlite",
              "secretsFile": "brygga.secrets",
              "severa": {
                "baseURL": "https://api.severa.visma.com/rest-api",
                "clientID": \(placeholder),
                "scopes": null,
                "rateLimit": { "requests": 10, "perSeconds": 1 }
              },
              "fortnox": {
                "apiBaseURL": "https://api.fortnox.se",
                "authBaseURL": "https://apps.fortnox.se",
                "clientID": \(placeholder),
                "redirectURI": \(placeholder),
                "scopes": null,
                "rateLimit": { "requests": 25, "perSeconds": 5 },
                "timeZone": "Europe/Stockholm"
              },
              "flows": { "products": true, "customers": true, "projects": true },
              "masters": { "products": "severa", "customers": "severa" },
              "mappings": null
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

    private static func quoted(_ text: String) -> String {
        "\"\(text)\""
    }
}
