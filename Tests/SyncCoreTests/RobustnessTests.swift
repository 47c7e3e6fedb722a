import SyncCore
import Testing

@Suite("Bad input and fatal errors (O7)") struct RobustnessTests {
    @Test("O7: one rejected record does not stop the others") func oneRejectedRecordDoesNotStopTheOthers() async throws
    {
        let harness = Harness()
        for code in ["100", "200", "300"] { harness.pm.productEndpoint.put(Sample.product(code, "Product \(code)")) }
        harness.accounting.productEndpoint.inject(.create, key: "200", error: Sample.rejected)

        let result = await harness.run(flows(.product))

        #expect(harness.accounting.productEndpoint.all.map(\.code).sorted() == ["100", "300"])
        let failure = try #require(harness.entries(of: result, .failed).first)
        #expect(failure.naturalKey == "200")
        #expect(failure.reason?.contains("Ogiltigt värde") == true)
        #expect(failure.reason?.contains("2000588") == true)
        #expect(failure.hint?.contains("brygga retry") == true)
        #expect(try harness.store.pendingRetries(entity: .product).map(\.naturalKey) == ["200"])
        #expect(try harness.store.openIntents().isEmpty)
    }

    @Test("O7: unreadable records are logged queued and transferred once fixed")
    func unreadableRecordsAreLoggedQueuedAndTransferredOnceFixed() async throws {
        let harness = Harness()
        let brokenID = harness.pm.productEndpoint.put(Sample.product("100", "Broken"))
        harness.pm.productEndpoint.put(Sample.product("200", "Fine"))
        harness.pm.productEndpoint.makeUnreadable(id: brokenID, reason: "price: expected a number, found a string")

        let first = await harness.run(flows(.product))

        let failure = try #require(harness.entries(of: first, .failed).first)
        #expect(failure.rule == "O7")
        #expect(failure.pmID == brokenID)
        #expect(failure.reason?.contains("price: expected a number") == true)
        #expect(harness.accounting.productEndpoint.all.map(\.code) == ["200"])
        #expect(try harness.store.pendingRetries(entity: .product).count == 1)

        harness.pm.productEndpoint.makeReadable(id: brokenID)
        let second = await harness.run(flows(.product))

        #expect(!second.hasFailures)
        #expect(harness.accounting.productEndpoint.all.map(\.code).sorted() == ["100", "200"])
        #expect(try harness.store.pendingRetries(entity: .product).isEmpty)
    }

    @Test func fatalUnauthorizedStopsTheRunWithTheWorkSoFarCommitted() async throws {
        let harness = Harness()
        for code in ["100", "200", "300", "400", "500"] {
            harness.pm.productEndpoint.put(Sample.product(code, "Product \(code)"))
        }
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.productEndpoint.inject(.create, key: "300", error: Sample.unauthorized, times: 1)
        let configuration = EngineConfiguration(writeConcurrency: 1, batchSize: 1)

        let stopped = await harness.run(configuration)

        #expect(stopped.fatal?.kind == .unauthorized)
        #expect(stopped.exitCode == 77)
        #expect(harness.store.allLinks(entity: .product).count == 2)
        #expect(harness.accounting.customerEndpoint.count == 0)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .product) == nil)
        #expect(stopped.fatal?.description.contains("invalid_grant") == true)

        let resumed = await harness.run(configuration)

        #expect(resumed.fatal == nil)
        #expect(harness.accounting.productEndpoint.count == 5)
        #expect(harness.accounting.productEndpoint.calls.creates == 6)
        #expect(harness.accounting.customerEndpoint.count == 1)
        #expect(try harness.store.openIntents().isEmpty)
    }

    @Test func unreachableSystemStopsTheRunWithExitCode69() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.customerEndpoint.inject(.list, error: Sample.unavailable)

        let result = await harness.run(flows(.customer))

        #expect(result.fatal?.kind == .unavailable)
        #expect(result.exitCode == 69)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .customer) == nil)
        #expect(try harness.store.recentRuns(limit: 1).first?.exitCode == 69)
    }

    @Test func unreadableUnitsSkipProductsButNotTheOtherFlows() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.failUnits(with: Sample.malformed)

        let result = await harness.run()

        #expect(harness.entries(of: result, .failed).map(\.rule) == ["R1.3"])
        #expect(harness.accounting.productEndpoint.count == 0)
        #expect(harness.accounting.customerEndpoint.count == 1)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .product) == nil)
    }
}

extension RobustnessTests {
    @Test func fatalErrorAmongConcurrentWritesLeavesNothingDuplicatedAfterResuming() async throws {
        let harness = Harness()
        for code in 100..<120 { harness.pm.productEndpoint.put(Sample.product("\(code)", "Product \(code)")) }
        harness.accounting.productEndpoint.inject(.create, key: "105", error: Sample.unauthorized, times: 1)
        let configuration = EngineConfiguration(enabledFlows: [.product], writeConcurrency: 4, batchSize: 20)

        let stopped = await harness.run(configuration)
        #expect(stopped.fatal?.kind == .unauthorized)

        let resumed = await harness.run(configuration)

        #expect(resumed.fatal == nil)
        #expect(harness.accounting.productEndpoint.count == 20)
        #expect(harness.accounting.productEndpoint.calls.creates == 21)
        #expect(harness.store.allLinks(entity: .product).count == 20)
        #expect(try harness.store.openIntents().isEmpty)
    }
}
