import Sandbox
import SyncCore
import Testing

@Suite("Rate limits (O3)")
struct RateLimitScenarioTests {
    @Test("O3: with both APIs' rate limits enforced the sample data syncs like without them, no request refused")
    func rateLimitedRun() async throws {
        let bed = try await ScenarioBed(units: [], rateLimits: true)
        _ = try bed.sandbox.populate(with: SampleDataGenerator(seed: 4, size: .small))

        let result = await bed.run()

        #expect(result.fatal == nil)
        let refused = (bed.severaTraffic.requests + bed.fortnoxTraffic.requests).filter { $0.status == 429 }
        #expect(refused.isEmpty, "\(refused)")
        #expect(bed.fortnoxTraffic.requests.count > 25, "fewer requests than one Fortnox rate window")
        let clean = try await ScenarioBed(units: [])
        _ = try clean.sandbox.populate(with: SampleDataGenerator(seed: 4, size: .small))
        let expected = await clean.run()
        #expect(result.summary == expected.summary)
    }
}
