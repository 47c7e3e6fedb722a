import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// ``LoopbackServer`` driven by the real URLSession (libcurl on Linux), as the connectors will use it.
@Suite struct LoopbackServerURLSessionTests {
    private static func session(timeout: TimeInterval = 30) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        return URLSession(configuration: configuration)
    }

    @Test func getRoundTripCarriesPathQueryAndHeaders() async throws {
        let server = LoopbackServer(name: "test", handler: ClosureTestHandler.echo())
        try server.start()
        defer { server.stop() }
        let session = Self.session()
        defer { session.finishTasksAndInvalidate() }
        let base = try #require(server.baseURL)
        var request = URLRequest(url: try #require(URL(string: "\(base)/3/customers/f%C3%B6?filter=active&q=a+b")))
        request.setValue("hello", forHTTPHeaderField: "X-Test")
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "x-echo") == "yes")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("method=GET\npath=/3/customers/f%C3%B6\nquery=filter=active;q=a b;\nx-test=hello\n"))
    }

    @Test func postRoundTripDeliversTheBodyAndContentType() async throws {
        let handler = ClosureTestHandler.echo()
        let server = LoopbackServer(name: "test", handler: handler)
        try server.start()
        defer { server.stop() }
        let session = Self.session()
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: try #require(server.baseURL?.appendingPathComponent("3/customers")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let body = #"{"Customer":{"Name":"Åkesson AB","Amount":19.99}}"#
        request.httpBody = Data(body.utf8)
        let (data, _) = try await session.data(for: request)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("method=POST\n"))
        #expect(text.contains("content-type=application/json\n"))
        #expect(text.hasSuffix("body=\(body)"))
        #expect(handler.requests.first?.body == Data(body.utf8))
    }

    @Test func fiftyConcurrentRequestsAreAllAnswered() async throws {
        let handler = ClosureTestHandler.echo()
        let server = LoopbackServer(name: "test", handler: handler)
        try server.start()
        defer { server.stop() }
        let session = Self.session()
        defer { session.finishTasksAndInvalidate() }
        let base = try #require(server.baseURL)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let (_, response) = try await session.data(from: base.appendingPathComponent("n/\(index)"))
                    return (response as? HTTPURLResponse)?.statusCode ?? 0
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 50))
        #expect(Set(handler.requests.map(\.path)).count == 50)
    }

    @Test func injectedLatencyDelaysTheResponse() async throws {
        let handler = ClosureTestHandler { _ in
            HandlerResult(outcome: .response(HTTPResponse(status: 200)), delay: .milliseconds(250))
        }
        let server = LoopbackServer(name: "test", handler: handler)
        try server.start()
        defer { server.stop() }
        let session = Self.session()
        defer { session.finishTasksAndInvalidate() }
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await session.data(from: try #require(server.baseURL))
        #expect(clock.now - start >= .milliseconds(250))
    }

    @Test func tooManyRequestsArrivesAsAResponseWithRetryAfter() async throws {
        let handler = ClosureTestHandler { _ in
            .respond(.json(429, ["message": "Too Many Requests"], headers: ["Retry-After": "7"]))
        }
        let server = LoopbackServer(name: "test", handler: handler)
        try server.start()
        defer { server.stop() }
        let session = Self.session()
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(from: try #require(server.baseURL))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 429)
        #expect(http.value(forHTTPHeaderField: "Retry-After") == "7")
        #expect(String(decoding: data, as: UTF8.self) == #"{"message":"Too Many Requests"}"#)
    }
}
