import Foundation
import JSONSupport
import Synchronization

/// Posts to an OAuth token endpoint with the retry rules that keep single-use credentials safe.
///
/// Token requests bypass the API's rate limiter but use the same transport. Retries:
/// - `.repeatable` requests (client credentials) are retried after 429, 5xx and network failures,
///   like an idempotent API call;
/// - `.singleUse` requests (a refresh token, an authorization code) are retried only when the server
///   certainly did not process them (429, a connection that never opened). After a 5xx or a lost
///   response the credential may already be spent (Fortnox rotates refresh tokens), so it is never
///   sent again blindly.
final class TokenEndpoint: Sendable {
    /// Whether sending the same request twice is harmless.
    enum Replay {
        case repeatable
        case singleUse
    }

    /// A failed token request, and whether the credential in it may have been used up.
    struct Failure: Error {
        let error: APIClientError
        let credentialMayBeSpent: Bool
    }

    let apiName: String
    private let transport: any HTTPTransport
    private let clock: any WallClock
    private let retryPolicy: RetryPolicy
    private let redactor: SecretRedactor
    private let log: any DiagnosticLog
    private let random: Mutex<any RandomNumberGenerator & Sendable>

    init(
        apiName: String,
        transport: any HTTPTransport,
        clock: any WallClock,
        retryPolicy: RetryPolicy,
        redactor: SecretRedactor,
        log: any DiagnosticLog,
        random: some RandomNumberGenerator & Sendable
    ) {
        self.apiName = apiName
        self.transport = transport
        self.clock = clock
        self.retryPolicy = retryPolicy
        self.redactor = redactor
        self.log = log
        self.random = Mutex(random)
    }

    /// Sends `request` and returns the tokens from a 2xx answer.
    ///
    /// - Parameters:
    ///   - request: The token request.
    ///   - purpose: What the request is for, e.g. `refresh the access token`, for messages.
    ///   - replay: Whether the request may be sent again after an ambiguous failure.
    ///   - rejectionHint: What the operator should do when the server rejects the grant.
    /// - Returns: The issued tokens, already registered with the redactor.
    /// - Throws: ``Failure`` with the error and whether the credential may be spent.
    func post(
        _ request: HTTPRequest,
        purpose: String,
        replay: Replay,
        rejectionHint: String
    ) async throws(Failure) -> IssuedTokens {
        var failures = 0
        var rateLimited = 0
        while true {
            if Task.isCancelled {
                throw Failure(
                    error: error(.cancelled, request, "cancelled before trying to \(purpose)"),
                    credentialMayBeSpent: false)
            }
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                try await handle(error, request, purpose: purpose, replay: replay, failures: &failures)
                continue
            }
            switch response.status {
            case 200..<300:
                return try tokens(in: response, request, purpose: purpose)
            case 429:
                rateLimited += 1
                let retryAfter = RetryAfter.delay(of: response, now: clock.now())
                guard rateLimited <= retryPolicy.maxRateLimitRetries, (retryAfter ?? .zero) <= retryPolicy.maxRetryAfter
                else {
                    let message = "could not \(purpose): still rate limited (HTTP 429)"
                    throw Failure(error: error(.unavailable, request, message, response), credentialMayBeSpent: false)
                }
                try await wait(retryAfter ?? backoff(retry: rateLimited), request, purpose: purpose, cause: "HTTP 429")
            case 500...599:
                if replay == .singleUse {
                    let message =
                        "the token endpoint answered HTTP \(response.status) while trying to \(purpose); "
                        + "it may have used the credential before failing, so it is not sent again. \(rejectionHint)"
                    throw Failure(error: error(.unauthorized, request, message, response), credentialMayBeSpent: true)
                }
                failures += 1
                guard failures < retryPolicy.maxAttempts else {
                    let message = "could not \(purpose): HTTP \(response.status) on all \(failures) attempts"
                    throw Failure(error: error(.unavailable, request, message, response), credentialMayBeSpent: false)
                }
                try await wait(backoff(retry: failures), request, purpose: purpose, cause: "HTTP \(response.status)")
            default:
                throw Failure(
                    error: rejection(response, request, purpose: purpose, hint: rejectionHint),
                    credentialMayBeSpent: true)
            }
        }
    }

    /// Decides after a transport error: retry (returns) or fail (throws).
    private func handle(
        _ transportError: TransportError,
        _ request: HTTPRequest,
        purpose: String,
        replay: Replay,
        failures: inout Int
    ) async throws(Failure) {
        let processed = transportError.requestMayHaveBeenProcessed
        if transportError.kind == .refused {
            throw Failure(error: error(.refused, request, transportError.description), credentialMayBeSpent: false)
        }
        if replay == .singleUse && processed {
            let message =
                "the outcome of the request to \(purpose) is unknown (\(transportError.description)); the server may "
                + "already have used the credential, so it is not sent again"
            throw Failure(error: error(.unauthorized, request, message), credentialMayBeSpent: true)
        }
        if transportError.kind == .cancelled {
            throw Failure(
                error: error(.cancelled, request, transportError.description), credentialMayBeSpent: processed)
        }
        failures += 1
        guard failures < retryPolicy.maxAttempts else {
            let message = "could not \(purpose): \(transportError.description), on all \(failures) attempts"
            throw Failure(error: error(.unavailable, request, message), credentialMayBeSpent: false)
        }
        try await wait(backoff(retry: failures), request, purpose: purpose, cause: transportError.description)
    }

    private func tokens(in response: HTTPResponse, _ request: HTTPRequest, purpose: String) throws(Failure)
        -> IssuedTokens
    {
        // The token endpoint labels its JSON `text/html` (fortnox-api.md §2): only the body decides.
        // No token could be registered from a body that is not JSON; the redactor's shape rules still
        // hide token members in the excerpt.
        let json: JSONValue
        switch UnhealthyAnswer.json(of: response, redactor: redactor, checksContentType: false) {
        case .success(let parsed): json = parsed
        case .failure(let answer): throw unhealthy(answer, request, purpose: purpose)
        }
        switch IssuedTokens.parse(json, now: clock.now(), redactor: redactor) {
        case .success(let tokens):
            return tokens
        case .failure(let failure):
            throw unhealthy(
                UnhealthyAnswer("JSON without the tokens: \(failure.reason)", response: response, redactor: redactor),
                request, purpose: purpose)
        }
    }

    /// The failure for an answer that is not the token endpoint's (`malformedResponse`). The request may
    /// have reached the endpoint behind whatever answered, so the credential may be spent.
    private func unhealthy(_ answer: UnhealthyAnswer, _ request: HTTPRequest, purpose: String) -> Failure {
        let message = "the answer to the request to \(purpose) is not the \(apiName) token endpoint's: \(answer)"
        let error = APIClientError(
            kind: .malformedResponse, apiName: apiName, request: request, status: answer.status, message: message,
            redactor: redactor)
        return Failure(error: error, credentialMayBeSpent: true)
    }

    private func rejection(_ response: HTTPResponse, _ request: HTTPRequest, purpose: String, hint: String)
        -> APIClientError
    {
        if let answer = UnhealthyAnswer.inRefusal(response, redactor: redactor) {
            return unhealthy(answer, request, purpose: purpose).error
        }
        let body = OAuthErrorBody(response.body)
        let said = body.summary.map { " (\($0))" } ?? ""
        let message: String
        switch body.code {
        case "invalid_client":
            message =
                "\(apiName) rejected the client id or client secret\(said) while trying to \(purpose); check them in the configuration"
        case "invalid_grant":
            message =
                "\(apiName) rejected the grant\(said) while trying to \(purpose): it was already used, revoked or expired. \(hint)"
        default:
            message = "\(apiName) refused to \(purpose) with HTTP \(response.status)\(said). \(hint)"
        }
        return error(.unauthorized, request, message, response)
    }

    private func backoff(retry: Int) -> Duration {
        random.withLock { generator in retryPolicy.backoffDelay(retry: retry, using: &generator) }
    }

    private func wait(_ delay: Duration, _ request: HTTPRequest, purpose: String, cause: String) async throws(Failure) {
        log.log(
            .warning,
            redactor.redact("\(apiName) token endpoint: \(cause) while trying to \(purpose); retrying in \(delay)"))
        do {
            try await clock.sleep(for: delay)
        } catch {
            throw Failure(
                error: self.error(.cancelled, request, "cancelled while waiting to \(purpose)"),
                credentialMayBeSpent: false)
        }
    }

    private func error(
        _ kind: APIClientError.Kind,
        _ request: HTTPRequest,
        _ message: String,
        _ response: HTTPResponse? = nil
    ) -> APIClientError {
        APIClientError(
            kind: kind,
            apiName: apiName,
            request: request,
            status: response?.status,
            message: message,
            body: response?.body,
            redactor: redactor
        )
    }
}
