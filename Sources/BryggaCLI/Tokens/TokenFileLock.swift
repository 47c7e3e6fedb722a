import HTTPSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock held around every read-refresh-write of a token file: an exclusive `flock` on
/// `<tokenFile>.lock`, taken as the run lock is (``RunLock``: `O_CLOEXEC`, the holder's pid inside,
/// `LOCK_UN` on release, never deleted) but waited for instead of refused.
///
/// Fortnox refresh tokens are single use and two concurrent refreshes kill the token (fortnox-api.md
/// §2). A `brygga run` and a `brygga check` share the token file without sharing the run lock, so the
/// second to refresh waits here, then finds the first one's tokens in the file. `flock` locks belong to
/// the open file, so two stores in one process exclude each other too. The kernel drops the lock of a
/// process that dies, also on SIGKILL.
enum TokenFileLock {
    /// The lock file of a token file.
    static func path(forTokenFile tokenFile: String) -> String {
        tokenFile + ".lock"
    }

    /// Takes the lock, waiting (without blocking a thread) while another process holds it.
    ///
    /// - Parameters:
    ///   - tokenFile: The token file whose lock to take.
    ///   - timeout: How long to wait before giving up.
    ///   - log: Told once when the lock is held by another process.
    /// - Returns: The held lock; release it when the tokens are saved.
    /// - Throws: ``TokenStoreError`` after `timeout`, on cancellation, or when the file cannot be opened.
    static func acquire(tokenFile: String, timeout: Duration, log: any DiagnosticLog) async throws(TokenStoreError)
        -> RunLock
    {
        var wait = Wait(tokenFile: tokenFile, timeout: timeout)
        while true {
            if let lock = try wait.attempt(log: log) { return lock }
            if Task.isCancelled {
                throw TokenStoreError(reason: "cancelled while waiting for the lock on \(wait.lockPath)")
            }
            try? await Task.sleep(for: wait.nextDelay())
        }
    }

    /// Takes the lock, sleeping the calling thread while another process holds it (for the upgrade,
    /// which runs while a command opens the state database, before any task is started).
    ///
    /// - Throws: ``TokenStoreError`` after `timeout` or when the file cannot be opened.
    static func acquireBlocking(tokenFile: String, timeout: Duration) throws(TokenStoreError) -> RunLock {
        var wait = Wait(tokenFile: tokenFile, timeout: timeout)
        while true {
            if let lock = try wait.attempt(log: NoDiagnosticLog()) { return lock }
            let delay = wait.nextDelay().components
            usleep(useconds_t(delay.seconds * 1_000_000 + delay.attoseconds / 1_000_000_000_000))
        }
    }

    /// One wait for the lock: the attempts, the backoff between them and the deadline.
    private struct Wait {
        let lockPath: String
        let timeout: Duration
        let deadline: ContinuousClock.Instant
        var delay = Duration.milliseconds(2)
        var announced = false

        init(tokenFile: String, timeout: Duration) {
            lockPath = TokenFileLock.path(forTokenFile: tokenFile)
            self.timeout = timeout
            deadline = ContinuousClock.now + timeout
        }

        /// Tries once: the lock, or `nil` while another process holds it and the deadline is ahead.
        mutating func attempt(log: any DiagnosticLog) throws(TokenStoreError) -> RunLock? {
            let holder: Int32?
            do {
                return try RunLock.acquire(path: lockPath)
            } catch {
                guard error.isHeldByAnotherRun else {
                    throw TokenStoreError(reason: "cannot lock the Fortnox tokens: \(error)")
                }
                holder = error.holderProcessID
            }
            let who = holder.map { "brygga process \($0)" } ?? "another brygga process"
            guard ContinuousClock.now < deadline else {
                throw TokenStoreError(
                    reason: "\(who) has held \(lockPath) for over \(timeout) while refreshing the Fortnox tokens; "
                        + "try again once it has finished (a process stopped with SIGSTOP keeps it)")
            }
            if !announced {
                announced = true
                log.log(.info, "waiting for \(who), which holds \(lockPath) while it refreshes the Fortnox tokens")
            }
            return nil
        }

        /// The pause before the next attempt: doubling from 2 ms up to 100 ms.
        mutating func nextDelay() -> Duration {
            defer { delay = min(delay * 2, .milliseconds(100)) }
            return delay
        }
    }
}
