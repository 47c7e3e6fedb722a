import Foundation
import Glibc
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

/// ``RequestLogger`` and ``RequestLogSink``: the `--request-log FILE` JSON Lines.
@Suite struct RequestLoggerTests {
    /// A fresh directory for one test.
    private static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "request-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Answers with a fixed outcome per path.
    private struct ScriptedHandler: SandboxRequestHandler {
        var script: @Sendable (ServerRequest) -> HandlerResult

        func handle(_ request: ServerRequest) -> HandlerResult { script(request) }
    }

    private static func lines(_ url: URL) throws -> [JSONValue] {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test func writesOneJSONLinePerRequestWithEveryField() throws {
        let url = try Self.temporaryDirectory().appendingPathComponent("requests.jsonl")
        let sink = try RequestLogSink(fileURL: url)
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_767_225_600.123))
        let handler = ScriptedHandler { request in
            switch request.path {
            case "/3/customers": .respond(.json(201, ["Customer": ["CustomerNumber": "7"]]))
            case "/drop": HandlerResult(outcome: .connectionDropped(requestProcessed: true))
            case "/slow": HandlerResult(outcome: .response(HTTPResponse(status: 204)), delay: .milliseconds(20))
            default: .respond(HTTPResponse(status: 200, body: Data("plain text".utf8)))
            }
        }
        let logger = RequestLogger(wrapping: handler, api: "fortnox", sink: sink, clock: clock)
        _ = logger.handle(ServerRequest(method: .get, target: "/3/articles?ids=1&ids=2&filter=a%20b"))
        clock.advance(by: 1)
        _ = logger.handle(
            ServerRequest(method: .post, target: "/3/customers", body: Data(#"{"Customer":{"Name":"Å AB"}}"#.utf8)))
        _ = logger.handle(ServerRequest(method: .put, target: "/drop"))
        _ = logger.handle(ServerRequest(method: .delete, target: "/slow"))
        sink.close()

        let entries = try Self.lines(url)
        #expect(entries.count == 4)
        #expect(entries[0]["time"] == "2026-01-01T00:00:00.123Z")
        #expect(entries[0]["api"] == "fortnox")
        #expect(entries[0]["method"] == "GET")
        #expect(entries[0]["path"] == "/3/articles")
        #expect(entries[0]["query"] == ["ids": ["1", "2"], "filter": "a b"])
        #expect(entries[0]["requestBody"] == .null)
        #expect(entries[0]["status"] == 200)
        #expect(entries[0]["responseBody"] == "plain text")
        #expect(entries[1]["time"] == "2026-01-01T00:00:01.123Z")
        #expect(entries[1]["requestBody"] == ["Customer": ["Name": "Å AB"]])
        #expect(entries[1]["responseBody"] == ["Customer": ["CustomerNumber": "7"]])
        #expect(entries[1]["status"] == 201)
        #expect(entries[2]["status"] == "dropped")
        #expect(entries[2]["processed"] == true)
        #expect(entries[3]["status"] == 204)
        #expect(entries[3]["delayMs"] == 20)
        #expect(entries[0]["delayMs"] == nil)
    }

    @Test func secretsNeverReachTheFile() throws {
        let url = try Self.temporaryDirectory().appendingPathComponent("requests.jsonl")
        let sink = try RequestLogSink(fileURL: url)
        let secrets = [
            "CODE-SECRET-1", "CLIENT-SECRET-2", "ACCESS-SECRET-3", "REFRESH-SECRET-4", "SEVERA-SECRET-5",
            "SEVERA-ACCESS-6", "SEVERA-REFRESH-7", "QUERY-SECRET-8", "PASSWORD-SECRET-9", "BIG-SECRET-10",
            "BASIC-SECRET-11", "SIGNOUT-SECRET-12", "VERIFIER-SECRET-13",
        ]
        let handler = ScriptedHandler { request in
            switch request.path {
            case "/oauth-v1/token":
                .respond(
                    .json(
                        200,
                        [
                            "access_token": "ACCESS-SECRET-3", "refresh_token": "REFRESH-SECRET-4", "scope": "customer",
                            "expires_in": 3600, "token_type": "bearer",
                        ]))
            case "/rest-api/v1/token", "/rest-api/v1/refreshtoken":
                .respond(
                    .json(
                        200,
                        [
                            "access_token": "SEVERA-ACCESS-6", "access_token_type": "Bearer",
                            "refresh_token": "SEVERA-REFRESH-7", "access_token_expires_in": 3600,
                        ]))
            default: .respond(.json(200, ["ok": true]))
            }
        }
        let logger = RequestLogger(wrapping: handler, api: "sandbox", sink: sink)
        let form: HTTPHeaders = [
            "Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic BASIC-SECRET-11",
        ]
        _ = logger.handle(
            ServerRequest(
                method: .post, target: "/oauth-v1/token", headers: form,
                body: Data(
                    "grant_type=authorization_code&code=CODE-SECRET-1&redirect_uri=http%3A%2F%2Flocalhost&code_verifier=VERIFIER-SECRET-13"
                        .utf8)))
        _ = logger.handle(
            ServerRequest(
                method: .post, target: "/oauth-v1/token", headers: form,
                body: Data("grant_type=refresh_token&refresh_token=REFRESH-SECRET-4&client_secret=CLIENT-SECRET-2".utf8)
            ))
        _ = logger.handle(
            ServerRequest(
                method: .post, target: "/rest-api/v1/token", headers: ["Content-Type": "application/json"],
                body: Data(
                    #"{"client_Id":"my-client","client_Secret":"SEVERA-SECRET-5","scope":"customers:read"}"#.utf8)))
        _ = logger.handle(
            ServerRequest(method: .post, target: "/rest-api/v1/refreshtoken", body: Data(#""SEVERA-REFRESH-7""#.utf8)))
        _ = logger.handle(
            ServerRequest(method: .post, target: "/rest-api/v1/signout", body: Data(#""SIGNOUT-SECRET-12""#.utf8)))
        _ = logger.handle(ServerRequest(method: .get, target: "/3/customers?access_token=QUERY-SECRET-8&filter=active"))
        _ = logger.handle(
            ServerRequest(
                method: .post, target: "/v1/users", body: Data(#"{"user":{"password":"PASSWORD-SECRET-9"}}"#.utf8)))
        let big = #"{"client_secret":"BIG-SECRET-10","padding":""# + String(repeating: "p", count: 70_000) + #""}"#
        _ = logger.handle(ServerRequest(method: .post, target: "/3/customers", body: Data(big.utf8)))
        sink.close()

        let text = try String(contentsOf: url, encoding: .utf8)
        for secret in secrets { #expect(!text.contains(secret), "\(secret) leaked") }
        let entries = try Self.lines(url)
        #expect(entries.count == 8)
        #expect(
            entries[0]["requestBody"]?.stringValue?.hasPrefix("grant_type=authorization_code&code=[REDACTED]") == true)
        #expect(entries[0]["responseBody"]?["scope"] == "customer")
        #expect(entries[0]["responseBody"]?["expires_in"] == 3600)
        #expect(entries[2]["requestBody"]?["client_Id"] == "my-client")
        #expect(entries[2]["requestBody"]?["client_Secret"] == "[REDACTED]")
        #expect(entries[3]["requestBody"] == "[REDACTED]")
        #expect(entries[5]["query"] == ["access_token": "[REDACTED]", "filter": "active"])
        #expect(
            entries[7]["requestBody"]?.stringValue?.hasSuffix("[truncated: \(big.utf8.count) bytes in total]") == true)
    }

    @Test func largeBodiesAreTruncatedWithAMarker() throws {
        let url = try Self.temporaryDirectory().appendingPathComponent("requests.jsonl")
        let sink = try RequestLogSink(fileURL: url)
        let big = String(repeating: "row,", count: 50_000)
        let logger = RequestLogger(
            wrapping: ScriptedHandler { _ in .respond(HTTPResponse(status: 200, body: Data(big.utf8))) }, api: "severa",
            sink: sink)
        _ = logger.handle(ServerRequest(method: .get, target: "/export"))
        sink.close()
        let body = try #require(try Self.lines(url).first?["responseBody"]?.stringValue)
        #expect(body.hasSuffix("…[truncated: 200000 bytes in total]"))
        #expect(body.utf8.count < 66 * 1024)
    }

    @Test func theFileIsOwnerOnlyEvenWhenItExisted() throws {
        let directory = try Self.temporaryDirectory()
        let fresh = directory.appendingPathComponent("fresh.jsonl")
        let existing = directory.appendingPathComponent("existing.jsonl")
        try Data("earlier\n".utf8).write(to: existing)
        chmod(existing.path, 0o644)
        for url in [fresh, existing] {
            let sink = try RequestLogSink(fileURL: url)
            sink.close()
            var status = stat()
            #expect(stat(url.path, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o600, "\(url.lastPathComponent)")
        }
        #expect(try String(contentsOf: existing, encoding: .utf8) == "earlier\n")
    }

    @Test func concurrentRequestsNeverInterleaveLines() async throws {
        let url = try Self.temporaryDirectory().appendingPathComponent("requests.jsonl")
        let sink = try RequestLogSink(fileURL: url)
        let payload = String(repeating: "x", count: 3000)
        let logger = RequestLogger(
            wrapping: ScriptedHandler { request in .respond(HTTPResponse(status: 200, body: request.body)) },
            api: "fortnox", sink: sink)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    try await onThread {
                        for index in 0..<50 {
                            _ = logger.handle(
                                ServerRequest(method: .post, target: "/w/\(worker)/\(index)", body: Data(payload.utf8)))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        sink.close()
        let entries = try Self.lines(url)
        #expect(entries.count == 400)
        #expect(Set(entries.compactMap { $0["path"]?.stringValue }).count == 400)
        #expect(sink.failedWrites == 0)
    }

    @Test func afterCloseLinesAreCountedAsFailedNotWritten() throws {
        let url = try Self.temporaryDirectory().appendingPathComponent("requests.jsonl")
        let sink = try RequestLogSink(fileURL: url)
        let logger = RequestLogger(
            wrapping: ScriptedHandler { _ in .respond(HTTPResponse(status: 200)) }, api: "fortnox", sink: sink)
        sink.close()
        let result = logger.handle(ServerRequest(method: .get, target: "/x"))
        #expect(result.outcome == .response(HTTPResponse(status: 200)))
        #expect(sink.failedWrites == 1)
        #expect(try Data(contentsOf: url).isEmpty)
    }

    @Test func anUnopenableFileNamesThePathAndReason() throws {
        let url = try Self.temporaryDirectory().appendingPathComponent("missing/requests.jsonl")
        do {
            _ = try RequestLogSink(fileURL: url)
            Issue.record("opened a file in a missing directory")
        } catch {
            #expect(error.path == url.path)
            #expect(error.description == "cannot open request log \(url.path): No such file or directory")
        }
    }
}
