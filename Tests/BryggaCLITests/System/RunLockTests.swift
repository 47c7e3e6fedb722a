import BryggaCLI
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct RunLockTests {
    @Test("O3: a second run is refused, naming the holder, until the first releases the lock")
    func secondRunIsRefusedUntilTheFirstReleases() throws {
        let directory = try TemporaryDirectory()
        let path = RunLock.lockFilePath(forStateDatabase: directory.file("brygga-state.sqlite"))
        #expect(path == directory.file("brygga-state.sqlite.lock"))
        let first = try RunLock.acquire(path: path, processID: 4242)
        let error = try #require(throws: RunLockError.self) { try RunLock.acquire(path: path) }
        #expect(error.description == "another brygga run holds \(path) (pid 4242); try again when it has finished")
        #expect(error.holderProcessID == 4242)
        #expect(ExitCode(for: error) == .lockHeld)
        first.release()
        let second = try RunLock.acquire(path: path, processID: 4343)
        #expect(try directory.read("brygga-state.sqlite.lock") == "4343\n")
        second.release()
        #expect(FileManager.default.fileExists(atPath: path), "the lock file is never deleted")
    }

    @Test("O3: release frees the lock even while a forked child still holds a copy of its descriptor")
    func releaseFreesTheLockWhateverCopiesOfTheDescriptorExist() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.lock")
        let first = try RunLock.acquire(path: path, processID: 4242)
        // A child forked by another thread keeps a copy of every descriptor until it execs; dup() makes
        // the same copy here, deterministically.
        let copy = try #require(Self.duplicateDescriptor(openOn: path))
        defer { close(copy) }
        first.release()
        let second = try RunLock.acquire(path: path, processID: 4343)
        second.release()
    }

    /// Duplicates this process's descriptor open on `path`, found through /proc/self/fd.
    private static func duplicateDescriptor(openOn path: String) -> Int32? {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for entry in entries {
            guard let descriptor = Int32(entry),
                let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)"),
                URL(fileURLWithPath: linked).resolvingSymlinksInPath().path == target
            else { continue }
            let copy = dup(descriptor)
            if copy >= 0 { return copy }
        }
        return nil
    }

    @Test func createsThePrivateLockFileNextToTheDatabase() throws {
        let directory = try TemporaryDirectory()
        let lock = try RunLock.acquire(path: directory.file("state.lock"))
        defer { lock.release() }
        #expect(try directory.permissions(of: "state.lock") == 0o600)
        #expect(try directory.read("state.lock") == "\(getpid())\n")
    }

    @Test func releasesTheLockWhenTheHolderGoesAway() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.lock")
        do {
            _ = try RunLock.acquire(path: path)
        }
        let again = try RunLock.acquire(path: path)
        again.release()
        again.release()
    }

    @Test func aConfigurationLocksNextToItsStateDatabase() throws {
        let directory = try TemporaryDirectory()
        let configuration = try directory.loadConfiguration(ConfigurationFixture.minimal)
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        #expect(lock.path == directory.file("brygga-state.sqlite.lock"))
        #expect(throws: RunLockError.self) { try configuration.acquireRunLock() }
    }

    @Test func reportsALockFileThatCannotBeCreated() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing/state.lock")
        let error = try #require(throws: RunLockError.self) { try RunLock.acquire(path: path) }
        #expect(error.description == "cannot lock \(path): No such file or directory")
        #expect(ExitCode(for: error) == .cannotCreate)
    }
}
