import Foundation
import HTTPSupport
public import JSONSupport
import Synchronization

/// A handler that injects the faults of a ``FaultPlan`` into the traffic of the handler it wraps.
///
/// Decisions are made under one lock in arrival order, so a client that sends the same requests in
/// the same order with the same seed sees the same faults. The wrapped handler is called outside the
/// lock: never for 5xx, 429, drop and html200 faults, exactly once for lost-response, commit-504,
/// truncated, wrong-type and hold.
public final class FaultInjector: SandboxRequestHandler {
    /// The plan being applied.
    public let plan: FaultPlan
    /// The answers this injector's `hold` faults hold.
    public let heldAnswers: HeldAnswers
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
    ///   - heldAnswers: Where `hold` faults register their answers (share one between the APIs of a
    ///     sandbox so one release reaches both).
    public init(
        wrapping: any SandboxRequestHandler, plan: FaultPlan,
        rateLimitBody: JSONValue = ["message": "Too Many Requests"], heldAnswers: HeldAnswers = HeldAnswers()
    ) {
        self.wrapped = wrapping
        self.plan = plan
        self.rateLimitBody = rateLimitBody
        self.heldAnswers = heldAnswers
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
        case .changeAnswer(let change):
            var result = wrapped.handle(request)
            result.delay += decision.delay
            if case .response(let response) = result.outcome { result.outcome = .response(change(response)) }
            return result
        case .holdAnswer:
            var result = wrapped.handle(request)
            result.delay += decision.delay
            result.hold = heldAnswers.hold(request: "\(request.method) \(request.path)")
            return result
        }
    }

    private enum Action {
        case pass
        case respond(HTTPResponse)
        case drop
        case loseResponse
        case gatewayTimeoutAfterCommit
        case changeAnswer(@Sendable (HTTPResponse) -> HTTPResponse)
        case holdAnswer
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
                case .htmlPage: decision.action = .respond(Self.maintenancePage)
                case .truncateBody: decision.action = .changeAnswer(Self.truncated)
                case .relabelBody: decision.action = .changeAnswer(Self.relabelled)
                case .holdAnswer: decision.action = .holdAnswer
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

    /// INVENTED: the page of a maintenance window or a proxy in front of the API.
    static let maintenancePage = HTTPResponse(
        status: 200, headers: ["Content-Type": "text/html; charset=utf-8"],
        body: Data(
            """
            <!DOCTYPE html>
            <html><head><title>Scheduled maintenance</title></head>
            <body><h1>We'll be back soon</h1><p>The service is down for scheduled maintenance.</p></body></html>

            """.utf8))

    /// `response` with the first half of its body (a cut JSON document for a JSON answer).
    @Sendable static func truncated(_ response: HTTPResponse) -> HTTPResponse {
        var cut = response
        cut.body = response.body.prefix(response.body.count / 2)
        return cut
    }

    /// `response` with its body labelled `text/plain`.
    @Sendable static func relabelled(_ response: HTTPResponse) -> HTTPResponse {
        var relabelled = response
        relabelled.headers["Content-Type"] = "text/plain; charset=utf-8"
        return relabelled
    }
}
