import Dispatch
import Foundation
import HTTPSupport
import SandboxKit
import Synchronization

/// Holds the first request with a given method and path (and body text) until ``release()``: either
/// after it took effect in the emulator (the moment a process dies between a remote create and its
/// local commit), or before, so that it never reaches the emulator (the connection is then dropped).
final class HeldRequest: Sendable {
    private struct State {
        var isHolding = false
        var reached = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let method: HTTPMethod
    private let path: String
    private let bodyText: String?
    private let takesEffect: Bool
    private let state = Mutex(State())
    private let gate = DispatchSemaphore(value: 0)

    /// Holds the first `method` request to `path` whose body contains `bodyText` (any body when `nil`).
    ///
    /// - Parameters:
    ///   - method: The request's method.
    ///   - path: The request's path.
    ///   - bodyText: Text the body must contain.
    ///   - takesEffect: Whether the emulator handles the request before it is held; when `false` it
    ///     never does, and the released request gets a dropped connection.
    init(_ method: HTTPMethod, _ path: String, bodyContaining bodyText: String? = nil, takesEffect: Bool = true) {
        self.method = method
        self.path = path
        self.bodyText = bodyText
        self.takesEffect = takesEffect
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
            guard !state.isHolding, request.method == method, request.path == path,
                bodyText.map({ String(decoding: request.body, as: UTF8.self).contains($0) }) ?? true
            else { return false }
            state.isHolding = true
            return true
        }
        guard holds else { return inner.handle(request) }
        let result =
            takesEffect ? inner.handle(request) : HandlerResult(outcome: .connectionDropped(requestProcessed: false))
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
