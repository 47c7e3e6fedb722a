import Dispatch
import HTTPSupport
import SandboxKit
import Synchronization

/// Lets the first request with a given method and path take effect in the emulator, then holds its
/// answer until ``release()``: the moment a process dies between a remote create and its local commit.
final class HeldRequest: Sendable {
    private struct State {
        var isHolding = false
        var reached = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let method: HTTPMethod
    private let path: String
    private let state = Mutex(State())
    private let gate = DispatchSemaphore(value: 0)

    /// Holds the first `method` request to `path`.
    init(_ method: HTTPMethod, _ path: String) {
        self.method = method
        self.path = path
    }

    /// The emulator of `api` wrapped so that the request is held (other APIs pass through).
    func intercept(_ api: String, _ emulator: any SandboxRequestHandler) -> any SandboxRequestHandler {
        api == "fortnox" ? Interceptor(inner: emulator, held: self) : emulator
    }

    /// Returns once the request took effect and is being held.
    func reached() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.reached { return true }
                state.waiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Lets the held answer go (to a client that may be gone).
    func release() {
        gate.signal()
    }

    fileprivate func handle(_ request: ServerRequest, inner: any SandboxRequestHandler) -> HandlerResult {
        let holds = state.withLock { state in
            guard !state.isHolding, request.method == method, request.path == path else { return false }
            state.isHolding = true
            return true
        }
        let result = inner.handle(request)
        guard holds else { return result }
        let waiter = state.withLock { state in
            state.reached = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
        gate.wait()  // a server connection thread, never the Swift concurrency pool
        return result
    }

    private struct Interceptor: SandboxRequestHandler {
        let inner: any SandboxRequestHandler
        let held: HeldRequest

        func handle(_ request: ServerRequest) -> HandlerResult {
            held.handle(request, inner: inner)
        }
    }
}
