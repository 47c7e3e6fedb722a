import SyncCore
import Testing

@Suite("Customers (R2)") struct CustomerFlowTests {
    @Test("R2.1: customers with the same number are linked") func customersWithTheSameNumberAreLinked() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.customerEndpoint.put(Sample.customer("1001"))
        harness.pm.customerEndpoint.put(Sample.customer("1002", "Beta AB"))

        let result = await harness.run(flows(.customer))

        #expect(harness.entries(of: result, .linked).map(\.naturalKey) == ["1001"])
        #expect(harness.entries(of: result, .created).map(\.naturalKey) == ["1002"])
        #expect(harness.accounting.customerEndpoint.count == 2)
        #expect(harness.pm.customerEndpoint.count == 2)
        #expect(harness.store.allLinks(entity: .customer).count == 2)
    }

    @Test("R2.1: first pairing of differing customers is a conflict the master wins")
    func firstPairingOfDifferingCustomersIsAConflictTheMasterWins() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001", city: "Stockholm"))
        harness.accounting.customerEndpoint.put(Sample.customer("1001", city: "Göteborg"))

        let result = await harness.run(flows(.customer))

        #expect(harness.accounting.customerEndpoint.record(key: "1001")?.addresses[.billing]?.city == "Stockholm")
        let conflict = try #require(harness.entries(of: result, .conflict).first)
        #expect(conflict.conflicts.map(\.field) == ["billingAddress"])
        #expect(conflict.conflicts.first?.winner == .projectManagement)
        #expect(harness.entries(of: result, .linked).count == 1)
        #expect(harness.entries(of: result, .updated).count == 1)
    }

    @Test(
        "R2.2: customer without valid VAT number or address is not transferred",
        arguments: [
            (Sample.customer("1001", vat: nil), "missing"),
            (Sample.customer("1001", vat: "SE556677889902"), "SE must be followed by 10 digits followed by 01"),
            (Sample.customer("1001", vat: "US123456789"), "not an EU country"),
            (Customer(number: "1001", name: "No Address AB", vatNumber: "SE556677889901"), "has no address"),
        ])
    func customerWithoutValidVATNumberOrAddressIsNotTransferred(customer: Customer, reason: String) async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(customer)
        harness.pm.customerEndpoint.put(Sample.customer("1002", "Valid AB"))

        let result = await harness.run(flows(.customer))

        let failure = try #require(harness.entries(of: result, .failed).first)
        #expect(failure.rule == "R2.2")
        #expect(failure.naturalKey == "1001")
        #expect(failure.reason?.contains(reason) == true)
        #expect(failure.hint != nil)
        #expect(harness.accounting.customerEndpoint.all.map(\.number) == ["1002"])
    }

    @Test("R2.2: applies to customers coming from Fortnox too") func appliesToCustomersComingFromFortnoxToo()
        async throws
    {
        let harness = Harness()
        harness.accounting.customerEndpoint.put(Sample.customer("2001", vat: "SE123"))

        let result = await harness.run(flows(.customer))

        #expect(harness.entries(of: result, .failed).map(\.rule) == ["R2.2"])
        #expect(harness.pm.customerEndpoint.count == 0)
    }

    @Test("R2.3: private customers from Fortnox are skipped not failed")
    func privateCustomersFromFortnoxAreSkippedNotFailed() async throws {
        let harness = Harness()
        harness.accounting.customerEndpoint.put(
            Sample.customer("2001", "Anna Andersson", vat: nil, kind: .privatePerson))
        harness.accounting.customerEndpoint.put(Sample.customer("2002", "Firma AB"))

        let result = await harness.run(flows(.customer))

        let skipped = try #require(harness.entries(of: result, .skipped).first)
        #expect(skipped.rule == "R2.3")
        #expect(skipped.naturalKey == "2001")
        #expect(skipped.reason?.contains("private") == true)
        #expect(!result.hasFailures)
        #expect(result.exitCode == 0)
        #expect(harness.pm.customerEndpoint.all.map(\.number) == ["2002"])
        #expect(try harness.store.pendingRetries(entity: .customer).isEmpty)
    }

    @Test(
        "R2.5: master decides updates only and new customers go both ways",
        arguments: [SystemSide.projectManagement, .accounting])
    func masterDecidesUpdatesOnlyAndNewCustomersGoBothWays(master: SystemSide) async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        var configuration = flows(.customer)
        configuration.customerMaster = master
        await harness.run(configuration)
        harness.pm.customerEndpoint.edit(key: "1001") { $0.email = "pm@example.com" }
        harness.accounting.customerEndpoint.edit(key: "1001") { $0.email = "fortnox@example.com" }
        harness.accounting.customerEndpoint.put(Sample.customer("2001", "New in Fortnox AB"))
        harness.pm.customerEndpoint.put(Sample.customer("1002", "New in Severa AB"))

        let result = await harness.run(configuration)

        let winner = master == .projectManagement ? "pm@example.com" : "fortnox@example.com"
        #expect(harness.pm.customerEndpoint.record(key: "1001")?.email == winner)
        #expect(harness.accounting.customerEndpoint.record(key: "1001")?.email == winner)
        #expect(harness.entries(of: result, .conflict).first?.conflicts.first?.winner == master)
        #expect(harness.pm.customerEndpoint.record(key: "2001") != nil)
        #expect(harness.accounting.customerEndpoint.record(key: "1002") != nil)
    }

    @Test("R2.5: fields changed on one side only are taken from that side")
    func fieldsChangedOnOneSideOnlyAreTakenFromThatSide() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        await harness.run(flows(.customer))
        harness.pm.customerEndpoint.edit(key: "1001") { $0.phone = "+46 8 123 45" }
        harness.accounting.customerEndpoint.edit(key: "1001") { $0.email = "new@example.com" }

        let result = await harness.run(flows(.customer))

        for endpoint in [harness.pm.customerEndpoint, harness.accounting.customerEndpoint] {
            #expect(endpoint.record(key: "1001")?.phone == "+46 8 123 45")
            #expect(endpoint.record(key: "1001")?.email == "new@example.com")
        }
        #expect(harness.entries(of: result, .conflict).isEmpty)
        #expect(harness.entries(of: result, .updated).count == 2)
    }

    @Test("R2.5: same change on both sides writes nothing") func sameChangeOnBothSidesWritesNothing() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        await harness.run(flows(.customer))
        let writes = harness.remoteWrites
        harness.pm.customerEndpoint.edit(key: "1001") { $0.phone = "+46 8 999" }
        harness.accounting.customerEndpoint.edit(key: "1001") { $0.phone = "+46 8 999" }

        let result = await harness.run(flows(.customer))

        #expect(harness.remoteWrites == writes)
        #expect(harness.entries(of: result).isEmpty)
        let third = await harness.run(flows(.customer))
        #expect(harness.entries(of: third).isEmpty)
        #expect(harness.pm.customerEndpoint.calls.finds + harness.accounting.customerEndpoint.calls.finds > 0)
    }
}

@Suite("VAT numbers (R2.2)") struct VATNumberValidatorTests {
    @Test(arguments: [
        "SE556677889901", "se 556677-8899 01", "NO123456789MVA", "FI12345678", "DK12345678", "DE123456789",
        "NL123456789B01", "EL123456789", "AT U12345678",
    ])
    func validShapesPass(vat: String) {
        #expect(VATNumberValidator.problem(with: vat) == nil)
    }

    @Test(arguments: [
        "", "SE55667788990", "SE556677889902", "SE55667788990A01", "NO123456789", "FI1234567", "DK123456789",
        "US123456789", "GB123456789", "DE1", "DE12345678901234", "12345", "S",
    ])
    func invalidShapesFailWithAReason(vat: String) {
        let problem = VATNumberValidator.problem(with: vat)
        #expect(problem != nil)
        #expect(problem?.isEmpty == false)
    }

    @Test func missingNumberIsNamed() {
        #expect(VATNumberValidator.problem(with: nil) == "the VAT number is missing")
    }
}
