import FortnoxSandbox
import JSONSupport
import SyncCore
import Testing

@Suite("Projects (R3)")
struct ProjectScenarioTests {
    @Test("R3.1: Severa is always master for projects, whatever the other masters say")
    func severaAlwaysMaster() async throws {
        let bed = try await ScenarioBed(
            configuration: EngineConfiguration(productMaster: .accounting, customerMaster: .accounting))
        let customer = try bed.seedSeveraCustomer(3100, "Projektkund AB")
        let project = try bed.seedSeveraProject(3100, "Ombyggnad", customer: customer)
        try bed.seedFortnox(.projects, ["ProjectNumber": "3199", "Description": "Bara i Fortnox"])
        #expect(await bed.run().exitCode == 0)
        try bed.editSevera("projects/\(project)", ["name": "Ombyggnad etapp 2"])
        try await bed.editFortnox(.projects, "3100", ["Description": "Ändrat i Fortnox"])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try await bed.fortnoxRecord(.projects, "3100")?["Description"] == "Ombyggnad etapp 2")
        #expect(bed.severaCount("projects") == 1)
    }

    @Test("R3.2: projects are transferred when project accounting is off in Fortnox")
    func withoutProjectAccounting() async throws {
        let bed = try await ScenarioBed(projectAccounting: false)
        let customer = try bed.seedSeveraCustomer(3200, "Utan Projektredovisning AB")
        try bed.seedSeveraProject(3200, "Projekt utan redovisning", customer: customer)

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try await bed.fortnoxRecord(.projects, "3200")?["Description"] == "Projekt utan redovisning")
    }

    @Test("R3.3: a project of a new customer is transferred after the customer, in the same run")
    func customerFirst() async throws {
        let bed = try await ScenarioBed()
        let customer = try bed.seedSeveraCustomer(3300, "Ny Kund AB")
        try bed.seedSeveraProject(3300, "Nytt projekt", customer: customer)
        let invalid = try bed.seedSeveraCustomer(3301, "Utan Moms AB", vat: nil)
        try bed.seedSeveraProject(3301, "Väntande projekt", customer: invalid)

        let result = await bed.run()

        let customerCreated = try #require(try bed.log(of: result, .created, entity: .customer, key: "3300").first)
        let projectCreated = try #require(try bed.log(of: result, .created, entity: .project, key: "3300").first)
        #expect(customerCreated.sequence < projectCreated.sequence)
        #expect(try await bed.fortnoxRecord(.projects, "3300") != nil)
        let waiting = try #require(try bed.log(of: result, .failed, entity: .project, key: "3301").first)
        #expect(waiting.rule == "R3.3")
        #expect(waiting.reason?.contains("customer 3301") == true)
        #expect(try await bed.fortnoxRecord(.projects, "3301") == nil)
    }
}
