import SyncCore
import Testing

@Suite("Incremental runs and echo suppression (O3)") struct IncrementalRunTests {
    @Test("O3: second run without changes writes nothing and lists from the stored cursors")
    func secondRunWithoutChangesWritesNothingAndListsFromTheStoredCursors() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.accounting.customerEndpoint.put(Sample.customer("2001"))
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.pm.projectEndpoint.put(Sample.project("P-1"))
        await harness.run()
        let writes = harness.remoteWrites
        let productCursor = try harness.store.cursor(side: .projectManagement, entity: .product)
        let customerCursor = try harness.store.cursor(side: .accounting, entity: .customer)
        #expect(productCursor != nil)
        #expect(customerCursor != nil)

        let second = await harness.run()

        #expect(harness.remoteWrites == writes)
        #expect(second.entries.isEmpty)
        #expect(harness.pm.productEndpoint.calls.listCursors.last == productCursor)
        #expect(harness.accounting.customerEndpoint.calls.listCursors.last == customerCursor)
    }

    @Test("O3: only what changed since the last run is read") func onlyWhatChangedSinceTheLastRunIsRead() async throws {
        let harness = Harness()
        for code in 100..<110 { harness.pm.productEndpoint.put(Sample.product("\(code)", "Product \(code)")) }
        await harness.run(flows(.product))
        harness.pm.productEndpoint.edit(key: "105") { $0.name = "Renamed" }

        let result = await harness.run(flows(.product))

        #expect(harness.entries(of: result).map(\.naturalKey) == ["105"])
        #expect(harness.accounting.productEndpoint.record(key: "105")?.name == "Renamed")
        #expect(harness.accounting.productEndpoint.calls.updates == 1)
    }

    @Test func echoesOfOurOwnWritesAreSuppressedEvenWhenEverythingIsReadAgain() async throws {
        let harness = Harness(overlap: 10_000)
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.accounting.productEndpoint.put(Sample.product("200", "Hosting", unit: "st"))
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.customerEndpoint.put(Sample.customer("1002"))
        await harness.run()
        harness.pm.customerEndpoint.edit(key: "1001") { $0.phone = "+46 8 1" }
        await harness.run()
        let writes = harness.remoteWrites

        let result = await harness.run()

        #expect(harness.remoteWrites == writes)
        #expect(result.entries.isEmpty)
    }

    @Test("O3: cursors are not moved when a listing fails") func cursorsAreNotMovedWhenAListingFails() async throws {
        let harness = Harness(pageSize: 2)
        for number in 1...5 { harness.accounting.customerEndpoint.put(Sample.customer("200\(number)")) }
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.customerEndpoint.inject(.list, error: Sample.malformed, afterPages: 1)

        let first = await harness.run(flows(.customer))

        #expect(first.fatal == nil)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .customer) != nil)
        #expect(try harness.store.cursor(side: .accounting, entity: .customer) == nil)
        let listingFailure = try #require(harness.entries(of: first, .failed).last)
        #expect(listingFailure.rule == "O3")
        #expect(listingFailure.reason?.contains("listing") == true)
        #expect(first.exitCode == RunResult.partialFailureExitCode)

        harness.accounting.customerEndpoint.clearFailures()
        let second = await harness.run(flows(.customer))

        #expect(!second.hasFailures)
        #expect(try harness.store.cursor(side: .accounting, entity: .customer) != nil)
        #expect(harness.pm.customerEndpoint.count == 6)
        #expect(harness.pm.customerEndpoint.calls.creates == 5)
    }
}

extension IncrementalRunTests {
    @Test func aStaleSecondCopyInAListingCannotUndoAChangeMadeEarlierInTheRun() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting", price: 95_000))
        await harness.run(flows(.product))
        let fortnoxID = try #require(harness.accounting.productEndpoint.id(ofKey: "100"))
        let before = try #require(harness.accounting.productEndpoint.remote(id: fortnoxID))
        harness.accounting.productEndpoint.edit(id: fortnoxID) { $0.price = Money(minorUnits: 120_000, currency: .sek) }
        harness.accounting.productEndpoint.appendStaleCopyToNextListing(before)

        let result = await harness.run(flows(.product))

        #expect(harness.pm.productEndpoint.record(key: "100")?.price?.minorUnits == 120_000)
        #expect(harness.pm.productEndpoint.calls.updates == 1)
        #expect(harness.entries(of: result, .updated).count == 1)
    }

    @Test func aFirstBulkRunPairsWithoutOneLookupPerRecord() async throws {
        let harness = Harness(pageSize: 7)
        for code in 100..<130 { harness.pm.productEndpoint.put(Sample.product("\(code)", "Product \(code)")) }
        for code in 200..<230 { harness.accounting.productEndpoint.put(Sample.product("\(code)", "Article \(code)")) }
        for code in 300..<305 {
            harness.pm.productEndpoint.put(Sample.product("\(code)", "Shared \(code)"))
            harness.accounting.productEndpoint.put(Sample.product("\(code)", "Shared \(code)"))
        }

        let result = await harness.run(flows(.product))

        #expect(result.summary.created == 60)
        #expect(result.summary.linked == 5)
        #expect(harness.accounting.productEndpoint.calls.finds == 5)
        #expect(harness.pm.productEndpoint.calls.finds == 0)
    }
}
