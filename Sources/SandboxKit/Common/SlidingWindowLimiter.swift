public import Foundation
public import HTTPSupport
import Synchronization

/// Server-side rate limit: at most `limit` requests per key within any `window` seconds (sliding).
///
/// Emulates Fortnox's 25 requests per 5 s per access token and Severa's 10 per second. Rejected
/// requests do not count toward the window.
public final class SlidingWindowLimiter: Sendable {
    /// Requests admitted per window; `nil` turns the limit off.
    public let limit: Int?
    /// The window length in seconds.
    public let window: TimeInterval
    private let clock: any WallClock
    private let admitted: Mutex<[String: [Date]]>

    /// Creates a limiter.
    public init(limit: Int?, window: TimeInterval, clock: any WallClock) {
        self.limit = limit
        self.window = window
        self.clock = clock
        self.admitted = Mutex([:])
    }

    /// Admits and counts a request for `key`, or returns the seconds until one would be admitted.
    ///
    /// - Returns: `nil` when admitted, else the wait in seconds.
    public func admit(key: String) -> TimeInterval? {
        guard let limit else { return nil }
        let now = clock.now()
        return admitted.withLock { table in
            var stamps = table[key, default: []]
            let horizon = now.addingTimeInterval(-window)
            if let firstKept = stamps.firstIndex(where: { $0 > horizon }) {
                stamps.removeFirst(firstKept)
            } else {
                stamps.removeAll()
            }
            if stamps.count >= limit {
                table[key] = stamps
                return max(0, stamps[stamps.count - limit].timeIntervalSince(horizon))
            }
            stamps.append(now)
            table[key] = stamps
            return nil
        }
    }
}
