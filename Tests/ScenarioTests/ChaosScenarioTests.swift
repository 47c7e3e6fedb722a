import FortnoxConnector
import FortnoxSandbox
import Sandbox
import SeveraConnector
import SyncCore
import Testing

@Suite("Lost answers everywhere (O3)")
struct ChaosScenarioTests {
    @Test(
        "O3: with a fifth of all write answers lost, some requests dropped or failing, runs converge without a duplicate",
        arguments: [1, 2, 3] as [UInt64])
    func lostAnswersConverge(seed: UInt64) async throws {
        let bed = try await ScenarioBed(
            faults: """
                seed=\(seed); POST /3/*: lost-response=0.2, drop=0.05; PUT /3/*: lost-response=0.2;
                POST /rest-api/*: lost-response=0.2, commit-504=0.05; PATCH /rest-api/*: lost-response=0.2;
                GET *: 5xx=0.05
                """, units: [])
        _ = try bed.sandbox.populate(with: SampleDataGenerator(seed: seed, size: .small))

        var results: [RunResult] = []
        for _ in 1...4 { results.append(await bed.run()) }

        #expect(results.allSatisfy { $0.fatal == nil }, "\(results.compactMap(\.fatal))")
        let severaCustomers = try await bed.allKeys(bed.severa.customers)
        let fortnoxCustomers = try await bed.allKeys(bed.fortnox.customers)
        #expect(bed.severaCount("customers") == severaCustomers.count)
        #expect(bed.fortnoxCount(.customers) == fortnoxCustomers.count)
        let last = try #require(results.last)
        let decided = try bed.log(of: last).filter { $0.action != .skipped }
        #expect(bed.writes.isEmpty, "\(bed.writes) \(decided)")
        #expect(try bed.store.openIntents().isEmpty)
        let products = ["products", "workTypes", "travelExpenseTypes"].reduce(0) { $0 + bed.severaCount($1) }
        let productKeys = try await bed.allKeys(bed.severa.products)
        #expect(products == productKeys.count)
        let clean = try await ScenarioBed(units: [])
        _ = try clean.sandbox.populate(with: SampleDataGenerator(seed: seed, size: .small))
        await clean.run()
        for entity in EntityKind.flowOrder {
            #expect(try bed.store.linkCount(entity: entity) == clean.store.linkCount(entity: entity), "\(entity)")
        }
    }
}
