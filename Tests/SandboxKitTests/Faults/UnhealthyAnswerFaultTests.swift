import Foundation
import Glibc
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization
import Testing

/// The faults that answer with something that is not the API's (`html200`, `truncated`, `wrong-type`)
/// and the held answer (`hold`).
@Suite struct UnhealthyAnswerFaultTests {
    /// Answers a JSON document, counting calls (the emulator, where a write would take effect).
    private final class RecordingHandler: SandboxRequestHandler {
        private let calls = Mutex(0)

        var count: Int { calls.withLock { $0 } }

        func handle(_ request: ServerRequest) -> HandlerResult {
            calls.withLock { $0 += 1 }
            return .respond(.json(201, ["Customer": ["CustomerNumber": "17", "Name": "Acme AB"]]))
        }
    }

    private static func response(_ result: HandlerResult) throws -> HTTPResponse {
        guard case .response(let response) = result.outcome else { throw RawClientError(description: "no answer") }
        return response
    }

    @Test("html200 answers a 200 maintenance page in text/html without calling the handler, on the Nth request only")
    func htmlPageReplacesTheAnswer() throws {
        let handler = RecordingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("GET /3/customers: html200@2"))
        let first = try Self.response(injector.handle(ServerRequest(method: .get, target: "/3/customers?page=1")))
        let second = try Self.response(injector.handle(ServerRequest(method: .get, target: "/3/customers?page=1")))
        let third = try Self.response(injector.handle(ServerRequest(method: .get, target: "/3/customers?page=1")))
        #expect(first.status == 201 && third.status == 201)
        #expect(second.status == 200)
        #expect(second.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(String(decoding: second.body, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        #expect(handler.count == 2, "the maintenance page never reaches the emulator")
    }

    @Test("truncated calls the handler (the write is committed) and sends the first half of its body")
    func truncatedCutsTheBodyInHalf() throws {
        let handler = RecordingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("POST /3/customers: truncated@1"))
        let whole = try Self.response(handler.handle(ServerRequest(method: .post, target: "/3/customers")))
        let cut = try Self.response(injector.handle(ServerRequest(method: .post, target: "/3/customers")))
        #expect(handler.count == 2)
        #expect(cut.status == 201)
        #expect(cut.headers["Content-Type"] == whole.headers["Content-Type"])
        #expect(cut.body == whole.body.prefix(whole.body.count / 2))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(cut.body) }
    }

    @Test("wrong-type calls the handler and sends its body unchanged as text/plain")
    func wrongTypeRelabelsTheBody() throws {
        let handler = RecordingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("* /3/*: wrong-type=1"))
        let relabelled = try Self.response(injector.handle(ServerRequest(method: .put, target: "/3/customers/17")))
        #expect(handler.count == 1)
        #expect(relabelled.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(try JSONParser.parse(relabelled.body)["Customer"]?["CustomerNumber"] == "17")
    }

    @Test("hold in-process: the write takes effect at once, the answer arrives only after the release")
    func holdInProcessWaitsForTheRelease() async throws {
        let handler = RecordingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("POST /3/customers: hold@1"))
        let released = Mutex(false)
        let transport = injector.inProcessTransport()
        let url = try #require(URL(string: "https://api.fortnox.se/3/customers"))
        async let answer = transport.send(HTTPRequest(method: .post, url: url))
        await injector.heldAnswers.untilHeld(1)
        #expect(handler.count == 1, "the handler ran before the answer was held")
        released.withLock { $0 = true }
        #expect(injector.heldAnswers.releaseAll() == 1)
        let response = try await answer
        #expect(released.withLock { $0 }, "delivered after the release")
        #expect(response.status == 201)
        let second = try await transport.send(HTTPRequest(method: .post, url: url))
        #expect(second.status == 201, "only the first request is held")
        #expect(injector.heldAnswers.heldSoFar == 1)
    }

    @Test("hold over the loopback server: delivered after the release; dropped when the client hangs up first")
    func holdOverLoopback() async throws {
        let handler = RecordingHandler()
        let injector = FaultInjector(
            wrapping: handler, plan: try FaultPlan.parse("POST /3/customers: hold@1, hold@2"))
        // One connection at a time: the next client is served only once the held connection is done.
        let server = LoopbackServer(
            name: "hold", handler: injector, configuration: LoopbackServer.Configuration(maximumConnections: 1))
        let port = try server.start()
        defer { server.stop() }
        let request = "POST /3/customers HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

        let released = Mutex(false)
        async let first = onThread { () throws -> (Int, Bool) in
            let client = try RawHTTPTestClient(port: port)
            try client.send(request)
            let response = try client.readResponse()
            return (response.status, released.withLock { $0 })
        }
        await injector.heldAnswers.untilHeld(1)
        released.withLock { $0 = true }
        injector.heldAnswers.releaseAll()
        let (status, afterRelease) = try await first
        #expect(status == 201)
        #expect(afterRelease)

        let hungUp = try await onThread { () throws -> RawHTTPTestClient in
            let client = try RawHTTPTestClient(port: port)
            try client.send(request)
            return client
        }
        await injector.heldAnswers.untilHeld(2)
        shutdown(hungUp.descriptor, Int32(SHUT_RDWR))
        let next = try await onThread { () throws -> Int in
            let client = try RawHTTPTestClient(port: port)
            try client.send("GET /3/units HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return try client.readResponse().status
        }
        #expect(next == 201, "the held connection was dropped when its client hung up, so the next one was served")
        #expect(handler.count == 3)
    }
}
