import BryggaCLI
import Foundation
import JSONSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Configuration, mapping and secrets files that cannot be used as they are: a key written twice, a
/// directory or an unreadable file where a file was expected. Each message names the file and says
/// exactly what is wrong.
@Suite struct ConfigurationFileProblemsTests {
    @Test("a key written twice in the mapping override file is an error naming the key and both lines")
    func duplicateKeyInTheMappingOverride() throws {
        let directory = try TemporaryDirectory()
        let override = try directory.write(
            """
            {
              "units": {
                "st": {"severaName": "stk", "aliases": []},
                "st": {"severaName": "styck", "aliases": []}
              }
            }
            """, to: "over.json")
        let error = try #require(throws: ConfigurationError.self) {
            try directory.loadConfiguration(.minimal(setting: "mappings", to: "over.json"))
        }
        #expect(
            error.description
                == "\(override): line 4, column 5: duplicate key \"units.st\" (first on line 3); keep one of the two")
        #expect(ExitCode(for: error) == .configuration)
    }

    @Test("a key written twice in the secrets file is an error naming the key, never a value")
    func duplicateKeyInTheSecretsFile() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(
            "{\n\"severaClientSecret\": \"first-secret-1111\",\n\"severaClientSecret\": \"second-secret-2222\"\n}",
            to: "brygga.secrets")
        let error = try #require(throws: ConfigurationError.self) {
            try ClientSecrets.load(secretsFile: file, environment: [:])
        }
        #expect(error.description.contains("line 3, column 1: duplicate key \"severaClientSecret\" (first on line 2)"))
        #expect(!error.description.contains("first-secret-1111") && !error.description.contains("second-secret-2222"))
    }

    @Test("a directory given as --config is called a directory, and the file inside is suggested")
    func directoryAsConfiguration() async throws {
        let directory = try TemporaryDirectory()
        try directory.writeJSON(ConfigurationFixture.minimal)
        let result = try await BryggaProcess.run(["status", "--config", directory.path], in: directory.path)
        #expect(result.status == 78, "\(result.errorOutput)")
        #expect(
            result.errorOutput
                == "brygga: \(directory.path): cannot read: it is a directory, not a file; "
                + "did you mean \(directory.file("brygga.json"))?\n")
    }

    @Test("a directory named as the mapping override file is called a directory")
    func directoryAsMappingOverride() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("maps"), withIntermediateDirectories: false)
        let error = try #require(throws: ConfigurationError.self) {
            try directory.loadConfiguration(.minimal(setting: "mappings", to: "maps"))
        }
        #expect(error.description == "\(directory.file("maps")): cannot read: it is a directory, not a file")
    }

    @Test("a FIFO given as --config is refused at once instead of waiting for a writer")
    func fifoAsConfiguration() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("brygga.json")
        #expect(mkfifo(path, 0o600) == 0)
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path) }
        #expect(error.description.contains("cannot read: it is not a regular file"), "\(error.description)")
    }

    @Test("an unreadable --config says permission denied, for which user, and what to check")
    func unreadableConfiguration() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.writeJSON(ConfigurationFixture.minimal)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        // Root reads every file whatever its mode, unless it runs without that capability.
        let result = try await BryggaProcess.run(
            ["status", "--config", path], in: directory.path,
            launcher: geteuid() == 0 ? BryggaProcess.withoutFileAccessOverride : [])
        #expect(result.status == 78, "\(result.errorOutput)")
        #expect(
            result.errorOutput.hasPrefix("brygga: \(path): cannot read: permission denied: user "),
            "\(result.errorOutput)")
        #expect(result.errorOutput.contains("may not read it (check the file's mode and owner"))
        #expect(!result.errorOutput.contains("Invalid argument"))
    }
}
