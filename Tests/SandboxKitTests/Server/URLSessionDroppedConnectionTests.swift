import Foundation
import HTTPSupport
import SandboxKit
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What URLSession on Linux (corelibs + libcurl 7.88) reports when ``LoopbackServer`` closes a
/// connection without answering (``ExchangeOutcome/connectionDropped(requestProcessed:)``).
///
/// These pin down facts the HTTP transport and the engine's duplicate-safety rely on:
/// - On a fresh connection the error is `URLError.badServerResponse` (-1011, "Empty reply from
///   server") and the request body was delivered in full.
/// - On a reused keep-alive connection libcurl **silently re-sends** a bodyless request on a new
///   connection (its "connection died, retry" rule), so the server handles it twice.
/// - On a reused connection a request **with** a body is re-sent without its body (corelibs cannot
///   rewind it): the new request stalls until `timeoutIntervalForRequest` and fails with
///   `URLError.timedOut` (-1001); the server handled the original once.
@Suite struct URLSessionDroppedConnectionTests {
    /// Answers `GET /warm`; drops every other request after counting it.
    private final class DroppingHandler: SandboxRequestHandler {
        let dropped = Mutex<[ServerRequest]>([])

        func handle(_ request: ServerRequest) -> HandlerResult {
            if request.path == "/warm" { return .respond(HTTPResponse(status: 200, body: Data("ok".utf8))) }
            dropped.withLock { $0.append(request) }
            return HandlerResult(outcome: .connectionDropped(requestProcessed: true))
        }
    }

    private struct Observation {
        var error: URLError?
        var handled: [ServerRequest]
    }

    private func observe(method: String, bodySize: Int, reuseConnection: Bool) async throws -> Observation {
        let handler = DroppingHandler()
        let server = LoopbackServer(name: "drop", handler: handler)
        try server.start()
        defer { server.stop() }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 1
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let base = try #require(server.baseURL)
        if reuseConnection { _ = try await session.data(from: base.appendingPathComponent("warm")) }
        var request = URLRequest(url: base.appendingPathComponent("3/invoices"))
        request.httpMethod = method
        if bodySize > 0 {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(repeating: UInt8(ascii: "x"), count: bodySize)
        }
        do {
            _ = try await session.data(for: request)
            return Observation(error: nil, handled: handler.dropped.withLock { $0 })
        } catch let error as URLError {
            return Observation(error: error, handled: handler.dropped.withLock { $0 })
        }
    }

    @Test(arguments: [0, 10, 200_000])
    func freshConnectionDropIsBadServerResponseAfterTheWholeBodyArrived(bodySize: Int) async throws {
        let observation = try await observe(method: "POST", bodySize: bodySize, reuseConnection: false)
        #expect(observation.error?.code == .badServerResponse)
        #expect(observation.handled.map(\.body.count) == [bodySize])
    }

    @Test func reusedConnectionDropMakesLibcurlResendABodylessRequest() async throws {
        let observation = try await observe(method: "PUT", bodySize: 0, reuseConnection: true)
        #expect(observation.error?.code == .badServerResponse)
        #expect(observation.handled.count == 2)
    }

    @Test func reusedConnectionDropWithABodyStallsUntilTheRequestTimeout() async throws {
        let observation = try await observe(method: "POST", bodySize: 10, reuseConnection: true)
        #expect(observation.error?.code == .timedOut)
        #expect(observation.handled.map(\.body.count) == [10])
    }
}
