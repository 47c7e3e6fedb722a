import JSONSupport
import SyncCore
import Testing

@Suite("Dry run") struct DryRunTests {
    @Test func dryRunPlansEverythingAndWritesNothing() async throws {
        let harness = Harness(units: ["h"])
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.pm.productEndpoint.put(Sample.product("200", "Cement", unit: "kg"))
        harness.accounting.customerEndpoint.put(Sample.customer("2001", "Anna", vat: nil, kind: .privatePerson))
        harness.pm.customerEndpoint.put(Sample.customer("1001", city: "Malmö"))
        harness.accounting.customerEndpoint.put(Sample.customer("1001", city: "Lund"))

        let plan = await harness.run(dryRun: true)

        #expect(plan.kind == .dryRun)
        #expect(harness.remoteWrites == 0)
        #expect(harness.store.allLinks(entity: .product).isEmpty)
        #expect(harness.store.allLinks(entity: .customer).isEmpty)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .product) == nil)
        #expect(try harness.store.openIntents().isEmpty)
        #expect(try harness.store.pendingRetries(entity: .product).isEmpty)
        #expect(plan.entries.allSatisfy { $0.action == .planned })
        #expect(harness.entries(of: plan).count == plan.entries.count)
        #expect(plan.projected.created == 1)
        #expect(plan.projected.failed == 1)
        #expect(plan.projected.skipped == 1)
        #expect(plan.projected.linked == 1)
        #expect(plan.projected.updated == 1)
        #expect(plan.hasFailures)
        let create = try #require(plan.entries.first { $0.reason?.hasPrefix("would create in Fortnox") == true })
        #expect(create.naturalKey == "100")
        #expect(create.changes.contains { $0.field == "name" && $0.new == "Consulting" })
        let update = try #require(plan.entries.first { $0.reason?.hasPrefix("would update in Fortnox") == true })
        #expect(update.changes.map(\.field) == ["billingAddress"])
        #expect(plan.entries.contains { $0.reason?.hasPrefix("would fail") == true && $0.hint != nil })

        let real = await harness.run()
        #expect(real.summary.created == plan.projected.created)
        #expect(real.summary.updated == plan.projected.updated)
        #expect(real.summary.failed == plan.projected.failed)
    }

    @Test("R3.3: a dry run plans a project of a customer the same run would create, as the real run does")
    func dryRunPlansProjectsOfCustomersItWouldCreate() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.pm.projectEndpoint.put(Sample.project("500", customer: "1001"))
        harness.pm.projectEndpoint.put(Sample.project("501", customer: "1002"))

        let plan = await harness.run(dryRun: true)

        #expect(plan.projected.created == 2)
        #expect(plan.projected.failed == 1)
        let waiting = try #require(plan.entries.first { $0.reason?.hasPrefix("would fail") == true })
        #expect(waiting.naturalKey == "501")
        #expect(harness.remoteWrites == 0)
        let real = await harness.run()
        #expect(real.summary.created == plan.projected.created)
        #expect(real.summary.failed == plan.projected.failed)
    }
}
