import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SyncCore
import Testing

/// How the connector reaches the emulator.
enum FortnoxWire: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// ``InProcessTransport`` calling the handler directly.
    case inProcess
    /// ``URLSessionTransport`` over a ``LoopbackServer`` on 127.0.0.1.
    case loopback

    var testDescription: String { rawValue }
}

/// A ``FortnoxConnector`` wired to a ``FortnoxEmulator`` (through a recorder and an optional fault
/// plan), in-process or over loopback, sharing one ``ManualWallClock`` with the emulator, authorized
/// through the real code exchange.
///
/// Call ``finish(errors:sourceLocation:)`` at the end of every test: it stops the server and checks
/// that no secret (client secret, authorization code, any issued access or refresh token) appears in
/// any log line or in the given error descriptions.
final class FortnoxTestbed: Sendable {
    /// A client secret long enough to be recognisable anywhere.
    static let clientSecret = "cs-7f3a9c1e5b2d4f60a8e7"
    static let clientID = "brygga-test-client"

    let wire: FortnoxWire
    let clock: ManualWallClock
    let emulator: FortnoxEmulator
    let recorder: FortnoxTrafficRecorder
    let tokenStore: InMemoryTokenStore
    let log = FortnoxCollectingLog()
    let connector: FortnoxConnector
    /// The authorization code the connector exchanged.
    let authorizationCode: String
    private let connection: FortnoxWireConnection

    /// Builds and authorizes a testbed.
    ///
    /// - Parameters:
    ///   - wire: In-process or loopback.
    ///   - emulatorRateLimit: The emulator's requests per 5 s per token; `nil` turns it off.
    ///   - faults: A fault spec applied in front of the emulator.
    ///   - rateLimit: The connector's limit (default: Fortnox's own, in virtual time).
    ///   - options: Connector options.
    ///   - projectAccounting: Whether the emulated company has project accounting on.
    ///   - collectsLog: Whether the connector logs into ``log``. Off for bulk tests: every request's
    ///     debug line is redacted, which costs more than the request itself in a debug build.
    /// - Throws: When the server cannot start or the authorization fails.
    init(
        _ wire: FortnoxWire, emulatorRateLimit: Int? = 25, faults: String? = nil, rateLimit: RateLimit = .fortnox,
        options: FortnoxConnector.Options = .init(), projectAccounting: Bool = true, collectsLog: Bool = true
    ) async throws {
        self.wire = wire
        let clock = ManualWallClock()
        self.clock = clock
        let emulator = FortnoxEmulator(
            configuration: .init(
                clientID: FortnoxTestbed.clientID, clientSecret: FortnoxTestbed.clientSecret,
                rateLimit: emulatorRateLimit, projectAccountingEnabled: projectAccounting),
            clock: clock)
        self.emulator = emulator
        let front: any SandboxRequestHandler =
            try faults.map { FaultInjector(wrapping: emulator, plan: try FaultPlan.parse($0)) } ?? emulator
        recorder = FortnoxTrafficRecorder(wrapping: front)
        let connection = try FortnoxWireConnection(wire, to: recorder, name: "fortnox-test")
        self.connection = connection
        let transport = connection.transport
        let base = connection.base
        tokenStore = InMemoryTokenStore()
        let oauth = try FortnoxOAuthConfiguration(
            clientID: FortnoxTestbed.clientID, clientSecret: FortnoxTestbed.clientSecret,
            redirectURI: "https://brygga.example/callback", authorizationBaseURL: base)
        let configuration = try FortnoxConnector.Configuration(
            apiBaseURL: base, oauth: oauth, rateLimit: rateLimit, options: options)
        connector = FortnoxConnector(
            configuration: configuration, tokenStore: tokenStore, transport: transport, clock: clock,
            log: collectsLog ? log : NoDiagnosticLog())
        authorizationCode = emulator.issueAuthorizationCode(
            scopes: Set(FortnoxConnector.requiredScopes + ["payment", "supplier"]))
        try await connector.authorize(code: authorizationCode)
    }

    /// Every secret the test must not leak.
    var secrets: [String] {
        [FortnoxTestbed.clientSecret, authorizationCode] + recorder.issuedTokens.sorted()
    }

    /// Stops the server and checks that no secret appears in the log or in `errors`.
    func finish(errors: [any Error] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        connection.close()
        let texts = log.messages + errors.map { "\($0)" }
        for secret in secrets {
            for text in texts where text.contains(secret) {
                Issue.record("a secret leaked into: \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    /// How many records the emulator holds of `resource`.
    func storedCount(_ resource: FortnoxResource) -> Int {
        emulator.exportState()["tables"]?[resource.rawValue]?["records"]?.arrayValue?.count ?? 0
    }

    /// Seeds `entity` into `resource`.
    @discardableResult
    func seed(_ resource: FortnoxResource, _ entity: JSONValue) throws -> JSONValue {
        try emulator.seed(resource, entity)
    }

    /// Sends `method target` straight to the emulator with the connector's current access token, as
    /// another Fortnox user would (not recorded), and returns the 2xx answer's JSON.
    @discardableResult
    func fortnoxUser(_ method: HTTPMethod, _ target: String, _ json: JSONValue? = nil) async throws -> JSONValue {
        let token = try #require(await tokenStore.tokens?.accessToken)
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        if json != nil { headers["Content-Type"] = "application/json" }
        let request = ServerRequest(
            method: method, target: target, headers: headers, body: json.map(JSONSerializer.data) ?? Data())
        guard case .response(let response) = emulator.handle(request).outcome else {
            throw FortnoxTestbedError(message: "the emulator dropped \(method) \(target)")
        }
        guard response.isSuccess else {
            throw FortnoxTestbedError(
                message: "\(method) \(target) → \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return (try? JSONParser.parse(response.body)) ?? .null
    }

    /// Every page of `stream`, collected.
    static func collect<Record>(_ stream: AsyncThrowingStream<ChangePage<Record>, any Error>) async throws
        -> (records: [RemoteRecord<Record>], unreadable: [UnreadableRecord], cursor: ChangeCursor?, pages: Int)
    {
        var records: [RemoteRecord<Record>] = []
        var unreadable: [UnreadableRecord] = []
        var cursor: ChangeCursor?
        var pages = 0
        for try await page in stream {
            pages += 1
            for item in page.items {
                switch item {
                case .record(let record): records.append(record)
                case .unreadable(let entry): unreadable.append(entry)
                }
            }
            if let next = page.nextCursor { cursor = next }
        }
        return (records, unreadable, cursor, pages)
    }
}

/// A set-up step of a test that failed.
struct FortnoxTestbedError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
