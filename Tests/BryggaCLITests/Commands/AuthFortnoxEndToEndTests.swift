import BryggaCLI
import Foundation
import Sandbox
import Testing

/// `brygga auth fortnox` through the built binary against a loopback sandbox (O1).
@Suite struct AuthFortnoxEndToEndTests {
    @Test("O1: a code is exchanged and its tokens stored; the code and tokens never show; a run then works")
    func exchangesAndStoresTheCode() async throws {
        let bed = try await SyncTestbed(authorize: false)
        let code = bed.sandbox.issueFortnoxAuthorizationCode()
        let result = try await bed.brygga(["auth", "fortnox", "--code", code])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.hasPrefix("Fortnox authorised Brygga (scope "))
        #expect(!(result.output + result.errorOutput).contains(code))
        let status = try await bed.brygga(["status"])
        #expect(status.output.contains("Fortnox tokens: stored; access token expires"))
        let run = try await bed.brygga(["run"])
        #expect([0, 1].contains(run.status), "\(run.errorOutput)")
        #expect(run.output.hasPrefix("run 1: products "))
    }

    @Test("O1: a refused code exits 77 naming Fortnox, without the code")
    func refusedCodeExits77() async throws {
        let bed = try await SyncTestbed(authorize: false)
        let code = "never-issued-code-5d2e8a"
        let result = try await bed.brygga(["auth", "fortnox", "--code", code])
        #expect(result.status == 77, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("Fortnox"))
        #expect(!(result.output + result.errorOutput).contains(code))
    }

    @Test("O1: without --code it prints the consent URL with the client id, redirect URI and offline access")
    func printsTheConsentURL() async throws {
        let bed = try await SyncTestbed(authorize: false)
        let result = try await bed.brygga(["auth", "fortnox"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let servers = try #require(bed.sandbox.servers)
        #expect(result.output.contains("  \(servers.fortnoxBaseURL)/oauth-v1/auth?client_id=sandbox-fortnox-client"))
        #expect(result.output.contains("access_type=offline"))
        #expect(result.output.contains("redirect_uri=https://brygga.example.com/callback"))
        #expect(!result.output.contains(bed.sandbox.configuration.credentials.fortnoxClientSecret))
    }
}
