public import Foundation
public import HTTPSupport
import Synchronization

/// A clock that stands in the past while sample data is seeded, then runs with the real time plus an
/// offset: what `brygga-bench engine` and `brygga sandbox serve --severa-only` give the emulators.
///
/// While the sample data is seeded it stands still and is moved a fixed step per record, so the records
/// carry modification times spread over past weeks (as a real company's do, and as the connectors'
/// change cursors expect). Afterwards it runs with the real time plus an offset that ``advance(by:)``
/// moves forward, to put the next run where the scheduler would (minutes later) without waiting.
public final class SeedingClock: WallClock {
    private enum Mode {
        /// Stands at this instant.
        case fixed(Date)
        /// The real time plus this many seconds.
        case running(offset: TimeInterval)
    }

    private let mode: Mutex<Mode>

    /// Creates a clock standing at `start`.
    public init(standingAt start: Date) {
        mode = Mutex(.fixed(start))
    }

    /// Creates a clock standing 100 days ago: room for ``step(forRecords:)`` steps before today.
    public static func backdated() -> SeedingClock {
        SeedingClock(standingAt: Date().addingTimeInterval(-100 * 86_400))
    }

    /// The step between two seeded records: a minute, less when `count` minutes would reach back
    /// further than 90 days.
    ///
    /// - Parameter count: How many records will be seeded.
    /// - Returns: Seconds to ``advance(by:)`` before each record.
    public static func step(forRecords count: Int) -> TimeInterval {
        min(60, 90 * 86_400 / Double(max(count, 1)))
    }

    public func now() -> Date {
        mode.withLock { mode in
            switch mode {
            case .fixed(let date): date
            case .running(let offset): Date().addingTimeInterval(offset)
            }
        }
    }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }

    /// Moves the time forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        mode.withLock { mode in
            switch mode {
            case .fixed(let date): mode = .fixed(date.addingTimeInterval(seconds))
            case .running(let offset): mode = .running(offset: offset + seconds)
            }
        }
    }

    /// Lets the clock run with the real time from now on (it must not stand ahead of it).
    public func startRunning() {
        mode.withLock { $0 = .running(offset: 0) }
    }
}
