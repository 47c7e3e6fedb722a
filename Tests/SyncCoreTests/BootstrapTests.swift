import SyncCore
import Testing

@Suite("Bootstrap (R2.6)") struct BootstrapTests {
    @Test("R2.6a: every Severa customer goes to Fortnox matching by number first")
    func everySeveraCustomerGoesToFortnoxMatchingByNumberFirst() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.pm.customerEndpoint.put(Sample.customer("1002", city: "Malmö"))
        harness.pm.customerEndpoint.put(Sample.customer("1003"))
        harness.accounting.customerEndpoint.put(Sample.customer("1002", city: "Lund"))
        harness.accounting.customerEndpoint.put(Sample.customer("2001", "Only in Fortnox AB"))

        let result = await harness.engine().bootstrapCustomers(from: .projectManagement)

        #expect(result.kind == .bootstrap)
        #expect(result.fatal == nil)
        #expect(harness.accounting.customerEndpoint.calls.creates == 2)
        #expect(harness.accounting.customerEndpoint.record(key: "1002")?.addresses[.billing]?.city == "Malmö")
        #expect(harness.pm.customerEndpoint.record(key: "2001") == nil)
        #expect(harness.store.allLinks(entity: .customer).count == 3)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .customer) != nil)
        #expect(try harness.store.cursor(side: .accounting, entity: .customer) != nil)

        let writes = harness.remoteWrites
        let incremental = await harness.run(flows(.customer))
        #expect(harness.remoteWrites == writes)
        #expect(harness.entries(of: incremental).isEmpty)
        #expect(harness.pm.customerEndpoint.record(key: "2001") == nil)
    }

    @Test("R2.6b: every Fortnox company goes to Severa private ones skipped")
    func everyFortnoxCompanyGoesToSeveraPrivateOnesSkipped() async throws {
        let harness = Harness()
        harness.accounting.customerEndpoint.put(Sample.customer("2001", "Firma AB"))
        harness.accounting.customerEndpoint.put(Sample.customer("2002", "Anna", vat: nil, kind: .privatePerson))
        harness.accounting.customerEndpoint.put(Sample.customer("1002", city: "Lund"))
        harness.pm.customerEndpoint.put(Sample.customer("1002", city: "Malmö"))

        let result = await harness.engine().bootstrapCustomers(from: .accounting)

        #expect(harness.pm.customerEndpoint.all.map(\.number).sorted() == ["1002", "2001"])
        #expect(harness.pm.customerEndpoint.record(key: "1002")?.addresses[.billing]?.city == "Lund")
        #expect(harness.entries(of: result, .skipped).map(\.rule) == ["R2.3"])
        #expect(!result.hasFailures)
        #expect(harness.accounting.customerEndpoint.calls.writes == 0)
    }

    @Test("R2.6c: nothing to transfer is a valid outcome") func nothingToTransferIsAValidOutcome() async throws {
        let harness = Harness()

        let empty = await harness.engine().bootstrapCustomers(from: .projectManagement)

        #expect(empty.fatal == nil)
        #expect(empty.entries.isEmpty)
        #expect(empty.exitCode == 0)

        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        _ = await harness.engine().bootstrapCustomers(from: .projectManagement)
        let again = await harness.engine().bootstrapCustomers(from: .projectManagement)
        #expect(again.entries.isEmpty)
        #expect(again.exitCode == 0)
    }

    @Test(
        "R2.6: rerunning the bootstrap creates no duplicates", arguments: [SystemSide.projectManagement, .accounting])
    func rerunningTheBootstrapCreatesNoDuplicates(side: SystemSide) async throws {
        let harness = Harness()
        for number in ["1001", "1002", "1003"] {
            harness.pm.customerEndpoint.put(Sample.customer(number))
            harness.accounting.customerEndpoint.put(Sample.customer("2\(number.dropFirst())"))
        }
        _ = await harness.engine().bootstrapCustomers(from: side)
        let counts = (harness.pm.customerEndpoint.count, harness.accounting.customerEndpoint.count)
        let writes = harness.remoteWrites

        let again = await harness.engine().bootstrapCustomers(from: side)

        #expect(harness.pm.customerEndpoint.count == counts.0)
        #expect(harness.accounting.customerEndpoint.count == counts.1)
        #expect(harness.remoteWrites == writes)
        #expect(again.entries.isEmpty)
    }

    @Test("R2.6: dry run bootstrap plans without writing") func dryRunBootstrapPlansWithoutWriting() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))

        let result = await harness.engine().bootstrapCustomers(from: .projectManagement, dryRun: true)

        #expect(result.kind == .dryRun)
        #expect(result.projected.created == 1)
        #expect(harness.remoteWrites == 0)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .customer) == nil)
    }
}

extension BootstrapTests {
    @Test("R2.6: customers linked before are synced as in a normal run, the master deciding")
    func linkedCustomersAreSyncedAsInANormalRun() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        await harness.run(flows(.customer))
        harness.pm.customerEndpoint.edit(key: "1001") { $0.email = "severa@example.com" }
        harness.accounting.customerEndpoint.edit(key: "1001") { $0.phone = "+46 8 2" }

        let result = await harness.engine().bootstrapCustomers(from: .accounting)

        for endpoint in [harness.pm.customerEndpoint, harness.accounting.customerEndpoint] {
            #expect(endpoint.record(key: "1001")?.email == "severa@example.com")
            #expect(endpoint.record(key: "1001")?.phone == "+46 8 2")
        }
        #expect(harness.entries(of: result, .conflict).isEmpty)
    }
}
