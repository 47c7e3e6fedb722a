public import HTTPSupport

/// What a handler decided: the outcome of the exchange and how long to wait before delivering it.
public struct HandlerResult: Sendable {
    /// The response, or a connection dropped without one.
    public var outcome: ExchangeOutcome
    /// Latency to add before the outcome is delivered (fault injection); zero normally.
    public var delay: Duration
    /// When set, the outcome is delivered only once this answer is released (a `hold` fault); the
    /// loopback server drops it when the client hangs up first.
    public var hold: HeldAnswer?

    /// Creates a result.
    public init(outcome: ExchangeOutcome, delay: Duration = .zero, hold: HeldAnswer? = nil) {
        self.outcome = outcome
        self.delay = delay
        self.hold = hold
    }

    /// A plain response without delay.
    public static func respond(_ response: HTTPResponse) -> HandlerResult {
        HandlerResult(outcome: .response(response))
    }
}

/// Anything that answers sandbox requests: an emulator, or a fault injector wrapping one.
///
/// Handlers are synchronous and thread-safe: the loopback server calls them from its connection
/// threads and the in-process transport from tasks.
public protocol SandboxRequestHandler: Sendable {
    /// Handles one request.
    func handle(_ request: ServerRequest) -> HandlerResult
}

extension SandboxRequestHandler {
    /// A transport that calls this handler directly, applying injected latency with `Task.sleep` and
    /// waiting (without blocking a thread, and whether or not the task is cancelled) for a held answer's
    /// release.
    public func inProcessTransport() -> InProcessTransport {
        InProcessTransport { request in
            let result = self.handle(ServerRequest(request))
            if result.delay > .zero { try? await Task.sleep(for: result.delay) }
            if let hold = result.hold { await hold.released() }
            return result.outcome
        }
    }
}
