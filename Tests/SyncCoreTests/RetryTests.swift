import SyncCore
import Testing

@Suite("Retrying failed items (O6)") struct RetryTests {
    @Test("O6: failed item is retried after the cause is fixed without resending the rest")
    func failedItemIsRetriedAfterTheCauseIsFixedWithoutResendingTheRest() async throws {
        let harness = Harness(units: ["h"])
        harness.pm.productEndpoint.put(Sample.product("100", "Cement", unit: "kg"))
        harness.pm.productEndpoint.put(Sample.product("200", "Advice"))
        await harness.run(flows(.product))
        #expect(harness.accounting.productEndpoint.all.map(\.code) == ["200"])

        harness.accounting.addUnit("kg")
        let retry = await harness.engine(flows(.product)).retryFailed()

        #expect(retry.kind == .retry)
        #expect(!retry.hasFailures)
        #expect(harness.entries(of: retry, .created).map(\.naturalKey) == ["100"])
        #expect(harness.accounting.productEndpoint.calls.creates == 2)
        #expect(harness.accounting.productEndpoint.calls.updates == 0)
        #expect(try harness.store.pendingRetries(entity: .product).isEmpty)
    }

    @Test("O6: one item can be retried on its own") func oneItemCanBeRetriedOnItsOwn() async throws {
        let harness = Harness(units: ["h"])
        let cementID = harness.pm.productEndpoint.put(Sample.product("100", "Cement", unit: "kg"))
        harness.pm.productEndpoint.put(Sample.product("300", "Milk", unit: "l"))
        await harness.run(flows(.product))
        harness.accounting.addUnit("kg")
        harness.accounting.addUnit("l")

        let retry = await harness.engine().retryFailed(entity: .product, recordID: cementID)

        #expect(harness.entries(of: retry, .created).map(\.naturalKey) == ["100"])
        #expect(try harness.store.pendingRetries(entity: .product).map(\.naturalKey) == ["300"])
    }

    @Test("O6: queued items are retried by every scheduled run") func queuedItemsAreRetriedByEveryScheduledRun()
        async throws
    {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.customerEndpoint.inject(.create, key: "1001", error: Sample.rejected, times: 2)

        await harness.run(flows(.customer))
        let second = await harness.run(flows(.customer))

        #expect(harness.entries(of: second, .failed).count == 1)
        let queued = try #require(try harness.store.pendingRetries(entity: .customer).first)
        #expect(queued.attempts == 2)

        let third = await harness.run(flows(.customer))
        #expect(!third.hasFailures)
        #expect(harness.accounting.customerEndpoint.count == 1)
        #expect(try harness.store.pendingRetries(entity: .customer).isEmpty)
    }

    @Test("O6: a queued record whose key is gone leaves the queue; renumbered, it is transferred")
    func queuedRecordWhoseKeyIsGoneLeavesTheQueue() async throws {
        let harness = Harness(units: ["h"])
        harness.pm.productEndpoint.put(Sample.product("100", "Cement", unit: "kg"))
        await harness.run(flows(.product))
        harness.pm.productEndpoint.edit(key: "100") {
            $0.code = "999"
            $0.unit = "h"
        }

        let result = await harness.run(flows(.product))

        #expect(harness.entries(of: result, .skipped).first?.rule == "O6")
        #expect(harness.accounting.productEndpoint.record(key: "999") != nil)
        #expect(try harness.store.pendingRetries(entity: .product).isEmpty)
    }
}
