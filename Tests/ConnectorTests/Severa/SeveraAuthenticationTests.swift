import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

@Suite struct SeveraAuthenticationTests {
    /// Looks up customer 1001 from `count` tasks at once.
    static func concurrentFinds(_ sandbox: SeveraSandbox, count: Int = 8) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask { _ = try await sandbox.connector.customers.find(naturalKey: "1001") }
            }
            try await group.waitForAll()
        }
    }

    @Test(
        "Tokens: one login for concurrent callers, one refresh before expiry, a new login after the refresh token expired",
        arguments: SeveraWire.allCases)
    func concurrentCallersShareOneTokenRequest(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            try sandbox.seedCustomer(number: 1001, name: "Acme AB")
            try await Self.concurrentFinds(sandbox)
            #expect(sandbox.recorder.count(.post, "/v1/token") == 1)
            #expect(sandbox.recorder.count(.post, "/v1/refreshtoken") == 0)

            sandbox.clock.advance(by: 3600 - 120)  // inside the 300 s refresh margin
            try await Self.concurrentFinds(sandbox)
            #expect(sandbox.recorder.count(.post, "/v1/token") == 1)
            #expect(sandbox.recorder.count(.post, "/v1/refreshtoken") == 1)

            sandbox.clock.advance(by: 2 * 86_400)  // access and refresh token long expired
            try await Self.concurrentFinds(sandbox)
            #expect(sandbox.recorder.count(.post, "/v1/token") == 2)
            #expect(sandbox.recorder.count(.post, "/v1/refreshtoken") == 1)
            #expect(
                sandbox.recorder.exchanges.allSatisfy { $0.status != 401 }, "no call went out with an expired token")
            sandbox.expectNoSecrets(in: [])
        }
    }

    @Test func anAccessTokenSeveraRejectsIsReplacedAndTheCallRepeatedOnce() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            try sandbox.seedCustomer(number: 1001, name: "Acme AB")
            _ = try await sandbox.connector.customers.find(naturalKey: "1001")
            // Severa forgets every token (as after a revocation): the client's live-looking token is refused.
            let forgetful = SeveraEmulator(configuration: sandbox.emulator.configuration, clock: sandbox.clock)
            guard case .object(var state) = sandbox.emulator.exportState() else { return }
            state["tokens"] = forgetful.exportState()["tokens"]
            try sandbox.emulator.importState(.object(state))
            let found = try await sandbox.connector.customers.find(naturalKey: "1001")
            #expect(found?.record.name == "Acme AB")
            let refused = sandbox.recorder.exchanges.filter { $0.status == 401 }.map(\.path)
            #expect(refused == ["/rest-api/v1/customers", "/rest-api/v1/refreshtoken"])
            #expect(sandbox.recorder.count(.post, "/v1/token") == 2, "the refresh token was forgotten too: a new login")
        }
    }

    @Test func wrongClientSecretIsUnauthorizedWithAHintAndNoSecret() async throws {
        let wrong = "not-the-secret-but-long-enough"
        try await SeveraSandbox.with(.inProcess, clientSecret: wrong) { sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.customers.find(naturalKey: "1001")
            }
            #expect(error?.kind == .unauthorized)
            #expect(error?.description.hasPrefix("Severa GET /v1/customers:") == true)
            #expect(error?.message.contains("client id, client secret and scopes") == true)
            #expect(error?.description.contains(wrong) == false)
            sandbox.expectNoSecrets(in: [error?.description ?? ""], also: [wrong])
        }
    }

    @Test func aMissingScopeIsForbiddenNamingTheScope() async throws {
        let scopes = SeveraEmulator.allScopes.subtracting(["customers:write"])
        try await SeveraSandbox.with(.inProcess, configuration: .init(grantedScopes: scopes, rateLimit: nil)) {
            sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.customers.create(Customer(number: "1001", name: "Acme AB"))
            }
            #expect(error?.kind == .forbidden)
            #expect(error?.remoteCode == "InsufficientApiScope")
            #expect(error?.message.contains("customers:write") == true)
            #expect(error?.description.hasPrefix("Severa POST /v1/customers:") == true)
        }
    }
}
