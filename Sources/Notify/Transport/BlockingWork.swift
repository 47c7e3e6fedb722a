import Foundation

/// Runs blocking system calls (socket reads, waiting for a child process) on a thread of their own,
/// never on the Swift concurrency pool, which has about one thread per core (LINUX-NOTES B3).
enum BlockingWork {
    /// Runs `work` on a new thread named `name` and returns its result.
    static func run<Success: Sendable>(
        _ name: String, _ work: @escaping @Sendable () -> Result<Success, MailDeliveryError>
    ) async -> Result<Success, MailDeliveryError> {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = name
            thread.start()
        }
    }
}
