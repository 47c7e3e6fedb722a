import Foundation
import HTTPSupport

/// A clock that stands still and whose sleep only ends by cancellation: shows that a caller waiting
/// on the clock can be cancelled.
struct BlockingClock: WallClock {
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    func now() -> Date { start }

    func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: .seconds(86_400 * 365))
    }
}
