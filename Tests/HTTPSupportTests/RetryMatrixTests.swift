import HTTPSupport
import Testing

/// Every error class against every method: which are retried, which are returned, which end as
/// outcome unknown, and how many times the request went out (R4.4: a write is never sent blindly twice).
@Suite struct RetryMatrixTests {
    enum ErrorClass: String, CaseIterable, Sendable {
        case status500, status503, lostResponse, timedOut, garbledResponse, neverConnected
        case rateLimited, unauthorizedOnce, badRequest, notFound, conflict

        var first: ScriptedTransport.Outcome {
            switch self {
            case .status500: .status(500)
            case .status503: .status(503)
            case .lostResponse: .lostResponse
            case .timedOut: .timedOut
            case .garbledResponse: .garbled
            case .neverConnected: .neverConnected
            case .rateLimited: .status(429, headers: ["Retry-After": "2"])
            case .unauthorizedOnce: .status(401, body: "{\"message\":\"unauthorized\"}")
            case .badRequest: .status(400)
            case .notFound: .status(404)
            case .conflict: .status(409)
            }
        }

        /// Whether the server may have acted on the request.
        var mayHaveBeenProcessed: Bool {
            [.status500, .status503, .lostResponse, .timedOut, .garbledResponse].contains(self)
        }

        /// Whether the status goes back to the caller as a response.
        var isReturned: Bool { [.badRequest, .notFound, .conflict].contains(self) }
    }

    enum Expected: Equatable {
        case response(status: Int, sends: Int)
        case error(APIClientError.Kind, sends: Int)
    }

    static func expected(_ method: HTTPMethod, _ errorClass: ErrorClass) -> Expected {
        if errorClass.isReturned {
            guard case .success(let response) = errorClass.first else { return .response(status: 0, sends: 1) }
            return .response(status: response.status, sends: 1)
        }
        if !method.isIdempotent && errorClass.mayHaveBeenProcessed {
            return .error(.outcomeUnknown, sends: 1)
        }
        return .response(status: 200, sends: 2)
    }

    @Test(arguments: [HTTPMethod.get, .put, .delete, .post, .patch], ErrorClass.allCases)
    func retriesOnlyWhatIsSafe(_ method: HTTPMethod, _ errorClass: ErrorClass) async throws {
        let fixture = ClientFixture([errorClass.first, .ok])
        let request = try fixture.request(method)
        let outcome: Expected
        do {
            let response = try await fixture.client.send(request)
            outcome = .response(status: response.status, sends: fixture.transport.requests.count)
        } catch {
            outcome = .error(error.kind, sends: fixture.transport.requests.count)
        }
        #expect(outcome == Self.expected(method, errorClass), "\(method) after \(errorClass)")
    }
}

/// A request an API makes non-idempotent despite its method (Fortnox `PUT …/credit`) is treated like a POST.
@Suite struct IdempotencyOverrideTests {
    @Test(arguments: [RetryMatrixTests.ErrorClass.status500, .lostResponse, .timedOut])
    func aPutMarkedNonIdempotentIsNeverResentAfterAnAmbiguousFailure(
        _ errorClass: RetryMatrixTests.ErrorClass
    ) async throws {
        let fixture = ClientFixture([errorClass.first, .ok])
        var request = try fixture.request(.put)
        request.isIdempotent = false
        await #expect {
            _ = try await fixture.client.send(request)
        } throws: { error in
            (error as? APIClientError)?.kind == .outcomeUnknown
        }
        #expect(fixture.transport.requests.count == 1)
    }
}
