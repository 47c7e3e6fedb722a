import BryggaCLI
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite struct ConfigurationLoaderTests {
    @Test func fillsInEveryDefault() throws {
        let directory = try TemporaryDirectory()
        let configuration = try directory.loadConfiguration(ConfigurationFixture.minimal)
        #expect(configuration.file == directory.file("brygga.json"))
        #expect(configuration.isEnabled)
        #expect(configuration.stateDatabasePath == directory.file("brygga-state.sqlite"))
        #expect(configuration.lockFilePath == directory.file("brygga-state.sqlite.lock"))
        #expect(configuration.secretsFilePath == directory.file("brygga.secrets"))
        #expect(configuration.severa.baseURL.absoluteString == "https://api.severa.visma.com/rest-api")
        #expect(configuration.severa.rateLimit == RateLimitSetting(requests: 10, perSeconds: 1))
        #expect(configuration.severa.httpRateLimit == RateLimit.severa)
        #expect(configuration.fortnox.apiBaseURL.absoluteString == "https://api.fortnox.se")
        #expect(configuration.fortnox.authBaseURL.absoluteString == "https://apps.fortnox.se")
        #expect(configuration.fortnox.redirectURI.absoluteString == "https://brygga.example.com/callback")
        #expect(configuration.fortnox.httpRateLimit == RateLimit.fortnox)
        #expect(configuration.fortnox.timeZone.identifier == "Europe/Stockholm")
        #expect(configuration.flows == FlowSettings(products: true, customers: true, projects: true))
        #expect(configuration.enabledEntities == [.product, .customer, .project])
        #expect(configuration.mappingsOverridePath == nil)
        #expect(configuration.mappings == MappingSet.defaults)
    }

    @Test("R1.5, R2.5, R3.1: masters default to Severa; projects are always Severa")
    func mastersDefaultToSevera() throws {
        let directory = try TemporaryDirectory()
        let configuration = try directory.loadConfiguration(ConfigurationFixture.minimal)
        #expect(configuration.masters.products == .projectManagement)
        #expect(configuration.masters.customers == .projectManagement)
        #expect(configuration.masters.projects == .projectManagement)
    }

    @Test func derivesScopesFromTheEnabledFlows() throws {
        let directory = try TemporaryDirectory()
        let all = try directory.loadConfiguration(ConfigurationFixture.minimal)
        #expect(all.severa.scopesAreDerived && all.fortnox.scopesAreDerived)
        #expect(
            all.severa.scopes == [
                "customers:delete", "customers:read", "customers:write", "projects:read", "settings:read",
                "settings:write",
            ]
        )
        #expect(all.fortnox.scopes == ["article", "customer", "price", "project", "settings"])
        let customersOnly = try directory.loadConfiguration(
            ConfigurationFixture.minimal(setting: "flows", to: ["products": false, "projects": false])
        )
        #expect(
            customersOnly.severa.scopes == ["customers:delete", "customers:read", "customers:write", "settings:read"])
        #expect(customersOnly.fortnox.scopes == ["customer"])
    }

    @Test func readsAFullConfiguration() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("config"), withIntermediateDirectories: false)
        try directory.write(#"{"vatRates": {"DK": null}}"#, to: "mappings-override.json")
        let path = try directory.writeJSON(ConfigurationFixture.full, to: "config/brygga.json")
        let configuration = try ConfigurationLoader.load(path: path)
        #expect(!configuration.isEnabled)
        #expect(configuration.stateDatabasePath == directory.file("config/state/sync.sqlite"))
        #expect(configuration.lockFilePath == directory.file("config/state/sync.sqlite.lock"))
        #expect(configuration.secretsFilePath == "/etc/brygga/secrets.json")
        #expect(configuration.severa.baseURL.absoluteString == "https://api.severa.stage.visma.com/rest-api")
        #expect(configuration.severa.scopes == ["customers:read", "settings:read"])
        #expect(!configuration.severa.scopesAreDerived)
        #expect(configuration.severa.httpRateLimit.maxRequests == 8)
        #expect(configuration.severa.httpRateLimit.window == .seconds(2))
        #expect(configuration.fortnox.apiBaseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(configuration.fortnox.authBaseURL.absoluteString == "http://localhost:8081")
        #expect(configuration.fortnox.scopes == ["customer"])
        #expect(configuration.fortnox.rateLimit == RateLimitSetting(requests: 20, perSeconds: 5))
        #expect(configuration.fortnox.timeZone.identifier == "Europe/Helsinki")
        #expect(configuration.enabledEntities == [.customer])
        #expect(configuration.masters.products == .accounting)
        #expect(configuration.masters.customers == .accounting)
        #expect(configuration.mappingsOverridePath == directory.file("mappings-override.json"))
        #expect(configuration.mappings.vatRates.rates["DK"] == nil)
        #expect(configuration.mappings.vatRates.rates["SE"] == MappingSet.defaults.vatRates.rates["SE"])
    }

    @Test func treatsNullAsTheDefault() throws {
        let directory = try TemporaryDirectory()
        var document = ConfigurationFixture.minimal(setting: "severa.scopes", to: .null)
        document = ConfigurationFixture.setting(["enabled"], to: .null, in: document)
        document = ConfigurationFixture.setting(["mappings"], to: .null, in: document)
        let configuration = try directory.loadConfiguration(document)
        #expect(configuration.severa.scopesAreDerived)
        #expect(configuration.isEnabled)
        #expect(configuration.mappingsOverridePath == nil)
    }

    @Test func buildsTheConnectorsCredentialsFromTheConfigurationAndASecret() throws {
        let directory = try TemporaryDirectory()
        let configuration = try directory.loadConfiguration(ConfigurationFixture.minimal)
        let secret = ClientSecret("a-long-client-secret-value")
        let oauth = try configuration.fortnox.oauthConfiguration(secret: secret)
        #expect(oauth.clientID == "fortnox-client")
        #expect(oauth.clientSecret == "a-long-client-secret-value")
        #expect(oauth.tokenURL.absoluteString == "https://apps.fortnox.se/oauth-v1/token")
        let credentials = configuration.severa.credentials(secret: secret)
        #expect(credentials.scope == configuration.severa.scopes.joined(separator: " "))
    }

    @Test func describesTheEffectiveConfigurationWithoutSecrets() throws {
        let directory = try TemporaryDirectory()
        let configuration = try directory.loadConfiguration(ConfigurationFixture.minimal)
        let secrets = ClientSecrets(
            severa: .found(ClientSecret("severa-secret-0123456789"), source: .environment(variable: "X")),
            fortnox: .missing, secretsFile: configuration.secretsFilePath
        )
        let effective = EffectiveConfiguration(configuration: configuration, secrets: secrets)
        func value(_ key: String) -> String? { effective.entries.first { $0.key == key }?.value }
        #expect(value("lockFile") == directory.file("brygga-state.sqlite.lock"))
        #expect(value("severa.clientSecret") == "set (environment variable X)")
        #expect(value("fortnox.clientSecret") == "missing")
        #expect(value("masters.projects") == "severa (always, R3.1)")
        #expect(value("severa.scopes")?.hasSuffix("(derived from flows)") == true)
        let text = effective.description
        #expect(text.contains("\nlockFile: "))
        #expect(!text.contains("severa-secret-0123456789"))
    }

    @Test func refusesAMissingFileAndSuggestsInit() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(path: directory.file("brygga.json"))
        }
        #expect(
            error?.description
                == "\(directory.file("brygga.json")): cannot read: No such file or directory; "
                + "run 'brygga init' to create one"
        )
        #expect(error.map { ExitCode(for: $0) } == .configuration)
    }
}
