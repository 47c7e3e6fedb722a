import BryggaCLI
import Foundation
import JSONSupport
import Testing

/// `brygga init` and the basics of the command line, through the built binary.
@Suite struct InitCommandEndToEndTests {
    @Test func writesPrivateStartingFilesAndPrintsTheNextSteps() async throws {
        let directory = try TemporaryDirectory()
        let result = try await BryggaProcess.run(["init"], in: directory.path)
        #expect(result.status == 0)
        #expect(result.errorOutput.isEmpty)
        #expect(result.output.hasPrefix("Wrote \(directory.file("brygga.json")) (mode 0600).\n"))
        #expect(result.output.contains("Wrote \(directory.file("brygga.secrets")) (mode 0600).\n"))
        #expect(result.output.contains("Next steps:"))
        #expect(result.output.contains("brygga auth fortnox"))
        #expect(try directory.permissions(of: "brygga.json") == 0o600)
        #expect(try directory.permissions(of: "brygga.secrets") == 0o600)
        #expect(try directory.read("brygga.json").contains("\"enabled\": false"))
    }

    @Test func aFreshConfigurationAsksForThePlaceholdersToBeFilledIn() async throws {
        let directory = try TemporaryDirectory()
        _ = try await BryggaProcess.run(["init"], in: directory.path)
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(path: directory.file("brygga.json"))
        }
        #expect(
            error.description
                == "\(directory.file("brygga.json")): fortnox.clientID: fill in this value (it is still the "
                + "placeholder \"REPLACE-ME\" from 'brygga init'); also fill in fortnox.redirectURI, severa.clientID"
        )
        let secrets = try ClientSecrets.load(secretsFile: directory.file("brygga.secrets"), environment: [:])
        #expect(throws: ConfigurationError.self) { try secrets.fortnox() }
    }

    @Test("O2: a filled-in starting configuration loads disabled, with the defaults")
    func filledInStartingConfigurationLoadsDisabled() async throws {
        let directory = try TemporaryDirectory()
        _ = try await BryggaProcess.run(["init"], in: directory.path)
        let template = try directory.read("brygga.json")
        let filled = template.replacingOccurrences(of: "\"REPLACE-ME\"", with: "\"https://example.com/cb\"")
        try directory.write(filled, to: "brygga.json")
        let configuration = try ConfigurationLoader.load(path: directory.file("brygga.json"))
        #expect(!configuration.isEnabled)
        let minimal = try directory.loadConfiguration(
            .minimal(setting: "enabled", to: false)
        )
        #expect(configuration.severa.scopes == minimal.severa.scopes)
        #expect(configuration.fortnox.rateLimit == minimal.fortnox.rateLimit)
        #expect(configuration.severa.rateLimit == minimal.severa.rateLimit)
        #expect(configuration.fortnox.timeZone == minimal.fortnox.timeZone)
        #expect(configuration.flows == minimal.flows)
        #expect(configuration.masters == minimal.masters)
        #expect(configuration.mappings == minimal.mappings)
        #expect(configuration.stateDatabasePath == minimal.stateDatabasePath)
    }

    @Test func refusesToOverwriteWithoutForceAndNeverReplacesTheSecrets() async throws {
        let directory = try TemporaryDirectory()
        _ = try await BryggaProcess.run(["init"], in: directory.path)
        try directory.write("{\"edited\": true}", to: "brygga.json")
        try directory.write("{\"fortnoxClientSecret\": \"kept\"}", to: "brygga.secrets")
        let refused = try await BryggaProcess.run(["init"], in: directory.path)
        #expect(refused.status == 73)
        #expect(
            refused.errorOutput
                == "brygga: \(directory.file("brygga.json")) already exists; pass --force to replace it\n")
        #expect(refused.output.isEmpty)
        #expect(try directory.read("brygga.json") == "{\"edited\": true}")
        let forced = try await BryggaProcess.run(["init", "--force"], in: directory.path)
        #expect(forced.status == 0)
        #expect(forced.output.contains("Kept the existing \(directory.file("brygga.secrets")).\n"))
        #expect(try directory.read("brygga.json").contains("\"version\": 1"))
        #expect(try directory.read("brygga.secrets") == "{\"fortnoxClientSecret\": \"kept\"}")
    }

    @Test func writesWhereConfigPointsAndRepeatsTheOptionInTheNextSteps() async throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("etc"), withIntermediateDirectories: false)
        let result = try await BryggaProcess.run(["init", "--config", "etc/prod.json"], in: directory.path)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.file("etc/prod.json")))
        #expect(FileManager.default.fileExists(atPath: directory.file("etc/brygga.secrets")))
        let words = result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("'brygga check --config \(directory.file("etc/prod.json"))'"))
    }

    @Test func reportsADirectoryThatDoesNotExist() async throws {
        let directory = try TemporaryDirectory()
        let result = try await BryggaProcess.run(["init", "--config=missing/brygga.json"], in: directory.path)
        #expect(result.status == 73)
        #expect(
            result.errorOutput
                == "brygga: cannot create \(directory.file("missing/brygga.json")): No such file or directory\n"
        )
    }

    @Test func printsHelpTextsAndTheVersion() async throws {
        let directory = try TemporaryDirectory()
        let help = try await BryggaProcess.run(["--help"], in: directory.path)
        #expect(help.status == 0)
        #expect(help.output.hasPrefix("Usage: brygga <command> [options]\n"))
        #expect(help.output.contains("Exit codes:"))
        let initHelp = try await BryggaProcess.run(["init", "--help"], in: directory.path)
        #expect(initHelp.status == 0)
        #expect(initHelp.output.hasPrefix("Usage: brygga init [--config PATH] [--force]\n"))
        let version = try await BryggaProcess.run(["--version"], in: directory.path)
        #expect(version.status == 0)
        #expect(version.output == "brygga \(BryggaApplication.version)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "help writes nothing")
    }

    @Test func refusesUnknownCommandsAndOptionsWithStatus64() async throws {
        let directory = try TemporaryDirectory()
        let command = try await BryggaProcess.run(["frobnicate"], in: directory.path)
        #expect(command.status == 64)
        #expect(command.errorOutput == "brygga: unknown command \"frobnicate\"\nsee 'brygga help'\n")
        #expect(command.output.isEmpty)
        let option = try await BryggaProcess.run(["init", "--forse"], in: directory.path)
        #expect(option.status == 64)
        #expect(
            option.errorOutput == "brygga: unknown option --forse (did you mean --force?)\nsee 'brygga init --help'\n")
        let bare = try await BryggaProcess.run([], in: directory.path)
        #expect(bare.status == 64)
        #expect(bare.errorOutput.hasPrefix("Usage: brygga"))
    }
}
