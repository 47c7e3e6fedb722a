import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

/// How the connector reaches the emulator.
enum SeveraWire: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// The emulator's in-process transport.
    case inProcess
    /// A `LoopbackServer` on 127.0.0.1 and a `URLSessionTransport`.
    case loopback

    var testDescription: String { rawValue }
}

/// A Severa emulator on a manual clock, optionally behind a fault plan, with a recording handler in
/// front, served in-process or over loopback, and a connector talking to it.
///
/// Requests pass recorder → fault injector → emulator, so the recorder sees injected faults too.
final class SeveraSandbox: Sendable {
    /// The clock shared by emulator and connector: token expiry and backoff move in virtual time.
    let clock: ManualWallClock
    let emulator: SeveraEmulator
    let recorder: SeveraRecordingHandler
    let connector: SeveraConnector
    let log: SeveraTestLog
    /// Direct access to the emulator for seeding and checks.
    let direct: SeveraEmulatorClient
    /// Country guids by ISO alpha-2 code.
    let countries: [String: String]
    private let server: LoopbackServer?
    private let transport: URLSessionTransport?

    /// Creates a sandbox.
    ///
    /// - Parameters:
    ///   - wire: In-process or loopback.
    ///   - configuration: The emulator's configuration (default: rate limit off).
    ///   - faults: A fault plan spec, e.g. `POST /rest-api/v1/customers: lost-response@1`.
    ///   - options: The connector's mapping options.
    ///   - rateLimit: The connector's budget (default: far above anything a test sends).
    ///   - retryPolicy: The connector's retries.
    ///   - clientSecret: The secret the connector uses (the emulator's unless a test wants it wrong).
    ///   - front: Wraps the emulator (after faults) with a test handler, e.g. one that answers garbage.
    ///   - other: A sandbox whose emulator and clock this one shares (its configuration is then ignored).
    /// - Throws: When the fault plan is invalid or the server cannot start.
    init(
        _ wire: SeveraWire, configuration: SeveraEmulator.Configuration = .init(rateLimit: nil),
        faults: String? = nil, options: SeveraConnector.Options = .init(),
        rateLimit: RateLimit = RateLimit(maxRequests: 10_000, window: .seconds(1), maxInFlight: 4),
        retryPolicy: RetryPolicy = .standard, clientSecret: String? = nil,
        front: (@Sendable (any SandboxRequestHandler) -> any SandboxRequestHandler)? = nil,
        sharing other: SeveraSandbox? = nil
    ) throws {
        if let other {
            clock = other.clock
            emulator = other.emulator
            direct = other.direct
            countries = other.countries
        } else {
            clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_767_225_600))
            emulator = SeveraEmulator(configuration: configuration, clock: clock)
            direct = try SeveraEmulatorClient(emulator: emulator, configuration: configuration)
            var countries: [String: String] = [:]
            for country in try #require(try direct.get("/v1/localization/countries").arrayValue) {
                if let code = country["code2"]?.stringValue, let guid = country["guid"]?.stringValue {
                    countries[code] = guid
                }
            }
            self.countries = countries
        }
        var handler: any SandboxRequestHandler = emulator
        if let front { handler = front(handler) }
        if let faults {
            handler = FaultInjector(
                wrapping: handler, plan: try FaultPlan.parse(faults),
                rateLimitBody: .string("API calls quota exceeded! maximum admitted 10 per 1s."))
        }
        recorder = SeveraRecordingHandler(wrapping: handler)
        log = SeveraTestLog()
        let baseURL: URL
        let chosen: any HTTPTransport
        switch wire {
        case .inProcess:
            server = nil
            transport = nil
            baseURL = try #require(URL(string: "https://api.severa.visma.com/rest-api"))
            chosen = recorder.inProcessTransport()
        case .loopback:
            let server = LoopbackServer(name: "severa", handler: recorder)
            try server.start()
            let url = try #require(server.baseURL)
            let transport = URLSessionTransport()
            self.server = server
            self.transport = transport
            baseURL = SeveraConnector.Configuration.sandboxBaseURL(server: url)
            chosen = transport
        }
        var connectorConfiguration = SeveraConnector.Configuration.sandbox(
            baseURL: baseURL, rateLimit: rateLimit, retryPolicy: retryPolicy, options: options)
        connectorConfiguration.clientID = configuration.clientID
        connectorConfiguration.clientSecret = clientSecret ?? configuration.clientSecret
        connector = try SeveraConnector(
            configuration: connectorConfiguration, transport: chosen, clock: clock, log: log)
    }

    /// Stops the server and the session.
    func shutdown() {
        transport?.invalidate()
        server?.stop()
    }

    /// Runs `body` with a sandbox and shuts it down afterwards, also when `body` throws.
    static func with<T>(
        _ wire: SeveraWire, configuration: SeveraEmulator.Configuration = .init(rateLimit: nil),
        faults: String? = nil, options: SeveraConnector.Options = .init(),
        rateLimit: RateLimit = RateLimit(maxRequests: 10_000, window: .seconds(1), maxInFlight: 4),
        retryPolicy: RetryPolicy = .standard, clientSecret: String? = nil,
        front: (@Sendable (any SandboxRequestHandler) -> any SandboxRequestHandler)? = nil,
        _ body: (SeveraSandbox) async throws -> T
    ) async throws -> T {
        let sandbox = try SeveraSandbox(
            wire, configuration: configuration, faults: faults, options: options, rateLimit: rateLimit,
            retryPolicy: retryPolicy, clientSecret: clientSecret, front: front)
        defer { sandbox.shutdown() }
        return try await body(sandbox)
    }

    /// The secrets that must never appear in an error or a log line: the client secret and every token.
    var secrets: [String] {
        [emulator.configuration.clientSecret] + recorder.tokens.sorted()
    }

    /// Fails the test when any of `texts` or any log line contains a secret (or one of `extra`).
    func expectNoSecrets(
        in texts: [String], also extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let everything = texts + log.messages
        for secret in secrets + extra {
            for text in everything where text.contains(secret) {
                Issue.record("a secret appears in: \(text)", sourceLocation: sourceLocation)
            }
        }
    }
}

/// Reads all pages of a change feed.
func severaPages<Record>(
    _ stream: AsyncThrowingStream<ChangePage<Record>, any Error>
) async throws -> [ChangePage<Record>] {
    var pages: [ChangePage<Record>] = []
    for try await page in stream { pages.append(page) }
    return pages
}
