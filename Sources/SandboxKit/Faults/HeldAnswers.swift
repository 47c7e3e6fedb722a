import Synchronization

/// The answers `hold` faults (``Fault/holdAnswer(_:)``) are holding, and the one switch that releases
/// them.
///
/// A held answer's request has taken effect in the emulator; the answer waits until
/// ``releaseAll()`` (in `brygga sandbox serve`: SIGUSR1) or until its client hangs up, whichever comes
/// first. A test waits for the hold with ``untilHeld(_:)``, kills its client, then releases. One
/// instance is shared by the fault injectors of both APIs of a sandbox.
public final class HeldAnswers: Sendable {
    private struct State {
        var unreleased: [HeldAnswer] = []
        var heldSoFar = 0
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var observer: (@Sendable (_ count: Int, _ request: String) -> Void)?
    }

    private let state = Mutex(State())

    /// Creates an empty set.
    public init() {}

    /// How many answers were held since the set was made (released ones included).
    public var heldSoFar: Int { state.withLock { $0.heldSoFar } }

    /// Calls `observer` with the count so far and the request (`GET /3/units`) each time an answer is
    /// held (`brygga sandbox serve` announces it, so a client knows when to send SIGUSR1).
    public func observe(_ observer: @escaping @Sendable (_ count: Int, _ request: String) -> Void) {
        state.withLock { $0.observer = observer }
    }

    /// Holds one more answer, the one to `request` (e.g. `POST /3/customers`), and returns it.
    func hold(request: String) -> HeldAnswer {
        let answer = HeldAnswer()
        let (ready, count, observer) = state.withLock { state in
            state.unreleased.append(answer)
            state.heldSoFar += 1
            let count = state.heldSoFar
            let ready = state.waiters.filter { $0.count <= count }.map(\.continuation)
            state.waiters.removeAll { $0.count <= count }
            return (ready, count, state.observer)
        }
        observer?(count, request)
        for continuation in ready { continuation.resume() }
        return answer
    }

    /// Releases every answer held until now (answers held later wait for the next release).
    ///
    /// - Returns: How many answers were released.
    @discardableResult
    public func releaseAll() -> Int {
        let answers = state.withLock { state in
            defer { state.unreleased = [] }
            return state.unreleased
        }
        for answer in answers { answer.release() }
        return answers.count
    }

    /// Returns once `count` answers were held since the set was made (at once when they were).
    public func untilHeld(_ count: Int = 1) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.heldSoFar >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

/// One answer held by a `hold` fault (see ``HeldAnswers``).
public final class HeldAnswer: Sendable {
    private struct State {
        var released = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Whether the answer was released.
    public var isReleased: Bool { state.withLock { $0.released } }

    /// Lets the answer go.
    func release() {
        let waiters = state.withLock { state in
            state.released = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the answer is released (for in-process transports: no thread is blocked).
    public func released() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.released { return true }
                state.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Blocks the calling thread (a server connection's, never a Swift concurrency thread) until the
    /// answer is released, or until `clientHungUp` (which waits a little on each call) says the client
    /// is gone.
    ///
    /// - Returns: `true` when released, `false` when the client hung up first.
    func waitBlocking(clientHungUp: () -> Bool) -> Bool {
        while !isReleased {
            if clientHungUp() { return false }
        }
        return true
    }
}
