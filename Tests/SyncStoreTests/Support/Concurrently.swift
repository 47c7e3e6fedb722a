import Foundation

/// Runs `body(0) … body(count - 1)` on `count` threads of their own and returns when all have ended.
///
/// The store's calls block (SQLite waits for locks), so they run on `Thread`s, never on the
/// cooperative pool; the test awaits a continuation instead of sleeping.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                body(index)
                group.leave()
            }.start()
        }
        group.notify(queue: .global()) { continuation.resume() }
    }
}
