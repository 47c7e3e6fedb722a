import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// ``FaultInjector`` applying a ``FaultPlan`` deterministically.
@Suite struct FaultInjectorTests {
    /// Answers 200 with an optional delay, counting calls.
    private final class CountingHandler: SandboxRequestHandler {
        let calls = Mutex(0)
        let delay: Duration

        init(delay: Duration = .zero) {
            self.delay = delay
        }

        var count: Int { calls.withLock { $0 } }

        func handle(_ request: ServerRequest) -> HandlerResult {
            calls.withLock { $0 += 1 }
            return HandlerResult(outcome: .response(.json(200, ["ok": true])), delay: delay)
        }
    }

    private static func request(_ method: HTTPMethod, _ target: String) -> ServerRequest {
        ServerRequest(method: method, target: target)
    }

    /// A compact picture of one result: `200`, `429`, `drop`, `lost`, plus the delay in microseconds.
    private static func signature(_ result: HandlerResult) -> String {
        let (seconds, attoseconds) = result.delay.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        switch result.outcome {
        case .response(let response): return "\(response.status)+\(micros)"
        case .connectionDropped(let processed): return (processed ? "lost" : "drop") + "+\(micros)"
        }
    }

    private static func run(_ spec: String, requests: [ServerRequest]) throws -> [String] {
        let injector = FaultInjector(wrapping: CountingHandler(), plan: try FaultPlan.parse(spec))
        return requests.map { signature(injector.handle($0)) }
    }

    private static let mixedTraffic: [ServerRequest] = (0..<300).map { index in
        index % 3 == 0 ? request(.post, "/3/customers") : request(.get, "/3/customers/\(index)?page=\(index)")
    }

    private static let mixedPlan =
        "* /3/*: latency=1..50ms, 5xx=0.1, burst429=0.05x3, drop=0.05; POST /3/customers: lost-response=0.2"

    @Test func sameSeedAndSequenceGiveTheSameFaults() throws {
        let first = try Self.run("seed=7; " + Self.mixedPlan, requests: Self.mixedTraffic)
        let second = try Self.run("seed=7; " + Self.mixedPlan, requests: Self.mixedTraffic)
        #expect(first == second)
        for kind in ["500+", "502+", "503+", "429+", "drop+", "lost+", "200+"] {
            #expect(first.contains { $0.hasPrefix(kind) }, "no \(kind) in 300 requests")
        }
    }

    @Test func aDifferentSeedGivesDifferentFaults() throws {
        let seven = try Self.run("seed=7; " + Self.mixedPlan, requests: Self.mixedTraffic)
        let eight = try Self.run("seed=8; " + Self.mixedPlan, requests: Self.mixedTraffic)
        #expect(seven != eight)
    }

    @Test func otherRulesDoNotShiftAFaultsSequence() throws {
        let traffic = (0..<200).map { Self.request(.post, "/a/\($0)") }
        let alone = try Self.run("seed=3; POST /a/*: 5xx=0.3", requests: traffic)
        let crowded = try Self.run(
            "seed=3; GET /b: drop=0.5; POST /a/*: latency=0ms, 5xx=0.3; * /zzz: lost-response=1", requests: traffic)
        #expect(alone.map { $0.prefix(3) } == crowded.map { $0.prefix(3) })
    }

    @Test func lostResponseCallsTheHandlerOnceAndDropsTheConnection() throws {
        let handler = CountingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("POST /3/customers: lost-response=1"))
        let result = injector.handle(Self.request(.post, "/3/customers"))
        #expect(result.outcome == .connectionDropped(requestProcessed: true))
        #expect(handler.count == 1)
    }

    @Test func dropBeforeHandlingNeverCallsTheHandler() throws {
        let handler = CountingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("POST /x: drop=1"))
        for _ in 0..<20 {
            #expect(injector.handle(Self.request(.post, "/x")).outcome == .connectionDropped(requestProcessed: false))
        }
        #expect(handler.count == 0)
        _ = injector.handle(Self.request(.get, "/x"))
        #expect(handler.count == 1)
    }

    @Test func nthRequestTriggerHitsExactlyThatMatchingRequest() throws {
        let handler = CountingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("PUT /3/invoices/*: lost-response@3"))
        var outcomes: [String] = []
        for index in 1...5 {
            _ = injector.handle(Self.request(.get, "/3/invoices/\(index)"))
            outcomes.append(Self.signature(injector.handle(Self.request(.put, "/3/invoices/\(index)/bookkeep"))))
        }
        #expect(outcomes == ["200+0", "200+0", "lost+0", "200+0", "200+0"])
        #expect(handler.count == 10)
    }

    @Test func a429BurstHasTheConfiguredLengthRetryAfterAndBody() throws {
        let handler = CountingHandler()
        let injector = FaultInjector(
            wrapping: handler, plan: try FaultPlan.parse("GET /x: burst429@2x3, retry-after=5"),
            rateLimitBody: ["message": "API calls quota exceeded! maximum admitted 10 per 1s."])
        let results = (1...6).map { _ in injector.handle(Self.request(.get, "/x")) }
        #expect(results.map(Self.signature) == ["200+0", "429+0", "429+0", "429+0", "200+0", "200+0"])
        #expect(handler.count == 3)
        guard case .response(let limited) = results[1].outcome else { throw RawClientError(description: "no response") }
        #expect(limited.headers["Retry-After"] == "5")
        #expect(
            try JSONParser.parse(limited.body)["message"] == "API calls quota exceeded! maximum admitted 10 per 1s.")
    }

    @Test func a429WithoutRetryAfterCarriesTheGenericBody() throws {
        let injector = FaultInjector(
            wrapping: CountingHandler(), plan: try FaultPlan.parse("*: burst429=1, retry-after=none"))
        guard case .response(let limited) = injector.handle(Self.request(.get, "/any")).outcome else {
            throw RawClientError(description: "no response")
        }
        #expect(limited.status == 429)
        #expect(limited.headers["Retry-After"] == nil)
        #expect(String(decoding: limited.body, as: UTF8.self) == #"{"message":"Too Many Requests"}"#)
    }

    @Test func serverErrorsReplaceTheHandlerAndUseTheGivenOrAStandardStatus() throws {
        let handler = CountingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("GET /r: 5xx=1; GET /s: 503@1"))
        let random = (0..<60).map { _ in Self.signature(injector.handle(Self.request(.get, "/r"))) }
        #expect(Set(random) == ["500+0", "502+0", "503+0"])
        #expect(Self.signature(injector.handle(Self.request(.get, "/s"))) == "503+0")
        #expect(handler.count == 0)
    }

    @Test func commit504CallsTheHandlerThenAnswersGatewayTimeout() throws {
        let handler = CountingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("POST /c: commit-504@1"))
        #expect(Self.signature(injector.handle(Self.request(.post, "/c"))) == "504+0")
        #expect(handler.count == 1)
    }

    @Test func latencyAddsToTheHandlersDelayAndStaysInRange() throws {
        let injector = FaultInjector(
            wrapping: CountingHandler(delay: .milliseconds(5)),
            plan: try FaultPlan.parse("GET /fixed: latency=20ms; GET /range: latency=2..20ms"))
        #expect(injector.handle(Self.request(.get, "/fixed")).delay == .milliseconds(25))
        let delays = (0..<200).map { _ in injector.handle(Self.request(.get, "/range")).delay }
        #expect(delays.allSatisfy { $0 >= .milliseconds(7) && $0 <= .milliseconds(25) })
        #expect(Set(delays).count > 100)
    }

    @Test func ratesAreRoughlyHonoured() throws {
        let results = try Self.run("seed=11; *: drop=0.1", requests: (0..<2000).map { Self.request(.get, "/\($0)") })
        let drops = results.filter { $0.hasPrefix("drop") }.count
        #expect((120...280).contains(drops), "\(drops) drops")
    }

    @Test func aLostResponseOverTheLoopbackServerReachesURLSessionAsAnError() async throws {
        let handler = CountingHandler()
        let injector = FaultInjector(wrapping: handler, plan: try FaultPlan.parse("POST /3/customers: lost-response@1"))
        let server = LoopbackServer(name: "faults", handler: injector)
        try server.start()
        defer { server.stop() }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: try #require(server.baseURL?.appendingPathComponent("3/customers")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"Customer":{"Name":"A"}}"#.utf8)
        await #expect(throws: URLError.self) { _ = try await session.data(for: request) }
        #expect(handler.count == 1)
        let (_, response) = try await session.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(handler.count == 2)
    }
}
