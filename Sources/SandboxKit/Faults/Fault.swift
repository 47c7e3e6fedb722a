/// When a fault fires for the requests its rule matches.
public enum FaultTrigger: Sendable, Hashable, CustomStringConvertible {
    /// Each matching request independently, with this probability (0…1), drawn from the seeded stream.
    case probability(Double)
    /// Exactly the Nth matching request (1-based), counted per rule.
    case nthRequest(Int)

    /// The trigger as written in a spec: `=0.1` or `@3`.
    public var description: String {
        switch self {
        case .probability(let rate): "=\(rate)"
        case .nthRequest(let index): "@\(index)"
        }
    }
}

/// One fault a ``FaultRule`` can inject.
public enum Fault: Sendable, Hashable, CustomStringConvertible {
    /// Adds latency to every matching request, uniformly drawn between `minimum` and `maximum`.
    case latency(minimum: Duration, maximum: Duration)
    /// Answers a 5xx without calling the wrapped handler; `status` `nil` picks 500, 502 or 503.
    case serverError(status: Int?, trigger: FaultTrigger)
    /// Starts a burst of `length` consecutive 429 answers (the wrapped handler is not called).
    case tooManyRequests(burst: Int, trigger: FaultTrigger)
    /// Closes the connection before the request is handled: the wrapped handler is not called
    /// (``ExchangeOutcome/connectionDropped(requestProcessed:)`` with `false`).
    case dropBeforeHandling(FaultTrigger)
    /// Calls the wrapped handler (the write is committed), then closes the connection without
    /// answering (``ExchangeOutcome/connectionDropped(requestProcessed:)`` with `true`).
    case lostResponse(FaultTrigger)
    /// Calls the wrapped handler (the write is committed), then answers 504 Gateway Timeout instead
    /// of its response, as a proxy that gave up waiting would.
    case gatewayTimeoutAfterCommit(FaultTrigger)
    /// Answers 200 with an HTML maintenance page (`text/html`) without calling the wrapped handler, as
    /// a maintenance page or a proxy in front of the API would.
    case htmlPage(FaultTrigger)
    /// Calls the wrapped handler (a write is committed), then cuts its body to the first half (status
    /// and headers kept, `Content-Length` of the half): JSON cut on its way, as a proxy with a size
    /// limit would pass it on. The client cannot know whether the write happened.
    case truncatedBody(FaultTrigger)
    /// Calls the wrapped handler (a write is committed), then delivers its body as
    /// `Content-Type: text/plain; charset=utf-8`.
    case wrongContentType(FaultTrigger)
    /// Calls the wrapped handler (a write is committed), then holds the answer until it is released
    /// (``HeldAnswers/releaseAll()``; SIGUSR1 in `brygga sandbox serve`) or the client hangs up (the
    /// answer is then dropped): the moment a client dies while a write it sent has taken effect.
    case holdAnswer(FaultTrigger)

    /// The fault as written in a spec, e.g. `lost-response@3` or `latency=2ms..20ms`.
    public var description: String {
        switch self {
        case .latency(let minimum, let maximum):
            minimum == maximum
                ? "latency=\(Self.format(minimum))" : "latency=\(Self.format(minimum))..\(Self.format(maximum))"
        case .serverError(let status, let trigger): "\(status.map(String.init) ?? "5xx")\(trigger)"
        case .tooManyRequests(let burst, let trigger): "burst429\(trigger)x\(burst)"
        case .dropBeforeHandling(let trigger): "drop\(trigger)"
        case .lostResponse(let trigger): "lost-response\(trigger)"
        case .gatewayTimeoutAfterCommit(let trigger): "commit-504\(trigger)"
        case .htmlPage(let trigger): "html200\(trigger)"
        case .truncatedBody(let trigger): "truncated\(trigger)"
        case .wrongContentType(let trigger): "wrong-type\(trigger)"
        case .holdAnswer(let trigger): "hold\(trigger)"
        }
    }

    /// A duration in the spec's units: whole milliseconds as `ms`, else microseconds as `us`.
    private static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return microseconds % 1000 == 0 ? "\(microseconds / 1000)ms" : "\(microseconds)us"
    }
}
