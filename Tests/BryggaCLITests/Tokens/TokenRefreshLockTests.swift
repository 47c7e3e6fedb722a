import BryggaCLI
import Foundation
import HTTPSupport
import Sandbox
import Synchronization
import Testing

/// Two holders of one token file (a `brygga run` and a `brygga check`: two open files, two `flock`s, as
/// two processes have) against the Fortnox emulator, whose refresh tokens are single use (O1).
@Suite struct TokenRefreshLockTests {
    @Test(
        "O1: while one holder refreshes, the other waits for the lock, then uses the rotated tokens as they are",
        .timeLimit(.minutes(1)))
    func secondHolderWaitsAndAdoptsTheRotatedTokens() async throws {
        let directory = try TemporaryDirectory()
        let sandbox = SandboxEnvironment()
        let path = directory.file("state.sqlite.tokens")
        let expired = try await Self.authorize(sandbox, tokenFile: path)

        let held = HeldRefresh(inner: sandbox.fortnoxTransport())
        let first = try Self.provider(sandbox, store: TokenFileStore(path: path), transport: held)
        let secondProgressed = OneShotSignal()
        let secondTransport = CountingTransport(inner: sandbox.fortnoxTransport(), signal: secondProgressed)
        let second = try Self.provider(
            sandbox,
            store: TokenFileStore(path: path, log: SignallingLog(when: "waiting for", signal: secondProgressed)),
            transport: secondTransport)
        async let firstToken = first.accessToken()
        await held.reached.wait()  // the first holds the lock; its refresh has not reached Fortnox yet
        async let secondToken = second.accessToken()
        await secondProgressed.wait()  // waiting for the lock (or, without one, sending the old refresh token)
        held.release()

        let (a, b) = try await (firstToken, secondToken)
        let saved = try #require(try await TokenFileStore(path: path).load())
        #expect(a == saved.accessToken && b == saved.accessToken)
        #expect(saved.refreshToken != expired.refreshToken)
        #expect(held.refreshes == 1)
        #expect(secondTransport.sent == 0, "the second sent no refresh token of its own")
    }

    @Test("O1: a token file lock held past the timeout is an error naming the holder and the lock file")
    func lockHeldTooLongIsAClearError() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.sqlite.tokens")
        let other = try RunLock.acquire(path: path + ".lock", processID: 4242)
        defer { other.release() }
        let ran = Mutex(false)
        let error = await #expect(throws: TokenStoreError.self) {
            try await TokenFileStore(path: path, lockTimeout: .milliseconds(30)).exclusively {
                ran.withLock { $0 = true }
            }
        }
        #expect(
            error?.reason.contains("brygga process 4242 has held \(path).lock for over") == true,
            "\(String(describing: error))")
        #expect(!ran.withLock { $0 })
    }

    /// Authorizes against the sandbox into the token file, then makes the access token expired.
    private static func authorize(_ sandbox: SandboxEnvironment, tokenFile: String) async throws -> StoredTokens {
        let store = TokenFileStore(path: tokenFile)
        let provider = try provider(sandbox, store: store, transport: sandbox.fortnoxTransport())
        _ = try await provider.exchangeAuthorizationCode(sandbox.issueFortnoxAuthorizationCode())
        var tokens = try #require(try await store.load())
        tokens.accessTokenExpiresAt = sandbox.configuration.clock.now().addingTimeInterval(-1)
        try await store.save(tokens)
        return tokens
    }

    private static func provider(
        _ sandbox: SandboxEnvironment, store: TokenFileStore, transport: any HTTPTransport
    ) throws -> FortnoxTokenProvider {
        let credentials = sandbox.configuration.credentials
        let configuration = try FortnoxOAuthConfiguration(
            clientID: credentials.fortnoxClientID, clientSecret: credentials.fortnoxClientSecret,
            redirectURI: "https://localhost/brygga/callback",
            authorizationBaseURL: try #require(URL(string: FortnoxOAuthConfiguration.defaultAuthorizationBase)))
        return FortnoxTokenProvider(
            configuration: configuration, store: store, transport: transport, clock: sandbox.configuration.clock,
            redactor: SecretRedactor())
    }
}

/// Holds the first refresh request before it reaches Fortnox until ``release()``.
private final class HeldRefresh: HTTPTransport {
    let reached = OneShotSignal()
    private let gate = OneShotSignal()
    private let inner: any HTTPTransport
    private let count = Mutex(0)

    init(inner: any HTTPTransport) {
        self.inner = inner
    }

    var refreshes: Int { count.withLock { $0 } }

    func release() {
        gate.fire()
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        if String(decoding: request.body, as: UTF8.self).contains("grant_type=refresh_token") {
            count.withLock { $0 += 1 }
            reached.fire()
            await gate.wait()
        }
        return try await inner.send(request)
    }
}

/// Counts what passes and fires a signal at the first request.
private final class CountingTransport: HTTPTransport {
    private let count = Mutex(0)
    private let inner: any HTTPTransport
    private let signal: OneShotSignal

    init(inner: any HTTPTransport, signal: OneShotSignal) {
        self.inner = inner
        self.signal = signal
    }

    /// How many requests were sent.
    var sent: Int { count.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        count.withLock { $0 += 1 }
        signal.fire()
        return try await inner.send(request)
    }
}

/// Fires a signal when a message containing a text is logged.
private struct SignallingLog: DiagnosticLog {
    let text: String
    let signal: OneShotSignal

    init(when text: String, signal: OneShotSignal) {
        self.text = text
        self.signal = signal
    }

    func log(_ level: DiagnosticLevel, _ message: String) {
        if message.contains(text) { signal.fire() }
    }
}
