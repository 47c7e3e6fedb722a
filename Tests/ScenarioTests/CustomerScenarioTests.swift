import FortnoxSandbox
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Customers (R2)")
struct CustomerScenarioTests {
    @Test("R2.1: customers with the same number are linked, not created twice")
    func matchedByNumber() async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraCustomer(1001, "Alfa AB")
        try bed.seedFortnoxCustomer("1001", "Alfa AB")

        let result = await bed.run()

        #expect(result.fatal == nil)
        let linked = try bed.log(of: result, .linked, entity: .customer, key: "1001")
        #expect(linked.count == 1)
        #expect(linked.first?.rule == "R2.1")
        #expect(bed.fortnoxCount(.customers) == 1)
        #expect(bed.severaCount("customers") == 1)
        #expect(bed.writes.filter { $0.path.contains("customers") && $0.method == .post }.isEmpty)
    }
}
