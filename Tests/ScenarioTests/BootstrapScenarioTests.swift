import FortnoxSandbox
import HTTPSupport
import JSONSupport
import Sandbox
import SyncCore
import Testing

@Suite("Customer bootstrap (R2.6)")
struct BootstrapScenarioTests {
    @Test("R2.6 (a): a bootstrap from Severa transfers every customer; a re-run creates no duplicate")
    func fromSevera() async throws {
        let bed = try await ScenarioBed()
        for number in Int64(1)...3 { try bed.seedSeveraCustomer(100 + number, "Severa \(number) AB") }
        try bed.seedFortnoxCustomer("101", "Gammalt namn AB")

        let first = await bed.run { await $0.bootstrapCustomers(from: .projectManagement) }

        #expect(first.exitCode == 0)
        #expect(bed.fortnoxCount(.customers) == 3)
        #expect(try await bed.fortnoxRecord(.customers, "101")?["Name"] == "Severa 1 AB")
        #expect(try bed.log(of: first, .created).count == 2)
        let again = await bed.run { await $0.bootstrapCustomers(from: .projectManagement) }
        #expect(again.exitCode == 0)
        #expect(bed.fortnoxCount(.customers) == 3)
        #expect(bed.writes.isEmpty)
        #expect(await bed.run().summary.created == 0)
    }

    @Test("R2.6 (b): a bootstrap from Fortnox transfers the companies only; a re-run creates no duplicate")
    func fromFortnox() async throws {
        let bed = try await ScenarioBed()
        try bed.seedFortnoxCustomer("201", "Bolag Ett AB")
        try bed.seedFortnoxCustomer("202", "Bolag Två AB")
        try bed.seedFortnoxCustomer("203", "Per Privat", vat: nil, isPrivate: true)
        try bed.seedSeveraCustomer(201, "Gammalt Namn AB")

        let first = await bed.run { await $0.bootstrapCustomers(from: .accounting) }

        #expect(first.exitCode == 0)
        #expect(bed.severaCount("customers") == 2)
        #expect(try await bed.severaCustomer("201")?.record.name == "Bolag Ett AB")
        #expect(try await bed.fortnoxRecord(.customers, "201")?["Name"] == "Bolag Ett AB")
        #expect(try bed.log(of: first, .skipped, key: "203").first?.rule == "R2.3")
        let again = await bed.run { await $0.bootstrapCustomers(from: .accounting) }
        #expect(again.exitCode == 0)
        #expect(bed.severaCount("customers") == 2)
        #expect(!bed.writes.contains { $0.method == .post })
        #expect(await bed.run().summary.created == 0)
        #expect(bed.severaCount("customers") == 2)
    }

    @Test("R2.6 (c): with nothing to transfer a bootstrap writes nothing, also when run again")
    func nothingToTransfer() async throws {
        let bed = try await ScenarioBed()
        try bed.seedFortnoxCustomer("301", "Privat Person", vat: nil, isPrivate: true)

        for _ in 1...2 {
            let result = await bed.run { await $0.bootstrapCustomers(from: .accounting) }
            #expect(result.exitCode == 0)
            #expect(result.summary.created == 0)
            #expect(bed.writes.isEmpty)
        }
        let fromSevera = await bed.run { await $0.bootstrapCustomers(from: .projectManagement) }
        #expect(fromSevera.exitCode == 0)
        #expect(bed.writes.isEmpty)
        #expect(bed.severaCount("customers") == 0)
        #expect(bed.fortnoxCount(.customers) == 1)
    }

    @Test(
        "R2.6: a bootstrap of the whole sample data, run twice, writes nothing the second time",
        arguments: [SystemSide.projectManagement, .accounting])
    func sampleDataTwice(from side: SystemSide) async throws {
        let bed = try await ScenarioBed(units: [])
        _ = try bed.sandbox.populate(with: SampleDataGenerator(seed: 9, size: .demo))
        let first = await bed.run { await $0.bootstrapCustomers(from: side) }
        #expect(first.fatal == nil)
        #expect(first.summary.created > 0)

        let second = await bed.run { await $0.bootstrapCustomers(from: side) }

        #expect(second.fatal == nil)
        #expect(bed.writes.isEmpty, "\(bed.writes)")
        #expect(second.summary.created == 0 && second.summary.updated == 0)
        let run = await bed.run()
        let customerChanges = try bed.log(of: run, entity: .customer).filter {
            $0.action == .updated || $0.action == .conflict
        }
        #expect(customerChanges.isEmpty, "\(customerChanges)")
    }
}
