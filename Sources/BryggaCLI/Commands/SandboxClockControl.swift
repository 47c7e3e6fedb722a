import Foundation
import HTTPSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sandbox's clock under `brygga sandbox serve --clock-control FILE`: the emulators' time is the
/// base clock plus the seconds written in FILE, so a benchmark puts the next run minutes later (as
/// cron would) by rewriting the file instead of waiting.
///
/// The file is created holding `0`. A writer replaces it (write a temporary file, rename it over);
/// every reading of the time checks the file's identity and modification time (one `stat`) and
/// re-reads the offset when either changed. An unreadable or unparsable file keeps the last offset.
final class SandboxClockControl: WallClock {
    private struct Seen: Equatable {
        var inode: UInt64
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
    }

    private let base: any WallClock
    private let path: String
    private let state: Mutex<(seen: Seen?, offset: TimeInterval)>

    /// Creates the control file holding `0` and the clock over `base`.
    ///
    /// - Throws: ``CommandFailure`` (exit 73) when the file cannot be written.
    init(base: any WallClock, path: String) throws(CommandFailure) {
        do {
            try AtomicFileWriter.write(Data("0\n".utf8), to: path, replacing: true)
        } catch {
            throw CommandFailure(.cannotCreate, "cannot write the clock control file \(path): \(error)")
        }
        self.base = base
        self.path = path
        self.state = Mutex((seen: nil, offset: 0))
    }

    func now() -> Date {
        base.now().addingTimeInterval(currentOffset())
    }

    func sleep(for duration: Duration) async throws {
        try await base.sleep(for: duration)
    }

    /// The offset in the file, re-read when the file changed.
    private func currentOffset() -> TimeInterval {
        var status = stat()
        guard stat(path, &status) == 0 else { return state.withLock { $0.offset } }
        let seen = Seen(
            inode: UInt64(status.st_ino), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec),
            size: Int64(status.st_size))
        return state.withLock { current in
            guard current.seen != seen else { return current.offset }
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let offset = TimeInterval(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                current = (seen: seen, offset: offset)
            }
            return current.offset
        }
    }
}
