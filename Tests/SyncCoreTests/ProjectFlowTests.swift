import SyncCore
import Testing

@Suite("Projects (R3)") struct ProjectFlowTests {
    @Test("R3.1: projects go from Severa to Fortnox only") func projectsGoFromSeveraToFortnoxOnly() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.pm.projectEndpoint.put(Sample.project("P-1"))
        harness.accounting.projectEndpoint.put(Sample.project("F-9", "Fortnox only", customer: nil))

        let result = await harness.run()

        #expect(result.fatal == nil)
        #expect(harness.accounting.projectEndpoint.record(key: "P-1")?.name == "Website")
        #expect(harness.pm.projectEndpoint.record(key: "F-9") == nil)
        #expect(
            harness.entries(of: result, .created).filter { $0.entity == .project }.map(\.direction) == [
                .pmToAccounting
            ])
    }

    @Test("R3.1: Severa is always master even when Fortnox changed the project")
    func severaIsAlwaysMasterEvenWhenFortnoxChangedTheProject() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.pm.projectEndpoint.put(Sample.project("P-1", "Website"))
        var configuration = EngineConfiguration()
        configuration.customerMaster = .accounting
        configuration.productMaster = .accounting
        await harness.run(configuration)
        harness.accounting.projectEndpoint.edit(key: "P-1") { $0.name = "Renamed in Fortnox" }
        harness.pm.projectEndpoint.edit(key: "P-1") { $0.leader = "Bertil" }

        let result = await harness.run(configuration)

        let fortnox = try #require(harness.accounting.projectEndpoint.record(key: "P-1"))
        #expect(fortnox.name == "Website")
        #expect(fortnox.leader == "Bertil")
        #expect(harness.pm.projectEndpoint.calls.writes == 0)
        let conflict = try #require(harness.entries(of: result, .conflict).first)
        #expect(conflict.conflicts.map(\.winner) == [.projectManagement])
    }

    @Test("R3.3: project waits for its customer and succeeds once the customer is linked")
    func projectWaitsForItsCustomerAndSucceedsOnceTheCustomerIsLinked() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001", vat: "invalid"))
        harness.pm.projectEndpoint.put(Sample.project("P-1", customer: "1001"))
        harness.pm.projectEndpoint.put(Sample.project("P-2", customer: nil))

        let first = await harness.run()

        let projectFailure = try #require(harness.entries(of: first, .failed).first { $0.entity == .project })
        #expect(projectFailure.rule == "R3.3")
        #expect(projectFailure.naturalKey == "P-1")
        #expect(projectFailure.reason?.contains("customer 1001") == true)
        #expect(harness.accounting.projectEndpoint.all.map(\.number) == ["P-2"])
        #expect(try harness.store.pendingRetries(entity: .project).count == 1)

        harness.pm.customerEndpoint.edit(key: "1001") { $0.vatNumber = "SE556677889901" }
        let second = await harness.run()

        #expect(!second.hasFailures)
        #expect(harness.accounting.customerEndpoint.record(key: "1001") != nil)
        #expect(harness.accounting.projectEndpoint.all.map(\.number).sorted() == ["P-1", "P-2"])
        #expect(try harness.store.pendingRetries(entity: .project).isEmpty)
        #expect(harness.accounting.projectEndpoint.calls.creates == 2)
    }
}
