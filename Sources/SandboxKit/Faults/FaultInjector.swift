import HTTPSupport
public import JSONSupport
import Synchronization

/// A handler that injects the faults of a ``FaultPlan`` into the traffic of the handler it wraps.
///
/// Decisions are made under one lock in arrival order, so a client that sends the same requests in
/// the same order with the same seed sees the same faults. The wrapped handler is called outside the
/// lock: never for 5xx, 429 and drop faults, exactly once for lost-response and commit-504.
public final class FaultInjector: SandboxRequestHandler {
    /// The plan being applied.
    public let plan: FaultPlan
    private let wrapped: any SandboxRequestHandler
    private let rateLimitBody: JSONValue
    private let state: Mutex<[RuleState]>

    /// Creates an injector.
    ///
    /// - Parameters:
    ///   - wrapping: The handler that answers requests no fault intercepts.
    ///   - plan: The faults to inject.
    ///   - rateLimitBody: The JSON body of injected 429 answers; the default is Fortnox's
    ///     `{"message":"Too Many Requests"}` (its exact body is unverified; see fortnox-api.md).
    public init(
        wrapping: any SandboxRequestHandler, plan: FaultPlan,
        rateLimitBody: JSONValue = ["message": "Too Many Requests"]
    ) {
        self.wrapped = wrapping
        self.plan = plan
        self.rateLimitBody = rateLimitBody
        self.state = Mutex(RuleState.states(for: plan))
    }

    public func handle(_ request: ServerRequest) -> HandlerResult {
        let decision = state.withLock { states in decide(request, states: &states) }
        switch decision.action {
        case .pass:
            var result = wrapped.handle(request)
            result.delay += decision.delay
            return result
        case .respond(let response):
            return HandlerResult(outcome: .response(response), delay: decision.delay)
        case .drop:
            return HandlerResult(outcome: .connectionDropped(requestProcessed: false), delay: decision.delay)
        case .loseResponse:
            let result = wrapped.handle(request)
            return HandlerResult(
                outcome: .connectionDropped(requestProcessed: true), delay: result.delay + decision.delay)
        case .gatewayTimeoutAfterCommit:
            let result = wrapped.handle(request)
            return HandlerResult(
                outcome: .response(Self.errorResponse(504)), delay: result.delay + decision.delay)
        }
    }

    private enum Action {
        case pass
        case respond(HTTPResponse)
        case drop
        case loseResponse
        case gatewayTimeoutAfterCommit
    }

    private struct Decision {
        var action: Action = .pass
        var delay: Duration = .zero
    }

    private func decide(_ request: ServerRequest, states: inout [RuleState]) -> Decision {
        var decision = Decision()
        var decided = false
        for (ruleIndex, rule) in plan.rules.enumerated() where rule.matches(method: request.method, path: request.path)
        {
            states[ruleIndex].matched += 1
            let position = states[ruleIndex].matched
            for (faultIndex, fault) in rule.faults.enumerated() {
                let outcome = states[ruleIndex].streams[faultIndex].evaluate(fault, position: position)
                decision.delay += outcome.delay
                guard !decided, let action = outcome.action else { continue }
                decided = true
                switch action {
                case .serverError(let status): decision.action = .respond(Self.errorResponse(status))
                case .tooManyRequests: decision.action = .respond(rateLimitResponse(rule))
                case .drop: decision.action = .drop
                case .loseResponse: decision.action = .loseResponse
                case .gatewayTimeoutAfterCommit: decision.action = .gatewayTimeoutAfterCommit
                }
            }
        }
        return decision
    }

    private func rateLimitResponse(_ rule: FaultRule) -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        if let seconds = rule.retryAfterSeconds { headers["Retry-After"] = String(seconds) }
        return .json(429, rateLimitBody, headers: headers)
    }

    private static func errorResponse(_ status: Int) -> HTTPResponse {
        .json(status, ["message": .string(StatusReason.phrase(for: status))])
    }
}
