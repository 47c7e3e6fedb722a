import FortnoxSandbox
import JSONSupport
import SyncCore
import Testing

@Suite("Customer master (R2.5)")
struct CustomerMasterScenarioTests {
    @Test("R2.5: Severa is the default customer master")
    func defaultMasterIsSevera() {
        #expect(EngineConfiguration().customerMaster == .projectManagement)
    }

    @Test(
        "R2.5: new customers go both ways whatever the master", arguments: [SystemSide.projectManagement, .accounting])
    func newCustomersBothWays(master: SystemSide) async throws {
        let bed = try await ScenarioBed(configuration: EngineConfiguration(customerMaster: master))
        try bed.seedSeveraCustomer(5001, "Från Severa AB")
        try bed.seedFortnoxCustomer("5002", "Från Fortnox AB")

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try await bed.fortnoxRecord(.customers, "5001")?["Name"] == "Från Severa AB")
        #expect(try await bed.severaCustomer("5002")?.record.name == "Från Fortnox AB")
        #expect(try bed.log(of: result, .created, entity: .customer).count == 2)
    }

    @Test(
        "R2.5: the master decides a field changed on both sides, and the log keeps both values",
        arguments: [SystemSide.projectManagement, .accounting])
    func masterDecidesConflict(master: SystemSide) async throws {
        let bed = try await ScenarioBed(configuration: EngineConfiguration(customerMaster: master))
        let guid = try bed.seedSeveraCustomer(5101, "Konflikt AB")
        #expect(await bed.run().exitCode == 0)
        try bed.editSevera("customers/\(guid)", ["name": "Konflikt Severa AB"])
        try await bed.editFortnox(.customers, "5101", ["Name": "Konflikt Fortnox AB"])

        let result = await bed.run()

        let expected = master == .projectManagement ? "Konflikt Severa AB" : "Konflikt Fortnox AB"
        #expect(try await bed.fortnoxRecord(.customers, "5101")?["Name"] == .string(expected))
        #expect(try await bed.severaCustomer("5101")?.record.name == expected)
        let conflict = try #require(try bed.log(of: result, .conflict, key: "5101").first)
        let name = try #require(conflict.conflicts.first { $0.field == "name" })
        #expect(name.pmValue == "Konflikt Severa AB")
        #expect(name.accountingValue == "Konflikt Fortnox AB")
        #expect(name.winner == master)
    }

    @Test("R2.5: a change on the non-master side alone is transferred")
    func oneSidedChangeOfNonMaster() async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraCustomer(5201, "Ensidig AB")
        #expect(await bed.run().exitCode == 0)
        try await bed.editFortnox(.customers, "5201", ["Email": "ny@ensidig.se"])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try await bed.severaCustomer("5201")?.record.email == "ny@ensidig.se")
        #expect(try bed.log(of: result, .conflict).isEmpty)
    }
}
