import BryggaCLI
import FortnoxConnector
import FortnoxSandbox
import Foundation
import JSONSupport
import Sandbox
import SandboxKit
import SeveraSandbox
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A listening sandbox with small sample data, a temporary directory holding `brygga.json` that points
/// at it, and the secrets in the environment: what the end-to-end tests run the `brygga` binary in.
final class SyncTestbed: Sendable {
    /// The working directory of every `brygga` run (holds brygga.json and state.sqlite).
    let directory: TemporaryDirectory
    /// Both emulators on 127.0.0.1.
    let sandbox: SandboxEnvironment

    /// The flows most tests run: all of them.
    static let defaultFlows: JSONValue = ["products": true, "customers": true, "projects": true]

    /// Starts the sandbox and writes the configuration.
    ///
    /// - Parameters:
    ///   - enabled: The configuration's `enabled`.
    ///   - flows: The `flows` section.
    ///   - authorize: Whether to store Fortnox tokens first (as `brygga auth fortnox` would).
    ///   - populate: Whether to fill the sandbox with small sample data (with its deliberate defects).
    ///   - interceptor: Wraps the emulators (see `SandboxEnvironment.Configuration.interceptor`).
    ///   - extra: Top-level configuration sections added to the file (`invoices`, `projectFees` …).
    /// - Throws: When the sandbox cannot start or the configuration cannot be written.
    init(
        enabled: Bool = true, flows: JSONValue = SyncTestbed.defaultFlows, authorize: Bool = true,
        populate: Bool = true,
        interceptor: (@Sendable (String, any SandboxRequestHandler) -> any SandboxRequestHandler)? = nil,
        extra: [String: JSONValue] = [:]
    ) async throws {
        directory = try TemporaryDirectory()
        var sandboxConfiguration = SandboxEnvironment.Configuration(rateLimits: false)
        sandboxConfiguration.interceptor = interceptor
        sandbox = try SandboxEnvironment.listening(sandboxConfiguration)
        if populate { _ = try sandbox.populate(with: SampleDataGenerator(seed: 5, size: .small)) }
        var document = try configuration(enabled: enabled, flows: flows).objectValue ?? [:]
        document.merge(extra) { _, new in new }
        try directory.writeJSON(.object(document))
        if authorize { try await authorizeFortnox() }
    }

    deinit {
        sandbox.stop()
    }

    /// The configuration document for this sandbox.
    func configuration(enabled: Bool = true, flows: JSONValue = SyncTestbed.defaultFlows) throws -> JSONValue {
        let servers = try #require(sandbox.servers)
        let credentials = sandbox.configuration.credentials
        // A budget far above the default so the client does not pace the tests (the sandbox has no limit).
        let fast: JSONValue = ["requests": 1000, "perSeconds": 1]
        return [
            "version": 1, "enabled": .bool(enabled), "stateDatabase": "state.sqlite",
            "severa": [
                "baseURL": .string(servers.severaBaseURL), "clientID": .string(credentials.severaClientID),
                "rateLimit": fast,
            ],
            "fortnox": [
                "apiBaseURL": .string(servers.fortnoxBaseURL), "authBaseURL": .string(servers.fortnoxBaseURL),
                "clientID": .string(credentials.fortnoxClientID),
                "redirectURI": "https://brygga.example.com/callback", "rateLimit": fast,
            ],
            "flows": flows,
        ]
    }

    /// The client secrets as `brygga` reads them from the environment.
    var environment: [String: String] {
        let credentials = sandbox.configuration.credentials
        return [
            ClientSecrets.severaVariable: credentials.severaClientSecret,
            ClientSecrets.fortnoxVariable: credentials.fortnoxClientSecret,
        ]
    }

    /// Runs `brygga arguments` in the directory with the secrets in the environment.
    func brygga(
        _ arguments: [String], environment extra: [String: String] = [:], started: @Sendable (Int32) -> Void = { _ in }
    ) async throws -> BryggaProcessResult {
        try await BryggaProcess.run(
            arguments, in: directory.path, environment: environment.merging(extra) { $1 }, started: started)
    }

    /// Runs `brygga ARGUMENTS` and kills it with SIGKILL the moment `held` holds its request (the
    /// emulator has or has not acted on it, as `held` says; Brygga has not read the answer), then lets
    /// the held request go.
    ///
    /// - Returns: The killed process's result; its status is `128 + SIGKILL`.
    func bryggaKilled(at held: HeldRequest, _ arguments: [String] = ["run"]) async throws -> BryggaProcessResult {
        let childID = Mutex<Int32>(0)
        async let killedRun = brygga(arguments, started: { id in childID.withLock { $0 = id } })
        await held.reached()
        kill(childID.withLock { $0 }, SIGKILL)
        let killed = try await killedRun
        held.release()
        return killed
    }

    /// Stores Fortnox tokens in the state database through the runtime, over loopback HTTP.
    func authorizeFortnox() async throws {
        let runtime = try runtime()
        defer { runtime.shutdown() }
        try await runtime.fortnox.authorize(code: sandbox.issueFortnoxAuthorizationCode())
    }

    /// A runtime over this configuration, for a test to read or edit records as a user would; call
    /// `shutdown()` when done.
    func runtime() throws -> BryggaRuntime {
        let configuration = try ConfigurationLoader.load(path: directory.file("brygga.json"))
        let secrets = try ClientSecrets.load(secretsFile: configuration.secretsFilePath, environment: environment)
        return try BryggaRuntime.live(configuration: configuration, secrets: secrets)
    }

    /// The records both emulators hold (tokens left out: every run logs in to Severa again).
    func records() -> JSONValue {
        [
            "fortnox": sandbox.fortnox.exportState()["tables"] ?? .null,
            "severa": sandbox.severa.exportState()["organisation"] ?? .null,
        ]
    }
}
