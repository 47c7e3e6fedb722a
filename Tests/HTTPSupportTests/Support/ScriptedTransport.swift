import Foundation
import HTTPSupport
import Synchronization

/// A fake transport: answers each request from a script (or a handler) and records what was sent,
/// and when on the test's clock.
final class ScriptedTransport: HTTPTransport {
    typealias Outcome = Result<HTTPResponse, TransportError>

    private struct State {
        var script: [Outcome]
        var sent: [(request: HTTPRequest, at: Date)] = []
    }

    private let state: Mutex<State>
    private let clock: any WallClock
    private let handler: (@Sendable (HTTPRequest) -> Outcome)?

    /// Answers the requests with `script` in order; a request past its end gets a 599.
    init(_ script: [Outcome], clock: any WallClock = ManualWallClock()) {
        self.state = Mutex(State(script: script))
        self.clock = clock
        self.handler = nil
    }

    /// Answers every request with `handler`.
    init(clock: any WallClock = ManualWallClock(), handler: @escaping @Sendable (HTTPRequest) -> Outcome) {
        self.state = Mutex(State(script: []))
        self.clock = clock
        self.handler = handler
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let now = clock.now()
        let outcome: Outcome = state.withLock { state in
            state.sent.append((request: request, at: now))
            if handler != nil { return .success(HTTPResponse(status: 0)) }
            if state.script.isEmpty { return .success(HTTPResponse(status: 599, body: Data("script ended".utf8))) }
            return state.script.removeFirst()
        }
        return try (handler?(request) ?? outcome).get()
    }

    /// Every request sent so far.
    var requests: [HTTPRequest] { state.withLock { $0.sent.map(\.request) } }

    /// When each request was sent, on the clock given at creation.
    var sendTimes: [Date] { state.withLock { $0.sent.map(\.at) } }
}

extension Result where Success == HTTPResponse, Failure == TransportError {
    static func status(_ status: Int, headers: HTTPHeaders = [:], body: String = "") -> Self {
        .success(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
    }

    static var ok: Self { .status(200, body: "{\"ok\":true}") }

    /// A response lost after the server got the request.
    static var lostResponse: Self {
        .failure(TransportError(kind: .connectionLost, requestMayHaveBeenProcessed: true, detail: "connection reset"))
    }

    /// No response within the timeout.
    static var timedOut: Self {
        .failure(TransportError(kind: .timedOut, requestMayHaveBeenProcessed: true, detail: "no response in 30 s"))
    }

    /// Garbage instead of an HTTP response.
    static var garbled: Self {
        .failure(TransportError(kind: .invalidResponse, requestMayHaveBeenProcessed: true, detail: "bad status line"))
    }

    /// A connection that never opened.
    static var neverConnected: Self {
        .failure(TransportError(kind: .cannotConnect, requestMayHaveBeenProcessed: false, detail: "refused by peer"))
    }
}
