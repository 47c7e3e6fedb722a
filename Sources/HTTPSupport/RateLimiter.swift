import Foundation

/// Keeps one API credential's requests under its rate limit, for every caller sharing it.
///
/// Create **one limiter per API credential** (the APIs count per token) and share it among all
/// clients using that credential.
///
/// - **Window**: at most ``RateLimit/maxRequests`` admissions in any interval of
///   ``RateLimit/countedInterval``; when the window is full the next caller waits exactly until the
///   oldest admission leaves it, so a steady stream runs at the limit without crossing it.
/// - **Concurrency**: at most ``RateLimit/maxInFlight`` permits are out at once; a permit comes back
///   with ``release(_:)`` when the response has arrived.
/// - **Back-off**: ``penalize(retryAfter:)`` after a 429 holds every caller until the server's
///   `Retry-After` (or a whole window) has passed.
/// - **Order and time**: callers are admitted first come, first served. Only the caller at the head
///   of the queue waits on the clock, so with ``ManualWallClock`` (whose sleep advances virtual time)
///   time moves exactly as far as the limit requires.
/// - **Cancellation**: a cancelled caller leaves the queue with `CancellationError` and takes no permit.
/// - **Shared window**: with a ``RateWindowFile`` the window (and the back-off) is the file's, which
///   every process using the credential shares and which outlives each of them; the limiter counts in
///   memory as well and falls back to that count for a request when the file cannot be used.
public actor RateLimiter {
    private typealias Waiter = (id: UInt64, continuation: CheckedContinuation<Void, any Error>)

    /// The limit enforced.
    public nonisolated let limit: RateLimit
    private let clock: any WallClock
    private let sharedWindow: RateWindowFile?
    /// Admission times still inside the counted interval, oldest first.
    private var admissions: [Date] = []
    /// The permits out, with the time each was admitted at.
    private var permitsOut: [UInt64: Date] = [:]
    private var blockedUntil: Date?
    private var nextID: UInt64 = 0
    /// Whether some caller is at the head of the queue (admitting, or waiting to admit).
    private var headTaken = false
    private var queue: [Waiter] = []
    /// The head caller, when it waits for a permit to come back.
    private var slotWaiter: Waiter?
    /// Whether the head caller is waiting (for a permit, a penalty or the window).
    private var headIsWaiting = false

    /// Creates a limiter.
    ///
    /// - Parameters:
    ///   - limit: The API's limit, e.g. ``RateLimit/fortnox``.
    ///   - clock: The time source for windows and waits.
    ///   - sharedWindow: The window file every process using the credential shares; `nil` counts in
    ///     this limiter's memory only.
    public init(limit: RateLimit, clock: any WallClock, sharedWindow: RateWindowFile? = nil) {
        self.limit = limit
        self.clock = clock
        self.sharedWindow = sharedWindow
    }

    /// Waits until a request may be sent and returns the permit for it.
    ///
    /// - Returns: A permit to pass to ``release(_:)`` after the response.
    /// - Throws: `CancellationError` when the calling task is cancelled while waiting.
    public func acquire() async throws(CancellationError) -> RateLimitPermit {
        try await takeHead()
        defer {
            headIsWaiting = false
            passHead()
        }
        while true {
            if Task.isCancelled { throw CancellationError() }
            headIsWaiting = true
            if permitsOut.count >= limit.maxInFlight {
                try await waitForReturnedPermit()
                continue
            }
            let now = clock.now()
            if let until = blockedUntil, until > now {
                try await sleep(until.timeIntervalSince(now))
                continue
            }
            blockedUntil = nil
            dropExpiredAdmissions(now: now)
            switch admission(at: now) {
            case .now: break
            case .at(let retryAt):
                try await sleep(retryAt.timeIntervalSince(now))
                continue
            case .afterARelease:
                try await waitForReturnedPermit()
                continue
            }
            headIsWaiting = false
            admissions.append(now)
            nextID += 1
            permitsOut[nextID] = now
            return RateLimitPermit(id: nextID)
        }
    }

    /// When a request may go.
    private enum Admission {
        /// At once (counted in the shared window if there is one).
        case now
        /// Not before this time.
        case at(Date)
        /// Once a request still in flight has been answered: the window is full of requests the server
        /// may not have seen yet.
        case afterARelease
    }

    /// Whether a request may go at `now`, else when to try again.
    private func admission(at now: Date) -> Admission {
        if let sharedWindow, let shared = try? sharedWindow.admit(at: now, limit: limit) {
            switch shared {
            case .admitted: return .now
            case .full(let retryAt): return .at(retryAt)
            }
        }
        guard admissions.count >= limit.maxRequests else { return .now }
        let oldestCounted = admissions[admissions.count - limit.maxRequests]
        let retryAt = oldestCounted.addingTimeInterval(limit.countedInterval.timeInterval)
        return retryAt > now ? .at(retryAt) : .afterARelease
    }

    /// Returns a permit; returning one twice, or one from another limiter, does nothing.
    ///
    /// The request reached the server no later than its response reached us, so from now on it is
    /// counted from the time of its release rather than its admission: a request that took long to
    /// arrive (the first of a process opens its connection) cannot make the server see more than the
    /// limit in its window, whatever the latency.
    public func release(_ permit: RateLimitPermit) {
        guard let admitted = permitsOut.removeValue(forKey: permit.id) else { return }
        let now = clock.now()
        if now > admitted {
            if let index = admissions.lastIndex(of: admitted) {
                admissions.remove(at: index)
                admissions.insert(now, at: admissions.firstIndex { $0 > now } ?? admissions.endIndex)
            }
            try? sharedWindow?.move(admission: admitted, to: now)
        }
        if let waiter = slotWaiter {
            slotWaiter = nil
            waiter.continuation.resume()
        }
    }

    /// Holds every caller after the server answered 429.
    ///
    /// - Parameter retryAfter: The server's `Retry-After`; `nil` waits one whole counted interval,
    ///   after which the server's window has certainly emptied of our requests.
    public func penalize(retryAfter: Duration?) {
        let wait = retryAfter ?? limit.countedInterval
        let until = clock.now().addingTimeInterval(max(0, wait.timeInterval))
        try? sharedWindow?.block(until: until)
        if let current = blockedUntil, current >= until { return }
        blockedUntil = until
    }

    /// Permits currently out.
    public var permitsInFlight: Int { permitsOut.count }

    /// Callers waiting (the head included, once it waits), for tests that need to see a caller blocked.
    package var waitingCallers: Int { queue.count + (headIsWaiting ? 1 : 0) }

    /// Removes admissions that left the counted interval, except those of requests still in flight:
    /// such a request may reach the server only now (a loaded machine, a slow connection), and the
    /// server counts it from its arrival, so it keeps its place until its response arrives.
    private func dropExpiredAdmissions(now: Date) {
        let horizon = now.addingTimeInterval(-limit.countedInterval.timeInterval)
        var inFlight: [Date: Int] = [:]
        for admitted in permitsOut.values where admitted <= horizon { inFlight[admitted, default: 0] += 1 }
        admissions.removeAll { admitted in
            guard admitted <= horizon else { return false }
            guard let count = inFlight[admitted], count > 0 else { return true }
            inFlight[admitted] = count - 1
            return false
        }
    }

    /// Sleeps `seconds` on the clock, rounded up to whole milliseconds (at least one) so virtual time
    /// always moves past the instant it waits for despite floating-point rounding.
    private func sleep(_ seconds: TimeInterval) async throws(CancellationError) {
        let milliseconds = max(1, Int64((seconds * 1000).rounded(.up)))
        do {
            try await clock.sleep(for: .milliseconds(milliseconds))
        } catch {
            throw CancellationError()
        }
    }

    /// Becomes the head of the queue, waiting behind earlier callers.
    private func takeHead() async throws(CancellationError) {
        if !headTaken {
            headTaken = true
            return
        }
        nextID += 1
        let id = nextID
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        queue.append((id: id, continuation: continuation))
                    }
                }
            } onCancel: {
                Task { await self.cancelQueued(id) }
            }
        } catch {
            throw CancellationError()
        }
    }

    /// Hands the head to the next caller in line, or frees it.
    private func passHead() {
        if queue.isEmpty {
            headTaken = false
        } else {
            queue.removeFirst().continuation.resume()
        }
    }

    /// Waits until a permit comes back (only the head waits here).
    private func waitForReturnedPermit() async throws(CancellationError) {
        nextID += 1
        let id = nextID
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        slotWaiter = (id: id, continuation: continuation)
                    }
                }
            } onCancel: {
                Task { await self.cancelSlotWaiter(id) }
            }
        } catch {
            throw CancellationError()
        }
    }

    private func cancelQueued(_ id: UInt64) {
        guard let index = queue.firstIndex(where: { $0.id == id }) else { return }
        queue.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func cancelSlotWaiter(_ id: UInt64) {
        guard let waiter = slotWaiter, waiter.id == id else { return }
        slotWaiter = nil
        waiter.continuation.resume(throwing: CancellationError())
    }
}
