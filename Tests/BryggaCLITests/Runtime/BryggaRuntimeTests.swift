import BryggaCLI
import Foundation
import HTTPSupport
import Sandbox
import SeveraConnector
import SyncCore
import SyncStore
import Testing

/// The runtime wired to an in-process sandbox: the same engine, connectors and store a real run uses.
@Suite struct BryggaRuntimeTests {
    /// A sandbox with small sample data and a runtime over it, Fortnox authorised.
    static func sandboxedRuntime(
        in directory: TemporaryDirectory, flows: FlowSettings = FlowSettings()
    ) async throws -> (SandboxEnvironment, BryggaRuntime) {
        let sandbox = SandboxEnvironment(configuration: .init(rateLimits: false))
        _ = try sandbox.populate(with: SampleDataGenerator(seed: 3, size: .small))
        var configuration = BryggaRuntime.sandboxConfiguration(stateDatabasePath: directory.file("state.sqlite"))
        configuration.flows = flows
        // The client-side budget would pace a test for tens of seconds; the sandbox has no limit here.
        configuration.severa.rateLimit = RateLimitSetting(requests: 1000, perSeconds: 1)
        configuration.fortnox.rateLimit = RateLimitSetting(requests: 1000, perSeconds: 1)
        let runtime = try BryggaRuntime.sandboxed(sandbox, configuration: configuration)
        try await runtime.authorizeFortnoxIfNeeded(in: sandbox)
        return (sandbox, runtime)
    }

    @Test("O3: a second run over unchanged data writes nothing (echo suppression)")
    func aSecondRunOverUnchangedDataWritesNothing() async throws {
        let directory = try TemporaryDirectory()
        let (_, runtime) = try await Self.sandboxedRuntime(
            in: directory, flows: FlowSettings(products: false, customers: true, projects: true))
        defer { runtime.shutdown() }
        let first = await runtime.engine.run()
        #expect(first.fatal == nil, "\(first.fatal?.message ?? "")")
        #expect(first.summary.created > 0)
        #expect(first.summary.linked > 0)
        let second = await runtime.engine.run()
        #expect(second.fatal == nil, "\(second.fatal?.message ?? "")")
        #expect(second.summary.created == 0)
        #expect(second.summary.updated == 0)
        #expect(second.summary.linked == 0)
    }

    @Test("R1.1: a retried name-only match is not created on the second run")
    func retriedNameOnlyMatchIsNotCreated() async throws {
        let directory = try TemporaryDirectory()
        let (_, runtime) = try await Self.sandboxedRuntime(in: directory)
        defer { runtime.shutdown() }
        #expect(await runtime.engine.run().fatal == nil)
        let second = await runtime.engine.run()
        let created = second.entries.filter { $0.action == .created }.compactMap(\.naturalKey)
        #expect(created.isEmpty, "created on the second run: \(created)")
    }

    @Test("O1: tokens are persisted in the owner-only token file and read back")
    func tokensArePersistedInTheTokenFile() async throws {
        let directory = try TemporaryDirectory()
        let tokenStore = TokenFileStore(path: directory.file("state.sqlite.tokens"))
        #expect(try await tokenStore.load() == nil)
        let tokens = StoredTokens(
            accessToken: "access-token-123456", accessTokenExpiresAt: Date(timeIntervalSince1970: 1_800_000_000.25),
            refreshToken: "refresh-token-654321", refreshTokenExpiresAt: nil, scope: "customer article")
        try await tokenStore.save(tokens)
        let reopened = TokenFileStore(path: directory.file("state.sqlite.tokens"))
        #expect(try await reopened.load() == tokens)
        #expect(try directory.permissions(of: "state.sqlite.tokens") == 0o600)
    }

    @Test("O1: the sandbox authorisation is made once and its tokens reused")
    func sandboxAuthorisationIsMadeOnce() async throws {
        let directory = try TemporaryDirectory()
        let (sandbox, runtime) = try await Self.sandboxedRuntime(in: directory)
        defer { runtime.shutdown() }
        #expect(try runtime.tokenStore.loadNow() != nil)
        #expect(try await !runtime.authorizeFortnoxIfNeeded(in: sandbox))
    }

    @Test func severaOptionsFollowTheMappings() {
        let options = SeveraConnector.Options(mappings: .defaults)
        for (code, unit) in MappingSet.defaults.units.entries {
            let first = options.unitAliases.first { $0.code == code }
            #expect(first?.severa == unit.severaName, "a unit is written to Severa by its Severa name")
        }
        #expect(options.addressRoleFlags == SeveraConnector.Options.defaultAddressRoleFlags)
        let rule = MappingSet.defaults.productKinds.newFortnoxArticle
        #expect(options.newProductType.rawValue == rule.severaProductType.rawValue)
    }
}
