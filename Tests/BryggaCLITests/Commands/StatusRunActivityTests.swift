import BryggaCLI
import Foundation
import SyncCore
import SyncStore
import Testing

/// `brygga status` tells a run in progress from one that died (O3).
@Suite struct StatusRunActivityTests {
    /// A run without a finish whose log holds two creates and a failure.
    static func unfinishedRun(in fixture: StateFixture) throws -> Int64 {
        let run = try fixture.store.startRun(kind: .incremental, at: Date(timeIntervalSince1970: 1_772_431_200))
        var commit = StateCommit()
        commit.logEntries = [
            StateFixture.entry(run: run, .customer, .created, key: "1001", seconds: 1),
            StateFixture.entry(run: run, .customer, .created, key: "1003", seconds: 2),
            StateFixture.entry(run: run, .customer, .failed, key: "1002", seconds: 3),
        ]
        try fixture.store.commit(commit)
        return run
    }

    @Test("O3: a run that died is shown interrupted with what its log says it did, not 0 created")
    func deadRunIsInterrupted() async throws {
        let fixture = try StateFixture()
        _ = try Self.unfinishedRun(in: fixture)

        let result = await fixture.brygga(["status"])

        #expect(
            result.output.contains(
                "run 1  incremental  2026-03-02T06:00:00Z  interrupted (no finish recorded; the run lock is free)  "
                    + "its log: 2 created, 0 updated, 0 linked, 0 skipped, 0 conflicts, 1 failed"), "\(result.output)")
    }

    @Test("O3: the newest run is running now while the run lock is held; an older unfinished one died")
    func runInProgressWhileTheLockIsHeld() async throws {
        let fixture = try StateFixture()
        _ = try Self.unfinishedRun(in: fixture)
        _ = try Self.unfinishedRun(in: fixture)
        let lock = try RunLock.acquire(
            path: RunLock.lockFilePath(forStateDatabase: fixture.directory.file("state.sqlite")), processID: 4242)
        defer { lock.release() }

        let result = await fixture.brygga(["status"])

        #expect(result.output.contains("run 1  incremental  2026-03-02T06:00:00Z  interrupted"), "\(result.output)")
        #expect(
            result.output.contains(
                "run 2  incremental  2026-03-02T06:00:00Z  running now (process 4242 holds the run lock)  "
                    + "so far: 2 created"), "\(result.output)")
    }

    @Test("O3: the probe leaves the lock free for the next run")
    func probeLeavesTheLockFree() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.sqlite.lock")
        #expect(RunLock.probe(path: path) == .free, "no file yet")
        #expect(!FileManager.default.fileExists(atPath: path), "the probe creates no file")
        let lock = try RunLock.acquire(path: path, processID: 77)
        #expect(RunLock.probe(path: path) == .held(processID: 77))
        lock.release()
        #expect(RunLock.probe(path: path) == .free)
        let next = try RunLock.acquire(path: path)
        next.release()
    }
}
