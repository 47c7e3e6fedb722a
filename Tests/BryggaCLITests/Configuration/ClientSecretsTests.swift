import BryggaCLI
import Foundation
import Testing

@Suite struct ClientSecretsTests {
    private static let severaSecret = "severa-SECRET-value-0001"
    private static let fortnoxSecret = "fortnox-SECRET-value-0002"

    private func writeSecrets(_ directory: TemporaryDirectory, _ text: String, mode: Int = 0o600) throws -> String {
        try directory.write(text, to: "brygga.secrets", mode: mode)
    }

    private var bothSecrets: String {
        #"{"severaClientSecret": "\#(Self.severaSecret)", "fortnoxClientSecret": "\#(Self.fortnoxSecret)"}"#
    }

    @Test func readsBothSecretsFromAnOwnerOnlyFile() throws {
        let directory = try TemporaryDirectory()
        let file = try writeSecrets(directory, bothSecrets)
        let secrets = try ClientSecrets.load(secretsFile: file, environment: [:])
        #expect(try secrets.severa().exposedValue == Self.severaSecret)
        #expect(try secrets.fortnox().exposedValue == Self.fortnoxSecret)
        #expect(secrets.fortnoxLookup.description == "set (secrets file \(file))")
    }

    @Test func environmentWinsOverTheFile() throws {
        let directory = try TemporaryDirectory()
        let file = try writeSecrets(directory, bothSecrets)
        let secrets = try ClientSecrets.load(
            secretsFile: file, environment: ["BRYGGA_FORTNOX_CLIENT_SECRET": "from-the-environment-42"]
        )
        #expect(try secrets.fortnox().exposedValue == "from-the-environment-42")
        #expect(secrets.fortnoxLookup.description == "set (environment variable BRYGGA_FORTNOX_CLIENT_SECRET)")
        #expect(try secrets.severa().exposedValue == Self.severaSecret)
    }

    @Test func doesNotReadTheFileWhenTheEnvironmentHasBoth() throws {
        let directory = try TemporaryDirectory()
        let file = try writeSecrets(directory, "not even JSON", mode: 0o644)
        let secrets = try ClientSecrets.load(
            secretsFile: file,
            environment: ["BRYGGA_SEVERA_CLIENT_SECRET": "a-secret-1", "BRYGGA_FORTNOX_CLIENT_SECRET": "a-secret-2"]
        )
        #expect(try secrets.severa().exposedValue == "a-secret-1")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func refusesASecretsFileOthersCanAccess(mode: Int) throws {
        let directory = try TemporaryDirectory()
        let file = try writeSecrets(directory, bothSecrets, mode: mode)
        let error = try #require(throws: ConfigurationError.self) {
            try ClientSecrets.load(secretsFile: file, environment: [:])
        }
        #expect(
            error.description
                == "\(file): the secrets file is accessible by others (mode \(String(mode, radix: 8))); "
                + "run: chmod 600 \(file)"
        )
        #expect(ExitCode(for: error) == .configuration)
    }

    @Test func saysWhereToPutAMissingSecret() throws {
        let directory = try TemporaryDirectory()
        let secrets = try ClientSecrets.load(secretsFile: directory.file("brygga.secrets"), environment: [:])
        let error = try #require(throws: ConfigurationError.self) { try secrets.fortnox() }
        #expect(
            error.description
                == "\(directory.file("brygga.secrets")): no Fortnox client secret: set BRYGGA_FORTNOX_CLIENT_SECRET, "
                + "or put \"fortnoxClientSecret\" in this file (mode 0600)"
        )
    }

    @Test func asksToFillInThePlaceholderFromInit() throws {
        let directory = try TemporaryDirectory()
        let file = try writeSecrets(directory, #"{"severaClientSecret": "REPLACE-ME", "fortnoxClientSecret": null}"#)
        let secrets = try ClientSecrets.load(secretsFile: file, environment: [:])
        let error = try #require(throws: ConfigurationError.self) { try secrets.severa() }
        #expect(error.keyPath == "severaClientSecret")
        #expect(error.description.contains("fill in the Severa client secret"))
        #expect(error.description.contains("BRYGGA_SEVERA_CLIENT_SECRET"))
        #expect(throws: ConfigurationError.self) { try secrets.fortnox() }
    }

    @Test func refusesAnEmptyEnvironmentVariable() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: ConfigurationError.self) {
            try ClientSecrets.load(
                secretsFile: directory.file("brygga.secrets"), environment: ["BRYGGA_SEVERA_CLIENT_SECRET": ""]
            )
        }
        #expect(error.description.contains("BRYGGA_SEVERA_CLIENT_SECRET is set but empty"))
    }

    /// Broken secrets files, each holding a secret value that must not appear in the message.
    static let brokenFiles: [(text: String, mentions: String)] = [
        (#"{"fortnoxClientSecret": "\#(fortnoxSecret)",}"#, "line 1, column 53: not valid JSON"),
        (#"{"fortnoxClientSecret": "\#(fortnoxSecret)"#, "not valid JSON"),
        (
            #"{"fortnoxClientSecret": 123456789012345}"#,
            "fortnoxClientSecret: expected the secret as a non-empty string"
        ),
        (#"{"fortnoxClientSecrt": "\#(fortnoxSecret)"}"#, "fortnoxClientSecrt: unknown key; did you mean"),
        (#"["\#(fortnoxSecret)"]"#, "expected an object like"),
    ]

    @Test(arguments: brokenFiles)
    func neverShowsASecretInAnError(text: String, mentions: String) throws {
        let directory = try TemporaryDirectory()
        let file = try writeSecrets(directory, text)
        let error = try #require(throws: ConfigurationError.self) {
            try ClientSecrets.load(secretsFile: file, environment: [:])
        }
        #expect(error.description.contains(mentions), "\(error)")
        #expect(error.description.hasPrefix(file))
        for secret in [Self.fortnoxSecret, "123456789012345", String(Self.fortnoxSecret.prefix(10))] {
            #expect(!error.description.contains(secret), "\(error)")
        }
    }

    @Test func neverShowsASecretInDescriptionsOrDumps() throws {
        let directory = try TemporaryDirectory()
        let file = try writeSecrets(directory, bothSecrets)
        let secrets = try ClientSecrets.load(secretsFile: file, environment: [:])
        var dumped = ""
        dump(secrets, to: &dumped)
        let severa = try secrets.severa()
        let texts = [
            String(describing: secrets), String(reflecting: secrets), dumped, "\(severa)", String(reflecting: severa),
        ]
        for text in texts {
            #expect(!text.contains(Self.severaSecret) && !text.contains(Self.fortnoxSecret), "\(text)")
        }
    }
}
