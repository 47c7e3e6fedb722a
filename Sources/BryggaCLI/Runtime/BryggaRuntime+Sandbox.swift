import FortnoxConnector
import Foundation
public import HTTPSupport
public import Sandbox
import SyncCore

extension BryggaRuntime {
    /// A runtime wired to `sandbox` in-process: the same connectors, store and engine as
    /// ``live(configuration:secrets:clock:log:)``, with the sandbox's in-process transports instead of
    /// the network and the sandbox's credentials as client ids and secrets.
    ///
    /// The configuration's base URLs are used as they are; the emulators ignore the host, so the
    /// production URLs of ``sandboxConfiguration(stateDatabasePath:credentials:)`` do (nothing leaves
    /// the process).
    ///
    /// - Parameters:
    ///   - sandbox: The sandbox environment (in-process or listening).
    ///   - configuration: State database, flows, masters and mappings to use.
    ///   - clock: The time source; share the sandbox's clock.
    ///   - log: Where the connectors' diagnostics go.
    /// - Returns: The runtime; call ``shutdown()`` when done.
    /// - Throws: What ``init(configuration:severaSecret:fortnoxSecret:transports:clock:log:console:runLock:)`` throws.
    public static func sandboxed(
        _ sandbox: SandboxEnvironment, configuration: BryggaConfiguration, clock: (any WallClock)? = nil,
        log: any DiagnosticLog = NoDiagnosticLog()
    ) throws -> BryggaRuntime {
        let credentials = sandbox.configuration.credentials
        var configuration = configuration
        configuration.severa.clientID = credentials.severaClientID
        configuration.fortnox.clientID = credentials.fortnoxClientID
        return try BryggaRuntime(
            configuration: configuration, severaSecret: ClientSecret(credentials.severaClientSecret),
            fortnoxSecret: ClientSecret(credentials.fortnoxClientSecret),
            transports: Transports(severa: sandbox.severaTransport(), fortnox: sandbox.fortnoxTransport()),
            clock: clock ?? sandbox.configuration.clock, log: log)
    }

    /// Simulates `brygga auth fortnox` against `sandbox` when no Fortnox tokens are stored yet: the
    /// sandbox issues an authorization code and the connector exchanges and stores it.
    ///
    /// - Returns: Whether an authorization was made (`false` when tokens were stored already).
    /// - Throws: `TokenStoreError` or `ConnectorError` when the tokens cannot be read, obtained or stored.
    @discardableResult
    public func authorizeFortnoxIfNeeded(in sandbox: SandboxEnvironment) async throws -> Bool {
        guard try tokenStore.loadNow() == nil else { return false }
        try await fortnox.authorize(code: sandbox.issueFortnoxAuthorizationCode())
        return true
    }

    /// A configuration for a sandbox run: enabled, every flow, Severa master, the shipped mappings,
    /// the sandbox's client ids and the production base URLs (which the in-process sandbox ignores).
    ///
    /// - Parameters:
    ///   - stateDatabasePath: The state database (absolute); its directory must exist.
    ///   - credentials: The sandbox's credentials.
    /// - Returns: The configuration.
    public static func sandboxConfiguration(
        stateDatabasePath: String, credentials: SandboxCredentials = SandboxCredentials()
    ) -> BryggaConfiguration {
        let flows = FlowSettings()
        let directory = POSIX.directory(of: stateDatabasePath)
        return BryggaConfiguration(
            file: directory + "/" + BryggaConfiguration.defaultFileName, isEnabled: true,
            stateDatabasePath: stateDatabasePath, secretsFilePath: directory + "/" + ConfigurationDefaults.secretsFile,
            severa: SeveraSettings(
                baseURL: Self.url(ConfigurationDefaults.severaBaseURL), clientID: credentials.severaClientID,
                scopes: ScopeDerivation.severaScopes(for: flows), scopesAreDerived: true,
                rateLimit: ConfigurationDefaults.severaRateLimit),
            fortnox: FortnoxSettings(
                apiBaseURL: Self.url(ConfigurationDefaults.fortnoxAPIBaseURL),
                authBaseURL: Self.url(ConfigurationDefaults.fortnoxAuthBaseURL),
                clientID: credentials.fortnoxClientID, redirectURI: Self.url("https://localhost/brygga/callback"),
                scopes: ScopeDerivation.fortnoxScopes(for: flows), scopesAreDerived: true,
                rateLimit: ConfigurationDefaults.fortnoxRateLimit,
                timeZone: TimeZone(identifier: ConfigurationDefaults.fortnoxTimeZone) ?? .gmt),
            flows: flows, masters: MasterSettings(), mappingsOverridePath: nil, mappings: .defaults)
    }

    /// A URL from a literal known to be valid.
    private static func url(_ text: String) -> URL {
        guard let url = URL(string: text) else { preconditionFailure("invalid built-in URL \(text)") }
        return url
    }
}
