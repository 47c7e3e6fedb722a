import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns signals into calls of subscribed handlers, with one dispatch source per signal for the whole
/// process (LINUX-NOTES B5).
///
/// A signal's source is made on its first subscription: the signal is set to `SIG_IGN` first, so one
/// arriving before the source is ready cannot kill the process, and the source is kept for the life of
/// the process (one handler per signal). A signal that arrives while nobody is subscribed ends the
/// process with status 128 + the signal number, as the default action would have.
final class SignalMonitor: Sendable {
    /// The process's monitor.
    static let shared = SignalMonitor()

    private struct State {
        var sources: [Int32: any DispatchSourceSignal] = [:]
        var handlers: [Int: (signals: Set<Int32>, handler: @Sendable (Int32) -> Void)] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "brygga.signals")

    /// Calls `handler` (on a private queue) for each of `signals` that arrives until ``unsubscribe(_:)``.
    ///
    /// - Returns: The token to unsubscribe with.
    func subscribe(to signals: Set<Int32>, handler: @escaping @Sendable (Int32) -> Void) -> Int {
        state.withLock { state in
            for signalNumber in signals where state.sources[signalNumber] == nil {
                state.sources[signalNumber] = makeSource(for: signalNumber)
            }
            let token = state.nextToken
            state.nextToken += 1
            state.handlers[token] = (signals, handler)
            return token
        }
    }

    /// Stops calling the handler subscribed with `token`.
    func unsubscribe(_ token: Int) {
        _ = state.withLock { $0.handlers.removeValue(forKey: token) }
    }

    /// Ignores `signalNumber` and makes the source that delivers it to the subscribers.
    private func makeSource(for signalNumber: Int32) -> any DispatchSourceSignal {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
        source.setEventHandler { @Sendable [weak self] in
            self?.deliver(signalNumber)
        }
        source.resume()
        return source
    }

    /// Calls every handler subscribed to `signalNumber`, or exits when there is none.
    private func deliver(_ signalNumber: Int32) {
        let handlers = state.withLock { state in
            state.handlers.values.filter { $0.signals.contains(signalNumber) }.map(\.handler)
        }
        guard !handlers.isEmpty else { exit(128 + signalNumber) }
        for handler in handlers { handler(signalNumber) }
    }
}
