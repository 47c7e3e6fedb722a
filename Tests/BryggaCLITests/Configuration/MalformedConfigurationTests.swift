import BryggaCLI
import JSONSupport
import Testing

/// One malformed configuration: what to write and what the error must say.
struct MalformedConfiguration: Sendable, CustomTestStringConvertible {
    /// What is wrong, for the test name.
    let label: String
    /// The file's text.
    let text: String
    /// The key path the message must name ("" for line/column errors).
    let keyPath: String
    /// Text the message must contain (the expectation, the finding, the fix).
    let mentions: [String]

    init(_ label: String, _ document: JSONValue, keyPath: String, mentions: [String]) {
        self.label = label
        self.text = JSONSerializer.string(document)
        self.keyPath = keyPath
        self.mentions = mentions
    }

    init(_ label: String, text: String, mentions: [String]) {
        self.label = label
        self.text = text
        self.keyPath = ""
        self.mentions = mentions
    }

    var testDescription: String { label }
}

@Suite struct MalformedConfigurationTests {
    static let cases: [MalformedConfiguration] = [
        .init(
            "unknown top-level key", .minimal(setting: "stateDatabse", to: "x.sqlite"), keyPath: "stateDatabse",
            mentions: ["unknown key \"stateDatabse\"; did you mean \"stateDatabase\"?"]
        ),
        .init(
            "unknown nested key", .minimal(setting: "fortnox.rateLimit", to: ["requets": 25]),
            keyPath: "fortnox.rateLimit.requets", mentions: ["did you mean \"requests\"?"]
        ),
        .init(
            "unknown flow", .minimal(setting: "flows.invoice", to: true), keyPath: "flows.invoice",
            mentions: ["unknown key \"invoice\"; did you mean \"invoices\"?"]
        ),
        .init(
            "number written as a string", .minimal(setting: "fortnox.rateLimit", to: ["requests": "25"]),
            keyPath: "fortnox.rateLimit.requests", mentions: ["expected a positive integer", "found \"25\""]
        ),
        .init(
            "zero rate", .minimal(setting: "severa.rateLimit", to: ["perSeconds": 0]),
            keyPath: "severa.rateLimit.perSeconds", mentions: ["expected a positive integer", "found 0"]
        ),
        .init(
            "boolean as a string", .minimal(setting: "enabled", to: "yes"), keyPath: "enabled",
            mentions: ["expected true or false, found \"yes\""]
        ),
        .init(
            "section of the wrong type", .minimal(setting: "flows", to: [true]), keyPath: "flows",
            mentions: ["expected an object, found an array"]
        ),
        .init(
            "not a URL", .minimal(setting: "severa.baseURL", to: "api severa"), keyPath: "severa.baseURL",
            mentions: ["expected an https URL (plain http only to localhost), found \"api severa\""]
        ),
        .init(
            "plain http to a remote host", .minimal(setting: "fortnox.apiBaseURL", to: "http://api.fortnox.se"),
            keyPath: "fortnox.apiBaseURL", mentions: ["found \"http://api.fortnox.se\"", "use https"]
        ),
        .init(
            "redirect URI over plain http", .minimal(setting: "fortnox.redirectURI", to: "http://example.com/cb"),
            keyPath: "fortnox.redirectURI", mentions: ["plain http is only allowed to this machine"]
        ),
        .init(
            "version 2", .minimal(setting: "version", to: 2), keyPath: "version",
            mentions: ["expected 1 (the version this Brygga reads), found 2"]
        ),
        .init(
            "no version", .minimal(setting: "version", to: nil), keyPath: "version", mentions: ["missing; expected 1"]
        ),
        .init(
            "R3.1 masters.projects", .minimal(setting: "masters.projects", to: "fortnox"), keyPath: "masters.projects",
            mentions: ["Severa is always the master for projects (R3.1)", "remove this key"]
        ),
        .init(
            "unknown master", .minimal(setting: "masters.customers", to: "visma"), keyPath: "masters.customers",
            mentions: ["expected one of \"severa\", \"fortnox\", found \"visma\""]
        ),
        .init(
            "missing Fortnox client id", .minimal(setting: "fortnox.clientID", to: nil), keyPath: "fortnox.clientID",
            mentions: ["missing; expected the Fortnox integration's client id"]
        ),
        .init(
            "empty Severa client id", .minimal(setting: "severa.clientID", to: " "), keyPath: "severa.clientID",
            mentions: ["expected the Severa REST API client id, found \" \""]
        ),
        .init(
            "missing redirect URI", .minimal(setting: "fortnox.redirectURI", to: nil), keyPath: "fortnox.redirectURI",
            mentions: ["missing; expected the redirect URI registered with Fortnox"]
        ),
        .init(
            "missing section", .minimal(setting: "severa", to: nil), keyPath: "severa",
            mentions: ["missing; expected an object with at least \"clientID\""]
        ),
        .init(
            "placeholders from init", .minimal(setting: "fortnox.clientID", to: "REPLACE-ME"),
            keyPath: "fortnox.clientID", mentions: ["fill in this value", "\"REPLACE-ME\" from 'brygga init'"]
        ),
        .init(
            "secret in the configuration", .minimal(setting: "fortnox.clientSecret", to: "hunter2-hunter2"),
            keyPath: "fortnox.clientSecret",
            mentions: ["secrets do not belong in the configuration file", "BRYGGA_FORTNOX_CLIENT_SECRET"]
        ),
        .init(
            "token anywhere", .minimal(setting: "extra.refresh_token", to: "abc"), keyPath: "extra.refresh_token",
            mentions: ["secrets do not belong in the configuration file"]
        ),
        .init(
            "unknown time zone", .minimal(setting: "fortnox.timeZone", to: "Mars/Olympus"),
            keyPath: "fortnox.timeZone", mentions: ["expected an IANA time zone name", "found \"Mars/Olympus\""]
        ),
        .init(
            "scope with a space", .minimal(setting: "severa.scopes", to: ["customers:read customers:write"]),
            keyPath: "severa.scopes[0]", mentions: ["one scope name per string"]
        ),
        .init(
            "home-relative path", .minimal(setting: "stateDatabase", to: "~/state.sqlite"), keyPath: "stateDatabase",
            mentions: ["\"~\" is not expanded"]
        ),
        .init("top level is an array", [1], keyPath: "", mentions: ["expected an object, found an array"]),
        .init(
            "malformed JSON", text: "{\n  \"version\": 1,\n  \"enabled\": true,,\n}",
            mentions: ["line 3, column 19: not valid JSON: expected a string as object key"]
        ),
        .init("empty file", text: "", mentions: ["line 1, column 1: not valid JSON"]),
        .init(
            "duplicate top-level key",
            text: "{\n  \"version\": 1,\n  \"enabled\": true,\n  \"enabled\": false\n}",
            mentions: ["line 4, column 3: duplicate key \"enabled\" (first on line 3)"]
        ),
        .init(
            "duplicate nested key",
            text: "{\"version\": 1,\n \"fortnox\": {\n  \"clientID\": \"a\",\n  \"clientID\": \"b\"}}",
            mentions: ["line 4, column 3: duplicate key \"fortnox.clientID\" (first on line 3)"]
        ),
    ]

    @Test(arguments: cases)
    func namesTheFileTheKeyAndTheExpectation(_ malformed: MalformedConfiguration) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(malformed.text, to: "brygga.json")
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path) }
        let message = error.description
        #expect(message.hasPrefix(path + ": "), "\(message)")
        #expect(error.keyPath == malformed.keyPath)
        if !malformed.keyPath.isEmpty { #expect(message.hasPrefix("\(path): \(malformed.keyPath): "), "\(message)") }
        for mention in malformed.mentions { #expect(message.contains(mention), "\(message)") }
        #expect(ExitCode(for: error) == .configuration)
    }

    @Test func listsEveryPlaceholderLeftToFillIn() throws {
        var document = ConfigurationFixture.minimal(setting: "severa.clientID", to: "REPLACE-ME")
        document = ConfigurationFixture.setting(["fortnox", "redirectURI"], to: "REPLACE-ME", in: document)
        let directory = try TemporaryDirectory()
        let error = try #require(throws: ConfigurationError.self) { try directory.loadConfiguration(document) }
        #expect(error.keyPath == "fortnox.redirectURI")
        #expect(error.description.hasSuffix("; also fill in severa.clientID"))
    }

    @Test func neverQuotesTheValueOfASecretLookingKey() throws {
        let directory = try TemporaryDirectory()
        let document = ConfigurationFixture.minimal(setting: "severa.password", to: "pa55word-value-xyz")
        let error = try #require(throws: ConfigurationError.self) { try directory.loadConfiguration(document) }
        #expect(!error.description.contains("pa55word-value-xyz"))
        #expect(error.description.contains("BRYGGA_SEVERA_CLIENT_SECRET"))
    }

    @Test func namesTheOverrideFileWhenItIsMissing() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: ConfigurationError.self) {
            try directory.loadConfiguration(.minimal(setting: "mappings", to: "nope.json"))
        }
        #expect(
            error.description
                == "\(directory.file("nope.json")): cannot read: No such file or directory "
                + "(named by \"mappings\" in \(directory.file("brygga.json")))"
        )
    }
}
