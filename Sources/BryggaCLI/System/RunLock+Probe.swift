#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a run holds the run lock, as `brygga status` sees it.
public enum RunLockState: Sendable, Hashable {
    /// No process holds the lock: no run is in progress.
    case free
    /// A process holds the lock: a run (or `brygga auth fortnox`) is in progress; its process id as
    /// it wrote it into the file, when readable.
    case held(processID: Int32?)
    /// The lock file cannot be opened; the text says why.
    case unknown(String)
}

extension RunLock {
    /// Whether the lock at `path` is held, without waiting and without creating the file.
    ///
    /// `flock` has no query, so this takes a shared lock and drops it at once: it fails exactly
    /// while a run holds the exclusive lock. A run that starts in the few microseconds the shared
    /// lock is held finds the lock taken and exits 75, as when another run holds it; the next
    /// scheduled run goes ahead.
    public static func probe(path: String) -> RunLockState {
        let descriptor = POSIX.retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            let code = errno
            return code == ENOENT ? .free : .unknown("cannot open \(path): \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        guard POSIX.retryingInterrupts({ flock(descriptor, LOCK_SH | LOCK_NB) }) == 0 else {
            let code = errno
            guard code == EWOULDBLOCK else {
                return .unknown("cannot test the lock \(path): \(String(cString: strerror(code)))")
            }
            return .held(processID: readProcessID(descriptor))
        }
        _ = flock(descriptor, LOCK_UN)
        return .free
    }
}
