import FortnoxSandbox
import HTTPSupport
import JSONSupport
import SeveraSandbox
import SyncCore
import Testing

@Suite("Scheduled runs (O3)")
struct ScheduledRunScenarioTests {
    /// Customers, products and a project on both sides, all new.
    private static func seedMixedData(_ bed: ScenarioBed) throws {
        for number in Int64(1)...5 {
            let customer = try bed.seedSeveraCustomer(1000 + number, "Severa Kund \(number) AB")
            try bed.seedSeveraProject(1000 + number, "Projekt \(number)", customer: customer)
            try bed.seedFortnoxCustomer("\(2000 + number)", "Fortnox Kund \(number) AB")
            try bed.seedSeveraProduct(code: "\(3000 + number)", name: "Severa-vara \(number)", unit: "st", price: "10")
            try bed.seedFortnoxArticle("\(4000 + number)", "Fortnox-vara \(number)", unit: "h", price: "20.50")
        }
        try bed.seedSeveraProduct(.worktypes, code: "3100", name: "Arbete")
    }

    @Test("O3: a run right after a sync writes nothing to either system (echo suppression)")
    func echoSuppression() async throws {
        let bed = try await ScenarioBed()
        try Self.seedMixedData(bed)
        let first = await bed.run()
        #expect(first.exitCode == 0)
        #expect(first.summary.created == 26)

        let second = await bed.run()

        #expect(second.exitCode == 0)
        #expect(bed.writes.isEmpty, "\(bed.writes)")
        #expect(second.summary.created == 0 && second.summary.updated == 0)
    }

    @Test("O3: a later run reads only what changed since the last one")
    func incremental() async throws {
        let bed = try await ScenarioBed()
        try Self.seedMixedData(bed)
        #expect(await bed.run().exitCode == 0)
        // Hourly runs: further apart than the change feeds' overlap (Fortnox 5 minutes), so the second run
        // reads back only the first run's own writes and the third only what changed since the second.
        bed.clock.advance(by: 3600)
        #expect(await bed.run().exitCode == 0)
        bed.clock.advance(by: 3600)
        try await bed.editFortnox(.customers, "2003", ["Name": "Fortnox Kund 3 Omdöpt AB"])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try bed.log(of: result).map(\.naturalKey) == ["2003"])
        #expect(try await bed.severaCustomer("2003")?.record.name == "Fortnox Kund 3 Omdöpt AB")
        let detailReads = bed.fortnoxTraffic.requests.filter {
            $0.method == .get && $0.path.hasPrefix("/3/customers/")
        }
        #expect(detailReads.map(\.path) == ["/3/customers/2003"])
        // Severa's feed restarts at the newest change it has seen, so the customers the first run created
        // there are read again (and found unchanged); the ones untouched since before the first run are not.
        let severaReads = Set(bed.severaTraffic.requests.map(\.path))
        for number in ["1001", "1002", "1003", "1004", "1005"] {
            let guid = try #require(try await bed.severaCustomer(number)?.id)
            #expect(!severaReads.contains("/rest-api/v1/customers/\(guid)/addresses"))
        }
    }

    @Test("O3: an address edited in Severa, its customer untouched, reaches Fortnox in the next run")
    func addressChangeIsAChange() async throws {
        let bed = try await ScenarioBed()
        let customer = try bed.seedSeveraCustomer(1201, "Flyttar AB", addresses: [])
        let address = try bed.seedSeveraAddress(customer: customer, SeveraAddress(line: "Gamla vägen 1", billing: true))
        #expect(await bed.run().exitCode == 0)
        bed.clock.advance(by: 3600)
        try bed.editSevera("addresses/\(address)", ["addressline": "Nya vägen 2"])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try await bed.fortnoxRecord(.customers, "1201")?["Address1"] == "Nya vägen 2")
    }
}
