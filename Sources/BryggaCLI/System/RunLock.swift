import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run at a time (O3): an exclusive `flock` on a lock file next to the state database.
///
/// The lock is never taken on the database itself: SQLite uses `fcntl` locks, which a process loses
/// when it closes any descriptor of the file (LINUX-NOTES B4). The file is opened with `O_CLOEXEC` so
/// child processes do not keep the lock after they exec, kept open for the whole run, and never deleted
/// (deleting it would let a third run lock a new file while the second still holds the old one). The
/// kernel releases the lock when the process ends, also on a crash. After locking, the holder writes its
/// process id into the file so a second run can say who holds it.
public final class RunLock: Sendable {
    /// The lock file.
    public let path: String
    /// The open descriptor, `nil` once released.
    private let descriptor: Mutex<Int32?>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        release()
    }

    /// The lock file for a state database: the database path with `.lock` appended.
    public static func lockFilePath(forStateDatabase databasePath: String) -> String {
        databasePath + ".lock"
    }

    /// Takes the lock without waiting.
    ///
    /// - Parameters:
    ///   - path: The lock file; created with mode 0600 when absent.
    ///   - processID: The id written into the file for others to read; this process's by default.
    /// - Returns: The held lock; keep it until the run ends.
    /// - Throws: ``RunLockError`` with the holder's process id when another run holds the lock, or
    ///   with the system's reason when the file cannot be opened.
    public static func acquire(path: String, processID: Int32? = nil) throws(RunLockError) -> RunLock {
        let descriptor = POSIX.retryingInterrupts { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600) }
        guard descriptor >= 0 else { throw RunLockError.failed(path: path, code: errno) }
        guard POSIX.retryingInterrupts({ flock(descriptor, LOCK_EX | LOCK_NB) }) == 0 else {
            let code = errno
            let holder = code == EWOULDBLOCK ? readProcessID(descriptor) : nil
            close(descriptor)
            if code == EWOULDBLOCK { throw RunLockError.held(path: path, holderProcessID: holder) }
            throw RunLockError.failed(path: path, code: code)
        }
        let text = Array("\(processID ?? getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            _ = text.withUnsafeBytes { buffer in pwrite(descriptor, buffer.baseAddress, buffer.count, 0) }
        }
        return RunLock(path: path, descriptor: descriptor)
    }

    /// Releases the lock (also done when the lock is deallocated or the process ends).
    ///
    /// The lock belongs to the open file description, which every copy of the descriptor shares. A
    /// child forked by another thread holds such a copy from the fork until its exec closes it
    /// (`O_CLOEXEC`), and a plain `close` here would leave the lock held for that long. `LOCK_UN` releases
    /// it at once, whatever copies exist (flock(2)).
    public func release() {
        let held = descriptor.withLock { current -> Int32? in
            defer { current = nil }
            return current
        }
        guard let held else { return }
        _ = POSIX.retryingInterrupts { flock(held, LOCK_UN) }
        close(held)
    }

    /// The process id in a lock file, if it holds one.
    static func readProcessID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int32($0) }
    }
}
