public import Foundation

/// The time source the engine stamps runs, transfer-log entries and retry-queue entries with.
///
/// `SyncCore` does not depend on `HTTPSupport`, so this is a closure rather than its `WallClock`;
/// the CLI wraps its clock: `SyncClock { wallClock.now() }`.
public struct SyncClock: Sendable {
    private let current: @Sendable () -> Date

    /// Creates a clock that reads the time from `now`.
    public init(now: @escaping @Sendable () -> Date) {
        self.current = now
    }

    /// The current time.
    public func now() -> Date { current() }

    /// The system's real time.
    public static let system = SyncClock { Date() }
}
