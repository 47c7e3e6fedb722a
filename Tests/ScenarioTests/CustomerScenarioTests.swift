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
        #expect(!bed.writes.contains { $0.method == .post && $0.path.hasSuffix("/customers") })
    }

    @Test("R2.2: a customer without a valid VAT number or without an address fails with a reason naming it")
    func invalidCustomersFail() async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraCustomer(2001, "Ogiltig Moms AB", vat: "SE55667788")
        try bed.seedSeveraCustomer(2002, "Adresslös AB", addresses: [])
        try bed.seedSeveraCustomer(2003, "Giltig AB")

        let result = await bed.run()

        #expect(result.exitCode == RunResult.partialFailureExitCode)
        let vat = try #require(try bed.log(of: result, .failed, key: "2001").first)
        #expect(vat.rule == "R2.2")
        #expect(vat.reason?.contains("2001 \"Ogiltig Moms AB\"") == true)
        let address = try #require(try bed.log(of: result, .failed, key: "2002").first)
        #expect(address.rule == "R2.2")
        #expect(address.reason?.contains("2002 \"Adresslös AB\" has no address") == true)
        #expect(try await bed.fortnoxRecord(.customers, "2001") == nil)
        #expect(try await bed.fortnoxRecord(.customers, "2002") == nil)
        #expect(try await bed.fortnoxRecord(.customers, "2003")?["Name"] == "Giltig AB")
    }

    @Test("R2.3: private Fortnox customers are skipped, not failed")
    func privateCustomersSkipped() async throws {
        let bed = try await ScenarioBed()
        try bed.seedFortnoxCustomer("3001", "Anna Privat", vat: nil, isPrivate: true)
        try bed.seedFortnoxCustomer("3002", "Företag AB")

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(result.summary.failed == 0)
        let skipped = try #require(try bed.log(of: result, .skipped, key: "3001").first)
        #expect(skipped.rule == "R2.3")
        #expect(skipped.reason?.contains("private person") == true)
        #expect(try await bed.severaCustomer("3001") == nil)
        #expect(try await bed.severaCustomer("3002")?.record.name == "Företag AB")
    }

    @Test("R2.4: Severa billing, postal and visiting addresses fill the invoice, delivery and visiting fields")
    func addressRolesToFortnox() async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraCustomer(
            4001, "Adress AB",
            addresses: [
                SeveraAddress(line: "Fakturavägen 1", billing: true),
                SeveraAddress(line: "Fakturavägen 2", postalCode: "222 22", city: "Lund", billing: true),
                SeveraAddress(line: "Box 100", postalCode: "333 33", city: "Malmö", postal: true),
                SeveraAddress(line: "Besöksgatan 3", postalCode: "444 44", city: "Uppsala", visit: true),
            ])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        let customer = try #require(try await bed.fortnoxRecord(.customers, "4001"))
        #expect(customer["Address1"] == "Fakturavägen 1")
        #expect(customer["City"] == "Stockholm")
        #expect(customer["DeliveryAddress1"] == "Box 100")
        #expect(customer["DeliveryCity"] == "Malmö")
        #expect(customer["VisitingAddress"] == "Besöksgatan 3")
        #expect(customer["VisitingCity"] == "Uppsala")
    }

    @Test("R2.4: Fortnox invoice, delivery and visiting addresses become flagged Severa addresses")
    func addressRolesToSevera() async throws {
        let bed = try await ScenarioBed()
        try bed.seedFortnoxCustomer(
            "4002", "Leverans AB",
            extra: [
                "DeliveryAddress1": "Lastkajen 5", "DeliveryZipCode": "555 55", "DeliveryCity": "Borås",
                "VisitingAddress": "Torget 1", "VisitingZipCode": "666 66", "VisitingCity": "Växjö",
            ])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        let guid = try #require(try await bed.severaCustomer("4002")?.id)
        let addresses = try #require(try bed.severaUser(.get, "/v1/customers/\(guid)/addresses").arrayValue)
        func line(flag: String) -> String? {
            addresses.first { $0[flag] == true }?["addressline"]?.stringValue
        }
        #expect(line(flag: "isBillingAddress") == "Kungsgatan 2")
        #expect(line(flag: "isPostalAddress") == "Lastkajen 5")
        #expect(line(flag: "isVisitAddress") == "Torget 1")
    }

    @Test("R2.4: an invoice address changed in Fortnox updates the first listed Severa billing address only")
    func firstListedAddressIsUpdated() async throws {
        let bed = try await ScenarioBed()
        let guid = try bed.seedSeveraCustomer(
            4003, "Två Fakturor AB",
            addresses: [
                SeveraAddress(line: "Första 1", billing: true),
                SeveraAddress(line: "Andra 2", postalCode: "222 22", city: "Lund", billing: true),
            ])
        #expect(await bed.run().exitCode == 0)
        try await bed.editFortnox(.customers, "4003", ["Address1": "Nya Första 10"])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        let addresses = try #require(try bed.severaUser(.get, "/v1/customers/\(guid)/addresses").arrayValue)
        #expect(Set(addresses.compactMap { $0["addressline"]?.stringValue }) == ["Nya Första 10", "Andra 2"])
        let again = await bed.run()
        #expect(again.summary == RunSummary())
        #expect(bed.writes.isEmpty, "\(bed.writes)")
    }
}
