import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraRateLimitTests {
    @Test func theEleventhRequestWithinOneSecondIs429WithSeverasQuotaText() throws {
        let harness = try SeveraTestHarness(configuration: .init())
        for _ in 0..<10 { #expect(harness.call(.get, "customers").status == 200) }
        let refused = harness.call(.get, "customers")
        #expect(refused.status == 429)
        #expect(
            String(decoding: refused.body, as: UTF8.self) == "API calls quota exceeded! maximum admitted 10 per 1s.")
        #expect(refused.headers["Retry-After"] == nil)
        #expect(refused.headers.fields.allSatisfy { !$0.name.lowercased().contains("ratelimit") })
    }

    @Test func requestsAreAdmittedAgainOnceTheWindowHasPassed() throws {
        let harness = try SeveraTestHarness(configuration: .init())
        for _ in 0..<10 { _ = harness.call(.get, "customers") }
        #expect(harness.call(.get, "customers").status == 429)
        harness.clock.advance(by: 0.5)
        #expect(harness.call(.get, "customers").status == 429)
        harness.clock.advance(by: 0.6)
        for _ in 0..<10 { #expect(harness.call(.get, "customers").status == 200) }
        #expect(harness.call(.get, "customers").status == 429)
    }

    @Test func theLimitCountsPerAccessToken() throws {
        let harness = try SeveraTestHarness(configuration: .init())
        for _ in 0..<10 { _ = harness.call(.get, "customers") }
        #expect(harness.call(.get, "customers").status == 429)
        let login = SeveraTestHarness.send(
            harness.emulator, .post, "/rest-api/v1/token",
            body: ["client_id": "sandbox-severa-client", "client_secret": "sandbox-severa-secret"])
        let other = try #require(try SeveraTestHarness.json(login)["access_token"]?.stringValue)
        #expect(harness.call(.get, "customers", token: other).status == 200)
    }

    @Test func theLimitCanBeConfiguredOrTurnedOff() throws {
        let custom = try SeveraTestHarness(configuration: .init(rateLimit: 3, rateWindow: 2))
        for _ in 0..<3 { _ = custom.call(.get, "customers") }
        let refused = custom.call(.get, "customers")
        #expect(String(decoding: refused.body, as: UTF8.self) == "API calls quota exceeded! maximum admitted 3 per 2s.")
        let off = try SeveraTestHarness()
        for _ in 0..<50 { #expect(off.call(.get, "customers").status == 200) }
    }
}
