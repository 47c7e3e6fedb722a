import Foundation
import HTTPSupport
import SandboxKit
import Synchronization
import Testing

/// `URLSessionTransport` over a real loopback socket: a lost response to a non-idempotent request
/// reaches the server exactly once and surfaces as "may have been processed" (R4.4), even after
/// earlier requests left a keep-alive connection open (libcurl would otherwise re-send it).
@Suite struct URLSessionTransportWireTests {
    /// Answers `GET /warm`; counts and drops everything else after "processing" it.
    private final class LosingHandler: SandboxRequestHandler {
        let processed = Mutex<[ServerRequest]>([])

        func handle(_ request: ServerRequest) -> HandlerResult {
            if request.path == "/warm" { return .respond(HTTPResponse(status: 200, body: Data("ok".utf8))) }
            processed.withLock { $0.append(request) }
            return HandlerResult(outcome: .connectionDropped(requestProcessed: true))
        }
    }

    @Test(arguments: [
        (HTTPMethod.post, 0), (HTTPMethod.post, 64), (HTTPMethod.patch, 64), (HTTPMethod.put, 0),
    ])
    func lostResponseToANonIdempotentRequestIsSentOnceAndReportedAsMaybeProcessed(
        method: HTTPMethod, bodySize: Int
    ) async throws {
        let handler = LosingHandler()
        let server = LoopbackServer(name: "lose", handler: handler)
        try server.start()
        defer { server.stop() }
        let transport = URLSessionTransport(configuration: .init(requestTimeout: .seconds(30)))
        defer { transport.invalidate() }
        let base = try #require(server.baseURL)

        let warm = try await transport.send(HTTPRequest(method: .get, url: base.appendingPathComponent("warm")))
        #expect(warm.status == 200)
        let request = HTTPRequest(
            method: method, url: base.appendingPathComponent("3/invoices/7/credit"),
            headers: ["Content-Type": "application/json"], body: Data(repeating: UInt8(ascii: " "), count: bodySize),
            idempotent: false)
        let started = ContinuousClock.now
        do {
            _ = try await transport.send(request)
            Issue.record("a dropped connection must not produce a response")
        } catch {
            #expect(error.requestMayHaveBeenProcessed)
        }
        #expect(handler.processed.withLock { $0.count } == 1)
        #expect(ContinuousClock.now - started < .seconds(20), "must fail at once, not after the 30 s request timeout")
    }

    @Test func anIdempotentRequestReusesTheKeepAliveConnection() async throws {
        let handler = LosingHandler()
        let server = LoopbackServer(name: "reuse", handler: handler)
        try server.start()
        defer { server.stop() }
        let transport = URLSessionTransport()
        defer { transport.invalidate() }
        let url = try #require(server.baseURL).appendingPathComponent("warm")
        for _ in 0..<3 {
            let response = try await transport.send(HTTPRequest(method: .get, url: url))
            #expect(response.status == 200)
            #expect(response.headers["Connection"]?.lowercased() != "close")
        }
    }
}
