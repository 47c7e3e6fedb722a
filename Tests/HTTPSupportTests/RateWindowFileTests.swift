import Foundation
import HTTPSupport
import SandboxKit
import Testing

/// The Fortnox rate window outlives the process and is shared by every process using the token
/// (issue 11, item 3).
@Suite struct RateWindowFileTests {
    private func temporaryWindowPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ratewindow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("state.sqlite.ratewindow").path
    }

    @Test func twoLimitersSharingTheFileNeverExceedTheWindowTogether() async throws {
        let path = try temporaryWindowPath()
        let clock = ManualWallClock()
        let first = RateLimiter(limit: .fortnox, clock: clock, sharedWindow: try RateWindowFile(path: path))
        let second = RateLimiter(limit: .fortnox, clock: clock, sharedWindow: try RateWindowFile(path: path))
        var times: [Date] = []
        for index in 0..<150 {
            let limiter = index.isMultiple(of: 3) ? first : second
            let permit = try await limiter.acquire()
            times.append(clock.now())
            await limiter.release(permit)
        }
        expectFortnoxAcceptsEveryOne(of: times)
    }

    @Test func aFreshProcessWaitsForTheWindowAnotherLeft() async throws {
        let path = try temporaryWindowPath()
        let clock = ManualWallClock()
        let start = clock.now()
        do {
            let earlier = RateLimiter(limit: .fortnox, clock: clock, sharedWindow: try RateWindowFile(path: path))
            for _ in 0..<25 {
                let permit = try await earlier.acquire()
                await earlier.release(permit)
            }
        }
        #expect(clock.now() == start)
        clock.advance(by: 1)
        // A new limiter over a newly opened file, as the next `brygga run` builds it.
        let later = RateLimiter(limit: .fortnox, clock: clock, sharedWindow: try RateWindowFile(path: path))
        let permit = try await later.acquire()
        await later.release(permit)
        #expect(clock.now().timeIntervalSince(start) >= 5.1 - 1e-6)
        // The earlier 25 have left the window; only the new request is counted.
        #expect(try RateWindowFile(path: path).recordedAdmissions().count == 1)
    }

    @Test func aBackOffAfter429HoldsTheOtherProcessToo() async throws {
        let path = try temporaryWindowPath()
        let clock = ManualWallClock()
        let start = clock.now()
        let penalized = RateLimiter(limit: .fortnox, clock: clock, sharedWindow: try RateWindowFile(path: path))
        await penalized.penalize(retryAfter: .seconds(3))
        let other = RateLimiter(limit: .fortnox, clock: clock, sharedWindow: try RateWindowFile(path: path))
        let permit = try await other.acquire()
        await other.release(permit)
        #expect(clock.now().timeIntervalSince(start) >= 3)
    }

    @Test func unreadableLinesAndExpiredAdmissionsAreIgnored() async throws {
        let path = try temporaryWindowPath()
        let clock = ManualWallClock()
        let old = Int64(clock.now().addingTimeInterval(-60).timeIntervalSince1970 * 1000)
        try "garbage\n\(old)\n17336\n".write(toFile: path, atomically: false, encoding: .utf8)
        let window = try RateWindowFile(path: path)
        #expect(try window.admit(at: clock.now(), limit: .fortnox) == .admitted)
        #expect(try window.recordedAdmissions().count == 1)
    }

    @Test func timesLeftByAClockThatWasAheadCostAtMostOneWindow() async throws {
        let path = try temporaryWindowPath()
        let clock = ManualWallClock()
        let start = clock.now()
        let ahead = Int64(start.addingTimeInterval(3600).timeIntervalSince1970 * 1000)
        let lines = (0..<25).map { _ in "\(ahead)\n" }.joined() + "until \(ahead + 7_200_000)\n"
        try lines.write(toFile: path, atomically: false, encoding: .utf8)
        let limiter = RateLimiter(limit: .fortnox, clock: clock, sharedWindow: try RateWindowFile(path: path))
        let permit = try await limiter.acquire()
        await limiter.release(permit)
        let waited = clock.now().timeIntervalSince(start)
        #expect(waited >= 5.1 - 1e-6)
        #expect(waited < 6)
    }

    @Test func aRequestCountsFromItsResponseSoASlowFirstRequestCannotShrinkTheWindow() async throws {
        let path = try temporaryWindowPath()
        let clock = ManualWallClock()
        let limiter = RateLimiter(limit: .fortnox, clock: clock, sharedWindow: try RateWindowFile(path: path))
        let start = clock.now()
        let slow = try await limiter.acquire()
        var others: [RateLimitPermit] = []
        for _ in 0..<3 { others.append(try await limiter.acquire()) }
        clock.advance(by: 0.4)  // the first request's answer comes 400 ms later (its connection was slow)
        await limiter.release(slow)
        for permit in others { await limiter.release(permit) }
        for _ in 0..<21 {
            let permit = try await limiter.acquire()
            await limiter.release(permit)
        }
        // Another process sharing the file counts the first four from their responses too.
        let admissions = try RateWindowFile(path: path).recordedAdmissions()
        #expect(admissions.count == 25)
        #expect(admissions.allSatisfy { $0.timeIntervalSince(start) >= 0.4 - 1e-3 })
        // The 26th waits until 5.1 s after the first request's response, not after its admission.
        let permit = try await limiter.acquire()
        await limiter.release(permit)
        #expect(clock.now().timeIntervalSince(start) >= 5.5 - 1e-6)
    }

    @Test func aFileThatCannotBeOpenedIsATypedErrorNamingIt() throws {
        let path = "/nonexistent-\(UUID().uuidString)/state.sqlite.ratewindow"
        #expect(throws: RateWindowFileError.self) { try RateWindowFile(path: path) }
        do {
            _ = try RateWindowFile(path: path)
        } catch {
            #expect(error.description.contains(path))
        }
    }
}
