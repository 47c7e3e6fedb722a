import SyncCore
import Testing

/// An answer that is not the API's (``ConnectorError/isUnhealthyAnswer``) to a request the run depends
/// on, or to three record reads in a row, is an outage: exit 69, not "some items failed" (O7).
@Suite("Unhealthy APIs are outages (O7)") struct UnhealthyAnswerTests {
    /// Customers only, one record per batch so every lookup is its own batch, committed before the next.
    static let oneByOne = EngineConfiguration(enabledFlows: [.customer], writeConcurrency: 1, batchSize: 1)

    /// Five Severa customers transferred and linked, then all five renamed in Severa: the next run
    /// lists them in that order and looks each counterpart up in Fortnox before updating it.
    private static func fiveLinkedThenRenamed() async -> Harness {
        let harness = Harness()
        for number in 1001...1005 { harness.pm.customerEndpoint.put(Sample.customer(String(number))) }
        await harness.run(oneByOne)
        for number in 1001...1005 { harness.pm.customerEndpoint.edit(key: String(number)) { $0.name = "Renamed AB" } }
        return harness
    }

    private static func renamedInFortnox(_ harness: Harness) -> [String] {
        (1001...1005).map(String.init).filter {
            harness.accounting.customerEndpoint.record(key: $0)?.name == "Renamed AB"
        }
    }

    @Test("O7: a listing answered by a maintenance page stops the run with 69, naming the request")
    func unhealthyListingIsAnOutage() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.customerEndpoint.inject(.list, error: Sample.maintenancePage("GET /3/customers"))

        let result = await harness.run(flows(.customer))

        #expect(result.fatal?.kind == .unhealthyAnswer)
        #expect(result.exitCode == 69)
        #expect(
            result.fatal?.message.hasPrefix("Fortnox GET /3/customers: the answer is not the Fortnox API's") == true)
        #expect(harness.accounting.customerEndpoint.calls.creates == 0)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .customer) == nil)
    }

    @Test("O7: the units answered by a maintenance page stop the run with 69 instead of skipping the products")
    func unhealthyUnitsAreAnOutage() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("10", "Konsult"))
        harness.accounting.failUnits(with: Sample.maintenancePage("GET /3/units"))

        let result = await harness.run(flows(.product))

        #expect(result.fatal?.kind == .unhealthyAnswer)
        #expect(result.exitCode == 69)
        #expect(harness.entries(of: result, .failed).isEmpty)
    }

    @Test("O7: one lookup answered by a maintenance page among good ones fails that record only; the next run does it")
    func oneUnhealthyLookupIsThatRecordsFailure() async throws {
        let harness = await Self.fiveLinkedThenRenamed()
        harness.accounting.customerEndpoint.inject(.find, key: "1003", error: Sample.maintenancePage(), times: 1)

        let result = await harness.run(Self.oneByOne)

        #expect(result.fatal == nil)
        #expect(result.exitCode == RunResult.partialFailureExitCode)
        #expect(Self.renamedInFortnox(harness) == ["1001", "1002", "1004", "1005"])
        let failed = try #require(harness.entries(of: result, .failed).first)
        #expect(failed.naturalKey == "1003")
        #expect(failed.hint?.contains("something other than the Fortnox API answered") == true)
        #expect(try harness.store.pendingRetries(entity: .customer).map(\.sourceID).count == 1)

        let next = await harness.run(Self.oneByOne)

        #expect(next.exitCode == 0)
        #expect(Self.renamedInFortnox(harness).count == 5)
        #expect(try harness.store.pendingRetries(entity: .customer).isEmpty)
    }

    @Test("O7: three lookups in a row answered by a maintenance page stop the run with 69; what was done is kept")
    func threeUnhealthyLookupsInARowAreAnOutage() async throws {
        let harness = await Self.fiveLinkedThenRenamed()
        for key in ["1003", "1004", "1005"] {
            harness.accounting.customerEndpoint.inject(.find, key: key, error: Sample.maintenancePage(), times: 1)
        }
        let cursor = try harness.store.cursor(side: .projectManagement, entity: .customer)

        let result = await harness.run(Self.oneByOne)

        #expect(result.fatal?.kind == .unhealthyAnswer)
        #expect(result.exitCode == 69)
        #expect(
            result.fatal?.message.hasPrefix(
                "Fortnox answered 3 record reads in a row with something that is not its API's answer") == true)
        #expect(Self.renamedInFortnox(harness) == ["1001", "1002"], "the batches before were committed")
        #expect(harness.entries(of: result, .failed).map(\.naturalKey) == ["1003", "1004"])
        #expect(try harness.store.cursor(side: .projectManagement, entity: .customer) == cursor)

        let next = await harness.run(Self.oneByOne)

        #expect(next.exitCode == 0)
        #expect(Self.renamedInFortnox(harness).count == 5)
        #expect(harness.accounting.customerEndpoint.calls.creates == 5, "nothing created twice")
    }

    @Test("O7: a good answer in between ends the streak: two, a good one, one more is not an outage")
    func aGoodAnswerEndsTheStreak() async throws {
        let harness = await Self.fiveLinkedThenRenamed()
        for key in ["1001", "1002", "1004"] {
            harness.accounting.customerEndpoint.inject(.find, key: key, error: Sample.maintenancePage(), times: 1)
        }

        let result = await harness.run(Self.oneByOne)

        #expect(result.fatal == nil)
        #expect(harness.entries(of: result, .failed).count == 3)
        #expect(Self.renamedInFortnox(harness) == ["1003", "1005"])
    }

    @Test("O7: a malformed record that the API did send (not a maintenance page) never counts as an outage")
    func malformedRecordsAreNotAnOutage() async throws {
        let harness = await Self.fiveLinkedThenRenamed()
        for key in ["1001", "1002", "1003", "1004"] {
            harness.accounting.customerEndpoint.inject(.find, key: key, error: Sample.malformed, times: 1)
        }

        let result = await harness.run(Self.oneByOne)

        #expect(result.fatal == nil)
        #expect(harness.entries(of: result, .failed).count == 4)
    }

    @Test("O7: three listed records whose detail reads got a maintenance page in a row stop the run with 69")
    func threeUnreadableDetailReadsInARowAreAnOutage() async throws {
        let harness = Harness()
        for number in 2001...2004 { harness.accounting.customerEndpoint.put(Sample.customer(String(number))) }
        for number in 2002...2004 {
            let id = try #require(harness.accounting.customerEndpoint.id(ofKey: String(number)))
            harness.accounting.customerEndpoint.makeUnreadable(id: id, cause: Sample.maintenancePage())
        }

        let result = await harness.run(flows(.customer))

        #expect(result.fatal?.kind == .unhealthyAnswer)
        #expect(result.exitCode == 69)
        #expect(try harness.store.cursor(side: .accounting, entity: .customer) == nil)
    }

    @Test(
        "O3, O7: creates answered by a page whose lookups get one too stop the run; the next run adopts, never duplicates"
    )
    func unhealthyCreatesAreResumedWithoutDuplicates() async throws {
        let harness = Harness()
        for number in 3001...3003 {
            let key = String(number)
            harness.pm.customerEndpoint.put(Sample.customer(key))
            harness.accounting.customerEndpoint.inject(
                .create, key: key, error: Sample.maintenancePageToAWrite, times: 1, afterApplying: true)
            harness.accounting.customerEndpoint.inject(.find, key: key, error: Sample.maintenancePage(), times: 1)
        }

        let stopped = await harness.run(flows(.customer))

        #expect(stopped.exitCode == 69)
        #expect(harness.accounting.customerEndpoint.count == 3)
        #expect(try harness.store.openIntents().count == 3, "each create stays open until checked")

        let resumed = await harness.run(flows(.customer))

        #expect(resumed.exitCode == 0)
        #expect(harness.accounting.customerEndpoint.calls.creates == 3)
        #expect(harness.accounting.customerEndpoint.count == 3)
        #expect(harness.store.allLinks(entity: .customer).count == 3)
        #expect(try harness.store.openIntents().isEmpty)
    }
}
