public import Foundation
import Synchronization

/// The time source for everything that expires or waits: token lifetimes, rate windows, backoff.
///
/// Production code uses ``SystemWallClock``; tests use ``ManualWallClock`` to expire tokens and move
/// past rate windows without sleeping.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Suspends for `duration` of this clock's time.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real time.
public struct SystemWallClock: WallClock {
    /// Creates the clock.
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// A clock that moves only when told to: ``advance(by:)``, or by ``sleep(for:)``, which advances the
/// time by the requested duration and returns at once (virtual time).
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    /// Creates a clock showing `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        self.current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the time forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the time.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration.timeInterval)
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
