import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs work that SIGINT and SIGTERM cancel instead of kill, so a command can finish the current
/// item, commit, release the lock and exit 130 or 143 (LINUX-NOTES B5).
///
/// ```swift
/// let summary = try await SignalCancellation.run {
///     try await engine.run()          // checks Task.isCancelled between items
/// }
/// ```
public enum SignalCancellation {
    /// Runs `operation` in a child task that is cancelled when one of `signals` arrives.
    ///
    /// - Parameters:
    ///   - signals: The signals that cancel the work; `nil` for SIGINT and SIGTERM (tests pick others).
    ///   - operation: The work; it should check for cancellation between items and return or throw
    ///     once it has left the state consistent.
    /// - Returns: What `operation` returns, when no signal arrived.
    /// - Throws: ``InterruptedError`` when a signal arrived (whatever the work then returned or threw;
    ///   a non-cancellation error is kept as ``InterruptedError/underlying``), else what `operation`
    ///   throws.
    public static func run<Result: Sendable>(
        signals: Set<Int32>? = nil,
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        // Subscribe before the work starts, so a signal can never find the process without a handler.
        let state = InterruptionState<Result>()
        let token = SignalMonitor.shared.subscribe(to: signals ?? [SIGINT, SIGTERM]) { signalNumber in
            let work = state.value.withLock { state in
                if state.signal == nil { state.signal = signalNumber }
                return state.work
            }
            work?.cancel()
        }
        defer { SignalMonitor.shared.unsubscribe(token) }
        let work = Task { try await operation() }
        let signalledEarly = state.value.withLock { state in
            state.work = work
            return state.signal != nil
        }
        if signalledEarly { work.cancel() }
        let outcome = await withTaskCancellationHandler {
            await work.result
        } onCancel: {
            work.cancel()
        }
        if let signalNumber = state.value.withLock({ $0.signal }) {
            var underlying: (any Error)?
            if case .failure(let error) = outcome, !ExitCode.isCancellation(error) { underlying = error }
            throw InterruptedError(signal: signalNumber, underlying: underlying)
        }
        return try outcome.get()
    }
}

/// The first signal received and the work it cancels, shared with the signal handler.
private final class InterruptionState<Result: Sendable>: Sendable {
    let value = Mutex<(signal: Int32?, work: Task<Result, any Error>?)>((nil, nil))
}
