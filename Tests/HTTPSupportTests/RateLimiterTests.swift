import Foundation
import HTTPSupport
import SandboxKit
import Synchronization
import Testing

@Suite struct RateLimiterTests {
    /// Admission times of `callers` concurrent callers making `each` requests.
    private func admissions(
        limiter: RateLimiter,
        clock: ManualWallClock,
        callers: Int,
        each: Int
    ) async throws -> [Date] {
        try await withThrowingTaskGroup(of: [Date].self) { group in
            for _ in 0..<callers {
                group.addTask {
                    var times: [Date] = []
                    for _ in 0..<each {
                        let permit = try await limiter.acquire()
                        times.append(clock.now())
                        await limiter.release(permit)
                    }
                    return times
                }
            }
            var all: [Date] = []
            for try await times in group { all += times }
            return all.sorted()
        }
    }

    @Test func neverAdmitsMoreThanTheLimitInAnyWindowOverALongSequence() async throws {
        let clock = ManualWallClock()
        let limiter = RateLimiter(limit: .fortnox, clock: clock)
        let times = try await admissions(limiter: limiter, clock: clock, callers: 6, each: 200)
        #expect(times.count == 1200)
        expectFortnoxAcceptsEveryOne(of: times)
    }

    @Test(arguments: [RateLimit.fortnox, RateLimit.severa])
    func achievedRateIsAtLeast97PercentOfTheBudget(_ limit: RateLimit) async throws {
        let clock = ManualWallClock()
        let limiter = RateLimiter(limit: limit, clock: clock)
        let times = try await admissions(limiter: limiter, clock: clock, callers: 1, each: 2000)
        let first = try #require(times.first)
        let last = try #require(times.last)
        // Conservative: the final window is counted in full.
        let elapsed = last.timeIntervalSince(first) + limit.countedInterval.timeInterval
        let achieved = Double(times.count) / elapsed
        let budget = Double(limit.maxRequests) / limit.countedInterval.timeInterval
        #expect(achieved >= 0.97 * budget, "achieved \(achieved)/s of a \(budget)/s budget")
        #expect(achieved <= Double(limit.maxRequests) / limit.window.timeInterval)
    }

    @Test func fortnoxPresetUsesAtLeast97PercentOfTheAPILimitItself() async throws {
        let clock = ManualWallClock()
        let limiter = RateLimiter(limit: .fortnox, clock: clock)
        let times = try await admissions(limiter: limiter, clock: clock, callers: 1, each: 2500)
        let elapsed = try #require(times.last).timeIntervalSince(try #require(times.first)) + 5
        #expect(Double(times.count) / elapsed >= 0.97 * 5.0, "Fortnox allows 25 per 5 s = 5/s")
    }

    @Test("A request still in flight when the window moves on keeps its place until its answer arrives")
    func aRequestInFlightKeepsItsPlaceInTheWindow() async throws {
        let clock = ManualWallClock()
        let limiter = RateLimiter(limit: RateLimit(maxRequests: 3, window: .seconds(5)), clock: clock)
        // The server counts a request when it arrives: on a loaded machine that can be after the
        // window it was admitted in has passed.
        let late = try await limiter.acquire()
        for _ in 0..<2 { await limiter.release(try await limiter.acquire()) }
        clock.advance(by: 10)
        for _ in 0..<2 { await limiter.release(try await limiter.acquire()) }
        let next = Task { try await limiter.acquire() }
        await yieldUntil("the fourth request in the window waits") { await limiter.waitingCallers == 1 }
        #expect(await limiter.permitsInFlight == 1, "only the late request is out")

        let answered = clock.now()
        await limiter.release(late)  // counted from its answer on, as the server may have counted it

        let admitted = try await next.value
        #expect(clock.now().timeIntervalSince(answered) >= 5, "the window is full until 5 s after the answer")
        await limiter.release(admitted)
        #expect(await limiter.permitsInFlight == 0)
    }

    @Test func boundsTheRequestsInFlight() async throws {
        let limit = RateLimit(maxRequests: 1000, window: .seconds(1), maxInFlight: 3)
        let limiter = RateLimiter(limit: limit, clock: ManualWallClock())
        let gate = Gate()
        let tracker = ConcurrencyTracker()
        let tasks = (0..<10).map { _ in
            Task {
                let permit = try await limiter.acquire()
                await tracker.enter()
                await gate.wait()
                await tracker.leave()
                await limiter.release(permit)
            }
        }
        await yieldUntil("3 admitted and 7 waiting") {
            let waiting = await limiter.waitingCallers
            return await tracker.entered == 3 && waiting == 7
        }
        #expect(await tracker.entered == 3)
        #expect(await limiter.permitsInFlight == 3)
        await gate.open()
        for task in tasks { try await task.value }
        #expect(await tracker.entered == 10)
        #expect(await tracker.maximum == 3)
        #expect(await limiter.permitsInFlight == 0)
    }

    @Test func penaltyAfter429HoldsEveryCallerUntilRetryAfter() async throws {
        let clock = ManualWallClock()
        let limiter = RateLimiter(limit: .fortnox, clock: clock)
        await limiter.release(try await limiter.acquire())
        let penalizedAt = clock.now()
        await limiter.penalize(retryAfter: .seconds(7))
        await limiter.penalize(retryAfter: .seconds(2))  // a shorter penalty does not shorten the first
        let times = try await admissions(limiter: limiter, clock: clock, callers: 5, each: 1)
        for time in times {
            #expect(time.timeIntervalSince(penalizedAt) >= 7)
        }
        #expect(try #require(times.first).timeIntervalSince(penalizedAt) < 7.01)
    }

    @Test func penaltyWithoutRetryAfterWaitsOneCountedWindow() async throws {
        let clock = ManualWallClock()
        let limiter = RateLimiter(limit: .severa, clock: clock)
        let start = clock.now()
        await limiter.penalize(retryAfter: nil)
        await limiter.release(try await limiter.acquire())
        #expect(abs(clock.now().timeIntervalSince(start) - 1.05) < 0.002)
    }

    @Test func cancelledWaitersLeaveWithoutTakingAPermit() async throws {
        let limit = RateLimit(maxRequests: 100, window: .seconds(1), maxInFlight: 1)
        let limiter = RateLimiter(limit: limit, clock: ManualWallClock())
        let held = try await limiter.acquire()
        let head = Task { try await limiter.acquire() }
        await yieldUntil("head waiting") { await limiter.waitingCallers == 1 }
        let queued = Task { try await limiter.acquire() }
        await yieldUntil("both waiting") { await limiter.waitingCallers == 2 }
        queued.cancel()
        await #expect(throws: CancellationError.self) { try await queued.value }
        head.cancel()
        await #expect(throws: CancellationError.self) { try await head.value }
        #expect(await limiter.waitingCallers == 0)
        await limiter.release(held)
        await limiter.release(held)  // a second release is ignored
        let next = try await limiter.acquire()
        #expect(await limiter.permitsInFlight == 1)
        await limiter.release(next)
    }

    @Test func callerSleepingOnTheClockCanBeCancelled() async throws {
        let limit = RateLimit(maxRequests: 1, window: .seconds(5))
        let limiter = RateLimiter(limit: limit, clock: BlockingClock())
        await limiter.release(try await limiter.acquire())
        let waiting = Task { try await limiter.acquire() }
        await yieldUntil("sleeping for the window") { await limiter.waitingCallers == 1 }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(await limiter.permitsInFlight == 0)
        #expect(await limiter.waitingCallers == 0)
    }
}
