import FortnoxConnector
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SyncCore
import Testing

@Suite("Fortnox connector: configuration and options")
struct FortnoxConfigurationTests {
    static func oauth() throws -> FortnoxOAuthConfiguration {
        try FortnoxOAuthConfiguration(
            clientID: "client", clientSecret: "secret-value", redirectURI: "https://brygga.example/callback",
            authorizationBaseURL: try #require(URL(string: "https://apps.fortnox.se")))
    }

    @Test(
        "Credentials go over https, or plain http to this machine only",
        arguments: [
            ("https://api.fortnox.se", true), ("http://127.0.0.1:8080", true), ("http://api.fortnox.se", false),
            ("https://user:pass@api.fortnox.se", false),
        ])
    func theBaseURLFollowsThePolicy(url: String, accepted: Bool) throws {
        let base = try #require(URL(string: url))
        let configuration = try? FortnoxConnector.Configuration(apiBaseURL: base, oauth: try Self.oauth())
        #expect((configuration != nil) == accepted)
    }

    @Test("The defaults: Fortnox's rate limit, Stockholm time, the shipped mappings")
    func theDefaults() throws {
        let base = try #require(URL(string: "https://api.fortnox.se/3/"))
        let configuration = try FortnoxConnector.Configuration(apiBaseURL: base, oauth: try Self.oauth())
        #expect(configuration.rateLimit == .fortnox)
        #expect(configuration.timeZone.identifier == "Europe/Stockholm")
        let options = configuration.options
        #expect(options == FortnoxConnector.Options(mappings: .defaults))
        #expect(options.addressFields[.visiting]?.line2 == nil)
        #expect(options.articleTypes[.workType] == .service)
        #expect(options.priceList == "A")
        #expect(options.pageSize == 500)
        #expect(FortnoxConnector.Options(pageSize: 5000).pageSize == 500, "Fortnox pages hold at most 500")
    }

    @Test("A trailing /3 in the base URL is not doubled")
    func aTrailingVersionIsNotDoubled() async throws {
        let handler = FortnoxScriptedHandler()
        handler.answer("GET /3/customers/1", json: ["Customer": ["CustomerNumber": "1", "Name": "Ett AB"]])
        let base = try #require(URL(string: "https://api.fortnox.se/3/"))
        let store = InMemoryTokenStore(
            tokens: StoredTokens(
                accessToken: "at-0123456789", accessTokenExpiresAt: Date().addingTimeInterval(3600),
                refreshToken: "rt-0123456789", scope: "customer"))
        let connector = FortnoxConnector(
            configuration: try FortnoxConnector.Configuration(apiBaseURL: base, oauth: try Self.oauth()),
            tokenStore: store, transport: handler.inProcessTransport())
        #expect(try await connector.customers.find(naturalKey: "1")?.record.name == "Ett AB")
    }
}
