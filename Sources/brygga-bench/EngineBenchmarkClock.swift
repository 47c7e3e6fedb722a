import Foundation
import HTTPSupport
import Synchronization

/// The time shared by both emulators, both connectors and the engine in `brygga-bench engine`.
///
/// While the sample data is seeded it stands still and is moved a fixed step per record, so the records
/// carry modification times spread over past weeks (as a real company's do, and as the connectors'
/// change cursors expect). Afterwards it runs with the real time plus an offset that ``advance(by:)``
/// moves forward, to put the next run where the scheduler would (minutes later) without waiting.
final class EngineBenchmarkClock: WallClock {
    private enum Mode {
        /// Stands at this instant.
        case fixed(Date)
        /// The real time plus this many seconds.
        case running(offset: TimeInterval)
    }

    private let mode: Mutex<Mode>

    /// Creates a clock standing at `start`.
    init(standingAt start: Date) {
        mode = Mutex(.fixed(start))
    }

    func now() -> Date {
        mode.withLock { mode in
            switch mode {
            case .fixed(let date): date
            case .running(let offset): Date().addingTimeInterval(offset)
            }
        }
    }

    func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }

    /// Moves the time forward by `seconds`.
    func advance(by seconds: TimeInterval) {
        mode.withLock { mode in
            switch mode {
            case .fixed(let date): mode = .fixed(date.addingTimeInterval(seconds))
            case .running(let offset): mode = .running(offset: offset + seconds)
            }
        }
    }

    /// Lets the clock run with the real time from now on (it must not stand ahead of it).
    func startRunning() {
        mode.withLock { $0 = .running(offset: 0) }
    }
}
