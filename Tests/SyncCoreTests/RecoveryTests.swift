import SyncCore
import Testing

@Suite("Crash safety and resuming (O3, R4.4 for master data)") struct RecoveryTests {
    @Test("O3: create whose commit was lost is adopted next run not created twice")
    func createWhoseCommitWasLostIsAdoptedNextRunNotCreatedTwice() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.store.failNextCommit { !$0.links.isEmpty }

        let crashed = await harness.run(flows(.customer))

        #expect(crashed.fatal?.kind == .stateStore)
        #expect(crashed.exitCode == 74)
        #expect(harness.accounting.customerEndpoint.count == 1)
        #expect(try harness.store.openIntents().count == 1)
        #expect(try harness.store.cursor(side: .projectManagement, entity: .customer) == nil)

        let resumed = await harness.run(flows(.customer))

        #expect(resumed.fatal == nil)
        let adopted = try #require(harness.entries(of: resumed, .linked).first)
        #expect(adopted.reason == "adopted record created by an interrupted run")
        #expect(harness.accounting.customerEndpoint.calls.creates == 1)
        #expect(harness.accounting.customerEndpoint.count == 1)
        #expect(try harness.store.openIntents().isEmpty)
        #expect(harness.store.allLinks(entity: .customer).count == 1)
        #expect(harness.entries(of: resumed, .created).isEmpty)
    }

    @Test("O3: source edited after the interrupted create is copied when adopting")
    func sourceEditedAfterTheInterruptedCreateIsCopiedWhenAdopting() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.store.failNextCommit { !$0.links.isEmpty }
        await harness.run(flows(.customer))
        harness.pm.customerEndpoint.edit(key: "1001") { $0.phone = "+46 8 7" }

        await harness.run(flows(.customer))

        #expect(harness.accounting.customerEndpoint.record(key: "1001")?.phone == "+46 8 7")
        #expect(harness.accounting.customerEndpoint.calls.creates == 1)
    }

    @Test func createWithUnknownOutcomeThatHappenedIsAdoptedInTheSameRun() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.pm.customerEndpoint.put(Sample.customer("1002"))
        harness.accounting.customerEndpoint.inject(
            .create, key: "1001", error: Sample.outcomeUnknown, times: 1, afterApplying: true)

        let result = await harness.run(flows(.customer))

        #expect(!result.hasFailures)
        #expect(harness.accounting.customerEndpoint.calls.creates == 2)
        #expect(harness.accounting.customerEndpoint.count == 2)
        let adopted = try #require(harness.entries(of: result, .linked).first)
        #expect(adopted.naturalKey == "1001")
        #expect(adopted.reason == "adopted record created by an interrupted run")
        #expect(try harness.store.openIntents().isEmpty)
    }

    @Test("O3: a record adopted in the same run gets what its interrupted create did not write")
    func recordAdoptedInTheSameRunGetsWhatItsInterruptedCreateDidNotWrite() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.customerEndpoint.inject(
            .create, key: "1001", error: Sample.outcomeUnknown, times: 1, afterApplying: true,
            applied: { record in
                var partial = record
                partial.email = nil
                return partial
            })

        let result = await harness.run(flows(.customer))

        #expect(!result.hasFailures)
        #expect(harness.accounting.customerEndpoint.record(key: "1001")?.email == "billing@example.com")
        #expect(harness.accounting.customerEndpoint.calls.creates == 1)
        let adopted = try #require(harness.entries(of: result, .linked).first)
        #expect(adopted.rule == "O3")
        #expect(harness.entries(of: result, .updated).first?.changes.map(\.field) == ["email"])
        #expect(try harness.store.openIntents().isEmpty)

        let writes = harness.remoteWrites
        let echo = await harness.run(flows(.customer))

        #expect(harness.remoteWrites == writes, "the adopted pair is in sync: the next run writes nothing")
        #expect(echo.entries.isEmpty)
    }

    @Test func createWithUnknownOutcomeThatDidNotHappenIsRetriedOnce() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.accounting.customerEndpoint.inject(.create, key: "1001", error: Sample.outcomeUnknown, times: 1)

        let first = await harness.run(flows(.customer))

        #expect(harness.entries(of: first, .failed).map(\.naturalKey) == ["1001"])
        #expect(harness.accounting.customerEndpoint.count == 0)

        let second = await harness.run(flows(.customer))

        #expect(!second.hasFailures)
        #expect(harness.accounting.customerEndpoint.count == 1)
        #expect(try harness.store.pendingRetries(entity: .customer).isEmpty)
    }

    @Test func unverifiableInterruptedCreateIsNotCreatedAgainUntilChecked() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.store.failNextCommit { !$0.links.isEmpty }
        await harness.run(flows(.customer))
        harness.accounting.customerEndpoint.inject(.find, key: "1001", error: Sample.malformed, times: 2)

        let blocked = await harness.run(flows(.customer))

        #expect(blocked.hasFailures)
        #expect(harness.accounting.customerEndpoint.calls.creates == 1)
        #expect(try harness.store.openIntents().count == 1)

        let resumed = await harness.run(flows(.customer))
        #expect(!resumed.hasFailures)
        #expect(harness.accounting.customerEndpoint.count == 1)
        #expect(try harness.store.openIntents().isEmpty)
    }
}

extension RecoveryTests {
    @Test func interruptedCreateWhoseSourceIsGoneIsClosedWithAReason() async throws {
        let harness = Harness()
        let severaID = harness.pm.customerEndpoint.put(Sample.customer("1001"))
        harness.store.failNextCommit { !$0.links.isEmpty }
        await harness.run(flows(.customer))
        harness.pm.customerEndpoint.remove(id: severaID)

        let result = await harness.run(flows(.customer))

        let skipped = try #require(harness.entries(of: result, .skipped).first)
        #expect(skipped.reason?.contains("gone") == true)
        #expect(try harness.store.openIntents().isEmpty)
        #expect(harness.accounting.customerEndpoint.calls.creates == 1)
    }

    @Test func linkedCounterpartThatWasDeletedIsReportedNotRecreated() async throws {
        let harness = Harness()
        harness.pm.customerEndpoint.put(Sample.customer("1001"))
        await harness.run(flows(.customer))
        let fortnoxID = try #require(harness.accounting.customerEndpoint.id(ofKey: "1001"))
        harness.accounting.customerEndpoint.remove(id: fortnoxID)
        harness.pm.customerEndpoint.edit(key: "1001") { $0.phone = "+46 8 5" }

        let result = await harness.run(flows(.customer))

        let failure = try #require(harness.entries(of: result, .failed).first)
        #expect(failure.reason?.contains("was not found") == true)
        #expect(failure.accountingID == fortnoxID)
        #expect(harness.accounting.customerEndpoint.calls.creates == 1)
    }
}
