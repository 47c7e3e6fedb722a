import BryggaCLI
import Foundation
import JSONSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `brygga enable` / `brygga disable` keep the configuration file as the operator set it up: a
/// symbolic link stays a link, the file keeps its mode, owner and group (O2), through the binary.
@Suite struct SwitchCommandFileTests {
    /// A minimal configuration in `directory/conf/brygga.json` with mode 0640, and a symbolic link to
    /// it at `directory/brygga.json`, as a configuration-management tool lays it out.
    private func linkedConfiguration(in directory: TemporaryDirectory) throws -> (link: String, target: String) {
        try FileManager.default.createDirectory(atPath: directory.file("conf"), withIntermediateDirectories: false)
        let target = try directory.write(
            JSONSerializer.string(ConfigurationFixture.minimal), to: "conf/brygga.json", mode: 0o640)
        let link = directory.file("brygga.json")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "conf/brygga.json")
        return (link, target)
    }

    private func status(of path: String) throws -> stat {
        var result = stat()
        guard stat(path, &result) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return result
    }

    @Test("O2: disable through a symbolic link changes the target, keeps the link and the target's mode 0640")
    func symbolicLinkAndModeAreKept() async throws {
        let directory = try TemporaryDirectory()
        let (link, target) = try linkedConfiguration(in: directory)

        let disable = try await BryggaProcess.run(["disable"], in: directory.path)

        #expect(disable.status == 0, "\(disable.errorOutput)")
        #expect(disable.output.contains("(\(link) → \(target))"), "\(disable.output)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "conf/brygga.json")
        #expect(try status(of: target).st_mode & 0o7777 == 0o640)
        #expect(try ConfigurationLoader.load(path: target).isEnabled == false, "the target says disabled")
        let run = try await BryggaProcess.run(["run"], in: directory.path)
        #expect(run.output.contains("The integration is disabled"), "\(run.output)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.file("conf")) == ["brygga.json"],
            "no temporary file left beside the target")
    }

    @Test("O2: as root, the replaced file keeps its owner and group", .enabled(if: geteuid() == 0))
    func ownerAndGroupAreKeptByRoot() async throws {
        let directory = try TemporaryDirectory()
        let (_, target) = try linkedConfiguration(in: directory)
        #expect(chown(target, 65534, 65534) == 0)

        let disable = try await BryggaProcess.run(["disable"], in: directory.path)

        #expect(disable.status == 0, "\(disable.errorOutput)")
        #expect(disable.errorOutput.isEmpty, "no warning: \(disable.errorOutput)")
        let after = try status(of: target)
        #expect(after.st_uid == 65534 && after.st_gid == 65534)
        #expect(after.st_mode & 0o7777 == 0o640)
    }

    @Test(
        "O2: when the owner cannot be kept the change is made and a warning says how to restore it",
        .enabled(if: geteuid() == 0, "needs root to hand the file to another user first"))
    func ownerThatCannotBeKeptIsReported() async throws {
        let directory = try TemporaryDirectory()
        let (_, target) = try linkedConfiguration(in: directory)
        #expect(chown(target, 65534, 65534) == 0)
        #expect(chmod(target, 0o664) == 0)

        // Root without the capabilities to change owners stands in for an operator's own account.
        let disable = try await BryggaProcess.run(
            ["disable"], in: directory.path, launcher: BryggaProcess.withoutFileAccessOverride)

        #expect(disable.status == 0, "\(disable.errorOutput)")
        #expect(try ConfigurationLoader.load(path: target).isEnabled == false)
        #expect(disable.errorOutput.contains("brygga: warning: \(target) now belongs to uid 0, gid 0"))
        #expect(disable.errorOutput.contains("chown 65534:65534 \(target)"), "\(disable.errorOutput)")
        #expect(try status(of: target).st_mode & 0o7777 == 0o664)
    }

    @Test("O2: a hard link is not kept: the name given gets the new contents, the other keeps the old")
    func hardLinkIsNotKept() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.writeJSON(ConfigurationFixture.minimal)
        try FileManager.default.linkItem(atPath: path, toPath: directory.file("other.json"))

        let disable = try await BryggaProcess.run(["disable"], in: directory.path)

        #expect(disable.status == 0, "\(disable.errorOutput)")
        #expect(try ConfigurationLoader.load(path: path).isEnabled == false)
        #expect(try ConfigurationLoader.load(path: directory.file("other.json")).isEnabled == true)
    }

    @Test("O2: a directory that may not be written is named, with the user, and the file is left as it was")
    func unwritableDirectoryIsExplained() async throws {
        let directory = try TemporaryDirectory()
        let (_, target) = try linkedConfiguration(in: directory)
        let before = try directory.read("conf/brygga.json")
        #expect(chmod(directory.file("conf"), 0o555) == 0)
        defer { chmod(directory.file("conf"), 0o755) }

        let disable = try await BryggaProcess.run(
            ["disable"], in: directory.path, launcher: geteuid() == 0 ? BryggaProcess.withoutFileAccessOverride : [])

        #expect(disable.status == 73, "\(disable.errorOutput)")
        #expect(
            disable.errorOutput.contains("cannot create \(target): permission denied: user "), "\(disable.errorOutput)")
        #expect(disable.errorOutput.contains("may not create files in \(directory.file("conf"))"))
        #expect(try directory.read("conf/brygga.json") == before)
    }
}
