package import Foundation

/// How persistently a client retries, and the rules for when a retry is safe.
///
/// - **429** is retried for every method (the server did not process the request), after the
///   server's `Retry-After` or one rate window, up to ``maxRateLimitRetries`` times.
/// - **5xx and network failures** are retried with exponential backoff and full jitter, up to
///   ``maxAttempts`` attempts in all, **only for idempotent requests** (GET, PUT, DELETE unless the request says otherwise).
/// - **POST and PATCH** whose request may have reached the server (a 5xx, a timeout, a lost
///   connection) are never repeated: the outcome is unknown and the caller must look the record up.
///   A connection that never opened is retried like any idempotent failure.
/// - **401** triggers one token refresh and one retry; **other 4xx** go back to the caller.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all for 5xx and network failures (the first included).
    public var maxAttempts: Int
    /// The backoff ceiling after the first failure; it doubles after each further failure.
    public var baseDelay: Duration
    /// The highest backoff ceiling.
    public var maxDelay: Duration
    /// 429 answers tolerated for one request before giving up.
    public var maxRateLimitRetries: Int
    /// The longest `Retry-After` honoured; a server asking for more makes the request fail as
    /// unavailable instead of stalling the run.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(8),
        maxRateLimitRetries: Int = 8,
        maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRateLimitRetries = max(0, maxRateLimitRetries)
        self.maxRetryAfter = maxRetryAfter
    }

    /// The defaults: 4 attempts, backoff ceilings 0.5, 1, 2 s … capped at 8 s, 8 rate-limit retries,
    /// `Retry-After` up to 60 s.
    public static let standard = RetryPolicy()

    /// The backoff ceiling before retry number `retry` (1 for the first retry): `baseDelay × 2^(retry-1)`,
    /// capped at ``maxDelay``.
    public func backoffCeiling(retry: Int) -> Duration {
        var ceiling = baseDelay
        var doublings = max(0, retry - 1)
        while doublings > 0, ceiling < maxDelay {
            ceiling *= 2
            doublings -= 1
        }
        return min(ceiling, maxDelay)
    }

    /// A backoff with full jitter: uniformly random between zero and ``backoffCeiling(retry:)``.
    ///
    /// - Parameters:
    ///   - retry: 1 for the first retry.
    ///   - generator: The randomness; inject a seeded one for reproducible tests.
    /// - Returns: A delay in `0...backoffCeiling(retry:)`.
    public func backoffDelay(retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = backoffCeiling(retry: retry)
        let (seconds, attoseconds) = ceiling.components
        let nanoseconds = UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
        return .nanoseconds(Int64(UInt64.random(in: 0...nanoseconds, using: &generator)))
    }

    /// What to do after one attempt.
    ///
    /// - Parameters:
    ///   - outcome: The response, or the transport's error.
    ///   - method: The request's method (for messages).
    ///   - idempotent: Whether the request may be repeated (``HTTPRequest/isIdempotent``).
    ///   - history: What happened in earlier attempts of the same request.
    ///   - now: The current time, for `Retry-After` dates.
    /// - Returns: Deliver, wait and retry, refresh and retry, or fail.
    package func decide(
        _ outcome: Result<HTTPResponse, TransportError>,
        method: HTTPMethod,
        idempotent: Bool,
        history: RetryHistory,
        now: Date
    ) -> RetryDecision {
        switch outcome {
        case .success(let response):
            return decide(response: response, method: method, idempotent: idempotent, history: history, now: now)
        case .failure(let error):
            return decide(failure: error, method: method, idempotent: idempotent, history: history)
        }
    }

    private func decide(
        response: HTTPResponse, method: HTTPMethod, idempotent: Bool, history: RetryHistory, now: Date
    ) -> RetryDecision {
        let retryAfter = RetryAfter.delay(of: response, now: now)
        switch response.status {
        case 429:
            if history.rateLimited >= maxRateLimitRetries {
                return .fail(.unavailable, "still rate limited (HTTP 429) after \(history.rateLimited) retries")
            }
            if let retryAfter, retryAfter > maxRetryAfter {
                return .fail(
                    .unavailable,
                    "rate limited (HTTP 429) and asked to wait \(retryAfter), longer than the \(maxRetryAfter) this client waits"
                )
            }
            return .waitForRateLimit(retryAfter)
        case 401:
            if history.reauthenticated {
                return .fail(.unauthorized, "the API rejected a freshly obtained access token (HTTP 401)")
            }
            return .reauthenticate
        case 500...599:
            if !idempotent {
                return .fail(
                    .outcomeUnknown,
                    "the server answered HTTP \(response.status) to a \(method); it may have acted on the request "
                        + "before failing, so it is not sent again: look the record up before repeating it"
                )
            }
            if history.failures + 1 >= maxAttempts {
                return .fail(.unavailable, "HTTP \(response.status) on all \(maxAttempts) attempts")
            }
            return .backOff(retryAfter.flatMap { $0 <= maxRetryAfter ? $0 : nil })
        default:
            return .deliver(response)
        }
    }

    private func decide(
        failure error: TransportError, method: HTTPMethod, idempotent: Bool, history: RetryHistory
    ) -> RetryDecision {
        if error.kind == .refused {
            return .fail(.refused, error.description)
        }
        if !idempotent && error.requestMayHaveBeenProcessed {
            return .fail(
                .outcomeUnknown,
                "\(error.description); the \(method) is not sent again: look the record up before repeating it"
            )
        }
        if error.kind == .cancelled {
            return .fail(.cancelled, error.description)
        }
        if history.failures + 1 >= maxAttempts {
            return .fail(.unavailable, "\(error.description), on all \(maxAttempts) attempts")
        }
        return .backOff(nil)
    }
}

/// What happened in earlier attempts of one request.
package struct RetryHistory: Sendable, Hashable {
    /// 5xx answers and network failures so far.
    package var failures = 0
    /// 429 answers so far.
    package var rateLimited = 0
    /// Whether the token was already refreshed after a 401.
    package var reauthenticated = false

    package init(failures: Int = 0, rateLimited: Int = 0, reauthenticated: Bool = false) {
        self.failures = failures
        self.rateLimited = rateLimited
        self.reauthenticated = reauthenticated
    }
}

/// The next step after one attempt.
package enum RetryDecision: Sendable, Hashable {
    /// Return the response to the caller (2xx, 3xx, 4xx other than 401/429).
    case deliver(HTTPResponse)
    /// 429: hold every caller of the limiter for the server's wait (or a window), then retry.
    case waitForRateLimit(Duration?)
    /// 401: get a fresh token and retry once.
    case reauthenticate
    /// Retry after a jittered backoff, or after the server's `Retry-After` when it is longer.
    case backOff(Duration?)
    /// Stop with an error of this kind and reason.
    case fail(APIClientError.Kind, String)
}
