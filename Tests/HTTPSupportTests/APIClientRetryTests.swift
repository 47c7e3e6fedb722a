import Foundation
import HTTPSupport
import SandboxKit
import Testing

@Suite struct APIClientRetryTests {
    // MARK: 429

    @Test func rateLimitedRequestWaitsRetryAfterSecondsThenRetries() async throws {
        let fixture = ClientFixture([.status(429, headers: ["Retry-After": "7"]), .ok])
        let response = try await fixture.client.send(try fixture.request(.get))
        #expect(response.status == 200)
        #expect(fixture.transport.requests.count == 2)
        let gap = try #require(fixture.gaps.first)
        #expect(gap >= 7 && gap < 7.01)
    }

    @Test func rateLimitedRequestWaitsUntilRetryAfterHTTPDate() async throws {
        let clock = ManualWallClock()
        let retryAt = imfFixdate(clock.now().addingTimeInterval(12))
        let fixture = ClientFixture([.status(429, headers: ["retry-after": retryAt]), .ok])
        fixture.clock.set(clock.now())
        _ = try await fixture.client.send(try fixture.request(.get))
        let gap = try #require(fixture.gaps.first)
        #expect(gap >= 12 && gap < 12.01)
    }

    @Test func rateLimitedRequestWithoutRetryAfterWaitsOneWindow() async throws {
        let fixture = ClientFixture([.status(429), .ok])
        _ = try await fixture.client.send(try fixture.request(.get))
        let gap = try #require(fixture.gaps.first)
        #expect(gap >= 5.1 && gap < 5.11, "window 5 s + margin 0.1 s")
    }

    @Test func rateLimitOfOneClientHoldsEveryClientOfTheSameCredential() async throws {
        let clock = ManualWallClock()
        let limiter = RateLimiter(limit: .fortnox, clock: clock)
        func client(_ transport: ScriptedTransport, _ policy: RetryPolicy) -> APIClient {
            APIClient(
                apiName: "Fortnox",
                transport: transport,
                tokenProvider: StaticAccessTokenProvider(token: "shared-token-123"),
                rateLimiter: limiter,
                retryPolicy: policy,
                clock: clock,
                redactor: SecretRedactor()
            )
        }
        let first = ScriptedTransport([.status(429, headers: ["Retry-After": "10"])], clock: clock)
        let second = ScriptedTransport([.ok], clock: clock)
        let url = try #require(ClientFixture.url)
        let error = await #expect(throws: APIClientError.self) {
            try await client(first, RetryPolicy(maxRateLimitRetries: 0)).send(HTTPRequest(method: .get, url: url))
        }
        #expect(error?.kind == .unavailable)
        _ = try await client(second, .standard).send(HTTPRequest(method: .get, url: url))
        let gap = try #require(second.sendTimes.first).timeIntervalSince(try #require(first.sendTimes.first))
        #expect(gap >= 10 && gap < 10.01)
    }

    @Test func rateLimitedPostIsRetriedBecauseItWasNotProcessed() async throws {
        let fixture = ClientFixture([.status(429, headers: ["Retry-After": "1"]), .status(201)])
        let response = try await fixture.client.send(try fixture.request(.post))
        #expect(response.status == 201)
        #expect(fixture.transport.requests.count == 2)
    }

    @Test func persistentRateLimitingEndsAsUnavailableAfterTheBudget() async throws {
        let policy = RetryPolicy(maxRateLimitRetries: 3)
        let fixture = ClientFixture(
            Array(repeating: .status(429, headers: ["Retry-After": "1"]), count: 10), policy: policy)
        let error = await #expect(throws: APIClientError.self) {
            try await fixture.client.send(try fixture.request(.get))
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.status == 429)
        #expect(fixture.transport.requests.count == 4)
    }

    @Test func retryAfterLongerThanTheMaximumFailsAtOnce() async throws {
        let fixture = ClientFixture([.status(429, headers: ["Retry-After": "3600"]), .ok])
        let error = await #expect(throws: APIClientError.self) {
            try await fixture.client.send(try fixture.request(.get))
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.contains("3600") == true)
        #expect(fixture.transport.requests.count == 1)
    }

    // MARK: 5xx backoff

    @Test func serverErrorsBackOffExponentiallyWithDeterministicFullJitterAndACap() async throws {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(4))
        let fixture = ClientFixture(Array(repeating: .status(503), count: 5) + [.ok], policy: policy, seed: 42)
        let response = try await fixture.client.send(try fixture.request(.get))
        #expect(response.status == 200)
        #expect(fixture.transport.requests.count == 6)
        let ceilings = (1...5).map { policy.backoffCeiling(retry: $0) }
        #expect(ceilings == [.seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
        var generator = SeededGenerator(seed: 42)
        let expected = (1...5).map { policy.backoffDelay(retry: $0, using: &generator).timeInterval }
        for (gap, (want, ceiling)) in zip(fixture.gaps, zip(expected, ceilings)) {
            #expect(abs(gap - want) < 1e-6)
            #expect(gap <= ceiling.timeInterval)
        }
    }

    @Test func fullJitterSpreadsOverTheWholeRange() {
        let policy = RetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(2))
        var generator = SeededGenerator(seed: 1)
        let delays = (0..<1000).map { _ in policy.backoffDelay(retry: 1, using: &generator).timeInterval }
        #expect(delays.allSatisfy { $0 >= 0 && $0 <= 2 })
        #expect(delays.min() ?? 2 < 0.1)
        #expect(delays.max() ?? 0 > 1.9)
    }

    @Test func serverErrorAfterEveryAttemptEndsUnavailableWithTheLastStatus() async throws {
        let policy = RetryPolicy(maxAttempts: 3)
        let script: [ScriptedTransport.Outcome] = [.status(500), .status(502), .status(503, body: "maintenance")]
        let fixture = ClientFixture(script, policy: policy)
        let error = await #expect(throws: APIClientError.self) {
            try await fixture.client.send(try fixture.request(.put))
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.status == 503)
        #expect(error?.bodyExcerpt == "maintenance")
        #expect(fixture.transport.requests.count == 3)
    }

    @Test func serverRetryAfterOn503LengthensTheBackoff() async throws {
        let fixture = ClientFixture([.status(503, headers: ["Retry-After": "30"]), .ok])
        _ = try await fixture.client.send(try fixture.request(.get))
        let gap = try #require(fixture.gaps.first)
        #expect(gap >= 30 && gap < 30.01)
    }

    // MARK: writes whose outcome is unknown

    @Test func lostResponseToAPostSurfacesAsOutcomeUnknownAndIsSentExactlyOnce() async throws {
        let created = Counter()
        let transport = InProcessTransport { _ in
            await created.increment()
            return .connectionDropped(requestProcessed: true)
        }
        let clock = ManualWallClock()
        let client = APIClient(
            apiName: "Fortnox",
            transport: transport,
            tokenProvider: StaticAccessTokenProvider(token: "t"),
            rateLimiter: RateLimiter(limit: .fortnox, clock: clock),
            clock: clock,
            redactor: SecretRedactor()
        )
        let url = try #require(URL(string: "https://api.fortnox.se/3/invoices"))
        let error = await #expect(throws: APIClientError.self) {
            try await client.send(HTTPRequest(method: .post, url: url, body: Data("{\"Invoice\":{}}".utf8)))
        }
        #expect(error?.kind == .outcomeUnknown)
        #expect(error?.description.contains("look the record up") == true)
        #expect(await created.value == 1, "R4.4: the invoice is created at most once")
    }

    @Test func clientErrorsAreReturnedAndNeverRetried() async throws {
        for status in [400, 403, 404, 405, 409, 422] {
            let body = "{\"ErrorInformation\":{\"error\":1,\"message\":\"Kunden finns inte\",\"code\":2000433}}"
            let fixture = ClientFixture([.status(status, body: body), .ok])
            let response = try await fixture.client.send(try fixture.request(.post))
            #expect(response.status == status)
            #expect(String(decoding: response.body, as: UTF8.self) == body)
            #expect(fixture.transport.requests.count == 1)
        }
    }

    @Test func refusedRequestIsNotRetried() async throws {
        let refused = TransportError(kind: .refused, requestMayHaveBeenProcessed: false, detail: "plain http")
        let fixture = ClientFixture([.failure(refused), .ok])
        let error = await #expect(throws: APIClientError.self) {
            try await fixture.client.send(try fixture.request(.get))
        }
        #expect(error?.kind == .refused)
        #expect(fixture.transport.requests.count == 1)
    }

    @Test func cancelledTaskSendsNothing() async throws {
        let fixture = ClientFixture([.ok])
        let request = try fixture.request(.get)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await fixture.client.send(request)
        }
        let error = await #expect(throws: APIClientError.self) { try await task.value }
        #expect(error?.kind == .cancelled)
        #expect(fixture.transport.requests.isEmpty)
    }

    // MARK: headers

    @Test func everyAttemptCarriesBearerTokenAndExtraAuthenticationHeaders() async throws {
        let fixture = ClientFixture([.status(503), .ok])
        _ = try await fixture.client.send(try fixture.request(.get))
        for request in fixture.transport.requests {
            #expect(request.headers["Authorization"] == "Bearer token-1")
            #expect(request.headers["Client_Id"] == "client-abc")
            #expect(request.headers["Content-Type"] == "application/json")
        }
    }
}

/// A counter shared by tasks.
actor Counter {
    private(set) var value = 0

    func increment() { value += 1 }
}
