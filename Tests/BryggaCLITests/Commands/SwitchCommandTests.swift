import BryggaCLI
import Foundation
import Testing

/// `brygga enable` / `brygga disable` (O2) through the built binary.
@Suite struct SwitchCommandTests {
    @Test("O2: disable makes the next run do nothing, enable brings it back; the rest of the file is kept")
    func disableAndEnableSwitchTheRunAndKeepTheFile() async throws {
        let bed = try await SyncTestbed()
        let path = bed.directory.file("brygga.json")
        let original = try String(contentsOfFile: path, encoding: .utf8)

        let disable = try await bed.brygga(["disable"])
        let disabledRun = try await bed.brygga(["run"])

        #expect(disable.status == 0, "\(disable.errorOutput)")
        #expect(disabledRun.status == 0)
        #expect(disabledRun.output.contains("The integration is disabled"), "\(disabledRun.output)")
        let enable = try await bed.brygga(["enable"])
        #expect(enable.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original, "only the value changed back")
        #expect(try bed.directory.permissions(of: "brygga.json") == 0o600)
        let run = try await bed.brygga(["run"])
        #expect(run.output.hasPrefix("run 1: "), "\(run.output)")
    }

    @Test("O2: disable adds \"enabled\" to a file that leaves it out (enabled by default)")
    func disableAddsTheMemberToAFileWithoutIt() async throws {
        let bed = try await SyncTestbed()
        let path = bed.directory.file("brygga.json")
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let withoutMember = original.replacingOccurrences(
            of: #""enabled"\s*:\s*true\s*,"#, with: "", options: .regularExpression)
        #expect(withoutMember != original)
        try withoutMember.write(toFile: path, atomically: true, encoding: .utf8)

        let disable = try await bed.brygga(["disable"])
        let run = try await bed.brygga(["run"])

        #expect(disable.status == 0, "\(disable.errorOutput)")
        #expect(run.output.contains("The integration is disabled"), "\(run.output)")
    }
}
