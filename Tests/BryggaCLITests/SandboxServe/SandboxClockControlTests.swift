import Foundation
import HTTPSupport
import Testing

@testable import BryggaCLI

/// `brygga sandbox serve --clock-control FILE`: runs minutes apart without waiting (issue 11, item 4).
@Suite struct SandboxClockControlTests {
    @Test func theClockRunsAheadByTheSecondsTheFileHolds() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("clock").path
        let base = ManualWallClock()
        let clock = try SandboxClockControl(base: base, path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "0\n")
        #expect(clock.now() == base.now())
        // A writer replaces the file, as brygga-bench requests does.
        try AtomicFileWriter.write(Data("120\n".utf8), to: path, replacing: true)
        #expect(clock.now() == base.now().addingTimeInterval(120))
        base.advance(by: 5)
        #expect(clock.now() == base.now().addingTimeInterval(120))
        // An unreadable value keeps the last offset rather than jumping back.
        try AtomicFileWriter.write(Data("soon\n".utf8), to: path, replacing: true)
        #expect(clock.now() == base.now().addingTimeInterval(120))
    }
}
