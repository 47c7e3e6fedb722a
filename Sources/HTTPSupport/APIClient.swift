import Foundation
import Synchronization

/// Sends one API's requests with authentication, rate limiting and safe retries.
///
/// What ``send(_:)`` does for each request:
/// 1. sets `Authorization: Bearer <token>` from the ``AccessTokenProvider`` plus the API's extra
///    authentication headers (Severa's `Client_Id`);
/// 2. waits for a permit from the credential's ``RateLimiter`` and returns it after the exchange;
/// 3. follows ``RetryPolicy``: 429 → every caller waits for `Retry-After` (or a window), then retry;
///    5xx and network failures → backoff and retry for GET/PUT/DELETE only; a POST or PATCH that may
///    have reached the server → ``APIClientError/Kind/outcomeUnknown`` and it is sent exactly once;
///    401 → one token refresh and one retry; other 4xx → returned for the connector to read.
///
/// Errors and log lines pass through the API's ``SecretRedactor``.
public final class APIClient: Sendable {
    /// The API's name in errors and log lines, e.g. `Fortnox`.
    public let apiName: String
    private let transport: any HTTPTransport
    private let tokenProvider: any AccessTokenProvider
    private let rateLimiter: RateLimiter
    private let retryPolicy: RetryPolicy
    private let authenticationHeaders: HTTPHeaders
    private let clock: any WallClock
    private let redactor: SecretRedactor
    private let log: any DiagnosticLog
    private let random: Mutex<any RandomNumberGenerator & Sendable>

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - apiName: The API's name in errors and log lines.
    ///   - transport: Sends each attempt.
    ///   - tokenProvider: Supplies bearer tokens.
    ///   - rateLimiter: The limiter of this credential, shared with every other client using it.
    ///   - retryPolicy: Retry limits and delays.
    ///   - authenticationHeaders: Further headers every request carries (Severa: `Client_Id`).
    ///   - clock: Time source for backoff.
    ///   - redactor: The API's redactor, shared with its token provider.
    ///   - log: Where diagnostics go.
    ///   - random: The randomness for backoff jitter; inject a seeded generator in tests.
    public init(
        apiName: String,
        transport: any HTTPTransport,
        tokenProvider: any AccessTokenProvider,
        rateLimiter: RateLimiter,
        retryPolicy: RetryPolicy = .standard,
        authenticationHeaders: HTTPHeaders = [:],
        clock: any WallClock,
        redactor: SecretRedactor,
        log: any DiagnosticLog = NoDiagnosticLog(),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.apiName = apiName
        self.transport = transport
        self.tokenProvider = tokenProvider
        self.rateLimiter = rateLimiter
        self.retryPolicy = retryPolicy
        self.authenticationHeaders = authenticationHeaders
        self.clock = clock
        self.redactor = redactor
        self.log = log
        self.random = Mutex(random)
    }

    /// Sends `request` and returns the API's answer.
    ///
    /// - Parameter request: The request without authentication headers.
    /// - Returns: A response with a status other than 401, 429 and (after the retries) 5xx; 2xx, 3xx
    ///   and 4xx come back for the connector to interpret.
    /// - Throws: ``APIClientError``: ``APIClientError/Kind/outcomeUnknown`` for a write that may have
    ///   happened, ``APIClientError/Kind/unavailable`` after the retries, ``APIClientError/Kind/unauthorized``,
    ///   ``APIClientError/Kind/cancelled`` and ``APIClientError/Kind/refused``, or the token
    ///   provider's error.
    public func send(_ request: HTTPRequest) async throws(APIClientError) -> HTTPResponse {
        var history = RetryHistory()
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw failure(.cancelled, request, "cancelled before attempt \(attempt)") }
            let token = try await tokenProvider.accessToken()
            redactor.register(token)  // whatever provider supplied it, it never shows in a message
            let outcome = try await exchange(request, token: token)
            if case .success(let response) = outcome, response.status == 429 {
                // Every caller of this credential backs off, even when this request gives up.
                let asked = RetryAfter.delay(of: response, now: clock.now())
                await rateLimiter.penalize(retryAfter: asked.map { min($0, retryPolicy.maxRetryAfter) })
            }
            let decision = retryPolicy.decide(
                outcome, method: request.method, idempotent: request.isIdempotent, history: history, now: clock.now())
            let status = try? outcome.get().status
            switch decision {
            case .deliver(let response):
                note(.debug, request, "HTTP \(response.status) (attempt \(attempt))")
                return response
            case .waitForRateLimit(let retryAfter):
                history.rateLimited += 1
                let wait = retryAfter.map { "\($0)" } ?? "one rate window"
                note(.warning, request, "rate limited (HTTP 429); every \(apiName) request waits \(wait)")
            case .reauthenticate:
                history.reauthenticated = true
                note(.info, request, "access token rejected (HTTP 401); getting a new one and retrying once")
                await tokenProvider.accessTokenRejected(token)
            case .backOff(let serverDelay):
                history.failures += 1
                let jittered = random.withLock { generator in
                    retryPolicy.backoffDelay(retry: history.failures, using: &generator)
                }
                let delay = max(jittered, serverDelay ?? .zero)
                let cause = status.map { "HTTP \($0)" } ?? outcome.failureDescription
                note(
                    .warning, request,
                    "\(cause); retry \(history.failures) of \(retryPolicy.maxAttempts - 1) in \(delay)")
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    throw failure(.cancelled, request, "cancelled while waiting to retry after \(cause)")
                }
            case .fail(let kind, let reason):
                let error = failure(kind, request, reason, status: status, body: try? outcome.get().body)
                log.log(.error, error.description)
                throw error
            }
        }
    }

    /// One attempt: a rate-limit permit, the exchange, the permit back.
    private func exchange(
        _ request: HTTPRequest,
        token: String
    ) async throws(APIClientError) -> Result<HTTPResponse, TransportError> {
        var outgoing = request
        for field in authenticationHeaders { outgoing.headers[field.name] = field.value }
        outgoing.headers["Authorization"] = "Bearer \(token)"
        let permit: RateLimitPermit
        do {
            permit = try await rateLimiter.acquire()
        } catch {
            throw failure(.cancelled, request, "cancelled while waiting for the rate limit")
        }
        let outcome: Result<HTTPResponse, TransportError>
        do {
            outcome = .success(try await transport.send(outgoing))
        } catch {
            outcome = .failure(error)
        }
        await rateLimiter.release(permit)
        return outcome
    }

    private func failure(
        _ kind: APIClientError.Kind,
        _ request: HTTPRequest,
        _ message: String,
        status: Int? = nil,
        body: Data? = nil
    ) -> APIClientError {
        APIClientError(
            kind: kind,
            apiName: apiName,
            request: request,
            status: status,
            message: message,
            body: body,
            redactor: redactor
        )
    }

    private func note(_ level: DiagnosticLevel, _ request: HTTPRequest, _ message: @autoclosure () -> String) {
        // Redaction runs regular expressions; skip it when nobody listens (the common case).
        if log is NoDiagnosticLog { return }
        let target = URLDisplay.redactedTarget(request.url)
        log.log(level, redactor.redact("\(apiName) \(request.method) \(target): \(message())"))
    }
}

extension Result where Failure == TransportError {
    /// The transport error's description, or an empty string for a response.
    fileprivate var failureDescription: String {
        if case .failure(let error) = self { return error.description }
        return ""
    }
}
