import Foundation
import HTTPSupport
import SandboxKit
import Testing

/// HTTP/1.1 behaviour of ``LoopbackServer`` seen from a raw socket.
@Suite struct LoopbackServerProtocolTests {
    private func withServer(
        _ handler: ClosureTestHandler = .echo(),
        configuration: LoopbackServer.Configuration = .init(),
        _ body: @escaping @Sendable (UInt16) throws -> Void
    ) async throws {
        let server = LoopbackServer(name: "test", handler: handler, configuration: configuration)
        let port = try server.start()
        defer { server.stop() }
        try await onThread { try body(port) }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        let handler = ClosureTestHandler.echo()
        try await withServer(handler) { port in
            let client = try RawHTTPTestClient(port: port)
            for index in 0..<100 {
                try client.send("GET /items/\(index) HTTP/1.1\r\nHost: test\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.bodyText.contains("path=/items/\(index)\n"))
                #expect(response.headers["Connection"] == nil)
            }
        }
        #expect(handler.requests.count == 100)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer { port in
            let client = try RawHTTPTestClient(port: port)
            let pipeline = (1...5).map { "POST /p/\($0) HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nb\($0)" }
            try client.send(pipeline.joined())
            for index in 1...5 {
                let response = try client.readResponse()
                #expect(response.bodyText.contains("path=/p/\(index)\n"))
                #expect(response.bodyText.hasSuffix("body=b\(index)"))
            }
        }
    }

    @Test func absoluteFormTargetsAndLeadingEmptyLinesAreAccepted() async throws {
        try await withServer { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send("\r\nGET http://127.0.0.1/abs/x?a=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.bodyText.contains("path=/abs/x\nquery=a=1;\n"))
            try client.send("GET /lf-only HTTP/1.1\nHost: t\n\n")
            #expect(try client.readResponse().bodyText.contains("path=/lf-only\n"))
        }
    }

    @Test func everyResponseCarriesDateAndContentLengthAndServerOwnsFraming() async throws {
        let handler = ClosureTestHandler { _ in
            .respond(
                HTTPResponse(
                    status: 201, headers: ["Content-Length": "999", "Connection": "close"], body: Data("abc".utf8)))
        }
        try await withServer(handler) { port in
            let client = try RawHTTPTestClient(port: port)
            for _ in 0..<2 {
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 201)
                #expect(response.headers["Content-Length"] == "3")
                #expect(response.headers.values(for: "Content-Length").count == 1)
                #expect(response.headers["Connection"] == nil)
                let date = try #require(response.headers["Date"])
                #expect(date.hasSuffix(" GMT") && date.count == 29)
            }
        }
    }

    @Test func expectContinueGetsAnInterimResponseBeforeTheBodyIsSent() async throws {
        try await withServer { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send("PUT /up HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.bodyText.hasSuffix("body=hello"))
        }
    }

    @Test func chunkedRequestBodyIsDecoded() async throws {
        try await withServer { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send(
                "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.bodyText.hasSuffix("body=hello, world"))
            try client.send("GET /after HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().bodyText.contains("path=/after\n"))
        }
    }

    @Test func headRequestGetsLengthButNoBody() async throws {
        try await withServer { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\nGET /next HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try client.readResponse(isHead: true)
            #expect(head.status == 200)
            #expect(Int(head.headers["Content-Length"] ?? "") ?? 0 > 0)
            #expect(try client.readResponse().bodyText.contains("path=/next\n"))
        }
    }

    @Test func connectionCloseIsHonouredAndAnnounced() async throws {
        try await withServer { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.headers["Connection"] == "close")
            #expect(client.readToEnd() == [])
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() async throws {
        try await withServer { port in
            let plain = try RawHTTPTestClient(port: port)
            try plain.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try plain.readResponse().headers["Connection"] == "close")
            #expect(plain.readToEnd() == [])

            let keepAlive = try RawHTTPTestClient(port: port)
            for _ in 0..<2 {
                try keepAlive.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                #expect(try keepAlive.readResponse().headers["Connection"] == "keep-alive")
            }
        }
    }

    /// A request the server must refuse, named for the test report.
    struct MalformedRequest: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var status: Int
        var testDescription: String { "\(name) → \(status)" }
    }

    static let malformedRequests: [MalformedRequest] = [
        .init(name: "not a request line", text: "GARBAGE\r\n\r\n", status: 400),
        .init(name: "no version", text: "GET /\r\nHost: t\r\n\r\n", status: 400),
        .init(name: "double space", text: "GET  / HTTP/1.1\r\nHost: t\r\n\r\n", status: 400),
        .init(name: "space in header name", text: "GET / HTTP/1.1\r\nHost: t\r\nBad Name: v\r\n\r\n", status: 400),
        .init(name: "header without colon", text: "GET / HTTP/1.1\r\nHost: t\r\nNoColon\r\n\r\n", status: 400),
        .init(name: "obsolete folding", text: "GET / HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n folded\r\n\r\n", status: 400),
        .init(name: "missing Host", text: "GET / HTTP/1.1\r\nX-A: 1\r\n\r\n", status: 400),
        .init(
            name: "bad Content-Length", text: "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 12x\r\n\r\n", status: 400),
        .init(
            name: "conflicting Content-Length",
            text: "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", status: 400),
        .init(
            name: "Content-Length with chunked",
            text: "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        .init(
            name: "bad chunk size", text: "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            status: 400),
        .init(
            name: "unsupported transfer coding",
            text: "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        .init(name: "HTTP/2.0 request line", text: "GET / HTTP/2.0\r\nHost: t\r\n\r\n", status: 505),
        .init(name: "unknown expectation", text: "GET / HTTP/1.1\r\nHost: t\r\nExpect: magic\r\n\r\n", status: 417),
    ]

    @Test(arguments: malformedRequests)
    func malformedRequestsAreRefusedAndTheConnectionClosed(_ malformed: MalformedRequest) async throws {
        try await withServer { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send(malformed.text)
            let response = try client.readResponse()
            #expect(response.status == malformed.status)
            #expect(response.headers["Connection"] == "close")
            #expect(response.bodyText.contains("\"message\""))
            #expect(client.readToEnd() == [])
        }
    }

    @Test func oversizedBodyGets413WithoutWaitingForTheBody() async throws {
        let configuration = LoopbackServer.Configuration(maximumBodyBytes: 1024)
        try await withServer(configuration: configuration) { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 413)

            let sender = try RawHTTPTestClient(port: port)
            try sender.send(
                "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "x", count: 5000))
            #expect(try sender.readResponse().status == 413)
        }
    }

    @Test func oversizedChunkedBodyGets413() async throws {
        let configuration = LoopbackServer.Configuration(maximumBodyBytes: 10)
        try await withServer(configuration: configuration) { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n")
            #expect(try client.readResponse().status == 413)
        }
    }

    @Test func oversizedHeadGets431AndLongRequestLine414() async throws {
        let configuration = LoopbackServer.Configuration(maximumHeadBytes: 512, maximumHeaderCount: 5)
        try await withServer(configuration: configuration) { port in
            let big = try RawHTTPTestClient(port: port)
            try big.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "a", count: 600))\r\n\r\n")
            #expect(try big.readResponse().status == 431)

            let many = try RawHTTPTestClient(port: port)
            try many.send("GET / HTTP/1.1\r\nHost: t\r\n" + (1...6).map { "X-\($0): v\r\n" }.joined() + "\r\n")
            #expect(try many.readResponse().status == 431)

            let long = try RawHTTPTestClient(port: port)
            try long.send("GET /\(String(repeating: "p", count: 600)) HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try long.readResponse().status == 414)
        }
    }

    @Test func droppedConnectionClosesWithoutAnyBytes() async throws {
        let handler = ClosureTestHandler { _ in HandlerResult(outcome: .connectionDropped(requestProcessed: true)) }
        try await withServer(handler) { port in
            let client = try RawHTTPTestClient(port: port)
            try client.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx")
            #expect(client.readToEnd() == [])
        }
        #expect(handler.requests.count == 1)
    }

    @Test func handlerDelayIsAppliedBeforeAnswering() async throws {
        let handler = ClosureTestHandler { _ in
            HandlerResult(outcome: .response(HTTPResponse(status: 204)), delay: .milliseconds(300))
        }
        try await withServer(handler) { port in
            let client = try RawHTTPTestClient(port: port)
            let clock = ContinuousClock()
            let start = clock.now
            try client.send("DELETE /d HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 204)
            #expect(response.headers["Content-Length"] == nil)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }
}
