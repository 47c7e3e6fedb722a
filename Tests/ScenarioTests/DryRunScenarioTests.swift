import Sandbox
import SyncCore
import Testing

@Suite("Dry run")
struct DryRunScenarioTests {
    /// Also shows a fixed bug: projects of customers the same run creates were planned as failing R3.3.
    @Test("R3.3: a dry run over the sample data writes nothing and plans exactly what the real run then does")
    func dryRunPlansTheRealRun() async throws {
        let bed = try await ScenarioBed(units: [])
        _ = try bed.sandbox.populate(with: SampleDataGenerator(seed: 9, size: .demo))

        let plan = await bed.run { await $0.run(dryRun: true) }

        #expect(bed.writes.isEmpty, "\(bed.writes)")
        #expect(try EntityKind.flowOrder.allSatisfy { try bed.store.linkCount(entity: $0) == 0 })
        let real = await bed.run()
        #expect(plan.projected.created == real.summary.created)
        #expect(plan.projected.linked == real.summary.linked)
        #expect(plan.projected.updated == real.summary.updated)
        #expect(plan.projected.skipped == real.summary.skipped)
        #expect(plan.projected.failed == real.summary.failed)
        let failedKeys = Set(try bed.log(of: real, .failed).map { "\($0.entity):\($0.naturalKey ?? "")" })
        let plannedFailures = plan.entries.filter { $0.reason?.hasPrefix("would fail") == true }
        #expect(Set(plannedFailures.map { "\($0.entity):\($0.naturalKey ?? "")" }) == failedKeys)
    }
}
