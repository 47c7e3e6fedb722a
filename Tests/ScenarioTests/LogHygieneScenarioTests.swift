import Foundation
import JSONSupport
import SyncCore
import SyncStore
import Testing

/// The transfer log over many runs (O4): a record failing for the same reason is logged when it starts,
/// when its reason changes and when it is resolved; repeated skips are logged once. Both runners get it
/// from the store, so one flow of each shows it.
@Suite struct LogHygieneScenarioTests {
    @Test(
        "O4: a customer failing every run is logged at its start, its change of reason and its fix; tries are counted")
    func aFailingCustomerIsLoggedAtItsChangesOnly() async throws {
        let bed = try await ScenarioBed()
        let guid = try bed.seedSeveraCustomer(2001, "Ogiltig Moms AB", vat: "SE55667788")

        var results: [RunResult] = []
        for _ in 0..<4 { results.append(await bed.run()) }
        try bed.editSevera("customers/\(guid)", ["vatNumber": "SE1"])
        for _ in 0..<3 { results.append(await bed.run()) }

        #expect(results.allSatisfy { $0.exitCode == RunResult.partialFailureExitCode && $0.summary.failed == 1 })
        #expect(results.allSatisfy { $0.entitySummaries[.customer]?.failed == 1 }, "every run counts the failure")
        let all = try bed.store.transferLog(matching: TransferLogQuery(recordID: "2001", limit: 1_000))
        #expect(all.map(\.action) == [.failed, .failed], "the first failure and the change of reason")
        #expect(all.map(\.runID) == [results[0].runID, results[4].runID])
        #expect(all.allSatisfy { $0.recordName == "Ogiltig Moms AB" })
        let queued = try #require(try bed.store.pendingRetries(entity: .customer).first)
        #expect(queued.attempts == 7)
        #expect(queued.reason.contains("\"SE1\""))

        try bed.editSevera("customers/\(guid)", ["vatNumber": "SE556677889901"])
        let fixed = await bed.run()
        #expect(fixed.exitCode == 0)
        let after = try bed.store.transferLog(matching: TransferLogQuery(recordID: "Ogiltig Moms AB", limit: 1_000))
        #expect(after.map(\.action) == [.failed, .failed, .created], "the create is the resolution")
        #expect(try bed.store.pendingRetries(entity: .customer).isEmpty)
    }

    @Test("O4: a private Fortnox customer listed again inside the feed's overlap is logged once")
    func aRepeatedSkipIsLoggedOnce() async throws {
        let bed = try await ScenarioBed()
        try bed.seedFortnoxCustomer("3001", "Anna Privat", vat: nil, isPrivate: true)

        var skipped = 0
        for _ in 0..<3 {
            let result = await bed.run()
            #expect(result.exitCode == 0)
            skipped += result.summary.skipped
        }

        #expect(skipped >= 2, "listed again inside the 5-minute overlap: \(skipped)")
        let log = try bed.store.transferLog(matching: TransferLogQuery(recordID: "3001", limit: 1_000))
        #expect(log.map(\.action) == [.skipped])
        #expect(log.first?.rule == "R2.3")
    }

    @Test("O4: a fee failing every run (money flows, TransferRunner) is logged once and counted")
    func aFailingFeeIsLoggedOnce() async throws {
        let (bed, _) = try await FeeScenarioTests.bed(defaultProduct: nil)
        try await bed.seedBookedSupplierInvoice([(project: "5100", article: nil, amount: "20")], invoiceNumber: "F-9")
        var results: [RunResult] = []
        for _ in 0..<3 { results.append(await bed.run()) }

        #expect(results.allSatisfy { $0.entitySummaries[.projectFee]?.failed == 1 }, "\(results.map(\.summary))")
        let log = try bed.store.transferLog(matching: TransferLogQuery(entity: .projectFee, actions: [.failed]))
        #expect(log.count == 1, "\(log.map(\.reason))")
        #expect(log.first?.rule == "R5.3")
        #expect(try bed.store.pendingRetries(entity: .projectFee).first?.attempts == 3)
    }
}
