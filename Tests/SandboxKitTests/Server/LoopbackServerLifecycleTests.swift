import Dispatch
import Foundation
import HTTPSupport
import SandboxKit
import Synchronization
import Testing

/// Starting, stopping and concurrency of ``LoopbackServer``.
@Suite struct LoopbackServerLifecycleTests {
    @Test func stopClosesIdleKeepAliveConnectionsPromptlyAndThePortRefuses() async throws {
        let server = LoopbackServer(name: "test", handler: ClosureTestHandler.echo())
        let port = try server.start()
        #expect(server.baseURL?.absoluteString == "http://127.0.0.1:\(port)")
        let clients = try await onThread {
            try (0..<10).map { _ in
                let client = try RawHTTPTestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                _ = try client.readResponse()
                return client
            }
        }
        let elapsed = try await onThread {
            let clock = ContinuousClock()
            let start = clock.now
            server.stop()
            return clock.now - start
        }
        #expect(elapsed < .seconds(2))
        #expect(server.port == nil)
        for client in clients { #expect(client.readToEnd() == []) }
        #expect(RawHTTPTestClient.connectionRefused(port: port))
        server.stop()
    }

    @Test func stopCutsAnInjectedDelayShort() async throws {
        let entered = DispatchSemaphore(value: 0)
        let handler = ClosureTestHandler { _ in
            entered.signal()
            return HandlerResult(outcome: .response(HTTPResponse(status: 200)), delay: .seconds(60))
        }
        let server = LoopbackServer(name: "test", handler: handler)
        let port = try server.start()
        let client = try RawHTTPTestClient(port: port)
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        let elapsed = try await onThread {
            entered.wait()
            let clock = ContinuousClock()
            let start = clock.now
            server.stop()
            return clock.now - start
        }
        #expect(elapsed < .seconds(2))
    }

    @Test func startingTwiceOrAfterStopIsRefused() throws {
        let server = LoopbackServer(name: "twice", handler: ClosureTestHandler.echo())
        try server.start()
        #expect(throws: ServerError.self) { try server.start() }
        server.stop()
        server.stop()
        do {
            try server.start()
            Issue.record("start after stop succeeded")
        } catch {
            #expect(error.code == .alreadyStarted)
        }
    }

    @Test func bindingAPortInUseNamesTheServerAndPort() throws {
        let first = LoopbackServer(name: "first", handler: ClosureTestHandler.echo())
        let port = try first.start()
        defer { first.stop() }
        let second = LoopbackServer(
            name: "second", handler: ClosureTestHandler.echo(), configuration: .init(port: port))
        do {
            try second.start()
            Issue.record("binding a used port succeeded")
        } catch {
            #expect(error.code == .bindFailed)
            #expect(error.message.contains("second") && error.message.contains("127.0.0.1:\(port)"))
        }
    }

    @Test func droppingTheServerStopsIt() async throws {
        var server: LoopbackServer? = LoopbackServer(name: "dropped", handler: ClosureTestHandler.echo())
        let port = try #require(try server?.start())
        try await onThread {
            let client = try RawHTTPTestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
        }
        server = nil
        #expect(RawHTTPTestClient.connectionRefused(port: port))
    }

    @Test func fiftyConnectionsAreServedAtTheSameTime() async throws {
        let connections = 50
        let arrived = Mutex(0)
        let everyoneArrived = DispatchSemaphore(value: 0)
        let handler = ClosureTestHandler { _ in
            let count = arrived.withLock { count in
                count += 1
                return count
            }
            if count == connections {
                for _ in 0..<connections { everyoneArrived.signal() }
            }
            // Each handler waits until all 50 requests are inside handlers at once: only a server
            // that serves the connections concurrently gets past this barrier.
            let released = everyoneArrived.wait(timeout: .now() + 10) == .success
            return .respond(HTTPResponse(status: released ? 200 : 500))
        }
        let server = LoopbackServer(name: "test", handler: handler)
        let port = try server.start()
        defer { server.stop() }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    try await onThread {
                        let client = try RawHTTPTestClient(port: port)
                        try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                        return try client.readResponse().status
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: connections))
    }
}
