import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import SyncStore
import Testing

@Suite("Crash and lost answers (O3)")
struct RecoveryScenarioTests {
    @Test(
        "O3: a crash between the remote create and the local commit adopts the record in the next process",
        arguments: [SyncDirection.pmToAccounting, .accountingToPM])
    func crashBeforeCommit(direction: SyncDirection) async throws {
        let bed = try await ScenarioBed()
        if direction == .pmToAccounting {
            try bed.seedSeveraCustomer(9001, "Krasch AB")
        } else {
            try bed.seedFortnoxCustomer("9001", "Krasch AB")
        }
        let crashing = CrashingStateStore(wrapping: bed.store)

        let crashed = await bed.run { _ in await bed.engine(store: crashing).run() }

        #expect(crashing.hasCrashed)
        #expect(crashed.fatal?.kind == .stateStore)
        #expect(bed.fortnoxCount(.customers) == 1 && bed.severaCount("customers") == 1)
        #expect(try bed.store.linkCount(entity: .customer) == 0)

        try bed.reopenStore()
        let resumed = await bed.run()

        #expect(resumed.exitCode == 0)
        #expect(bed.fortnoxCount(.customers) == 1 && bed.severaCount("customers") == 1)
        #expect(!bed.writes.contains { $0.method == .post })
        let adopted = try #require(try bed.log(of: resumed, .linked, key: "9001").first)
        #expect(adopted.rule == "O3")
        #expect(adopted.reason?.contains("adopted") == true)
        #expect(try bed.store.linkCount(entity: .customer) == 1)
        #expect(try bed.store.openIntents().isEmpty)
        #expect(try await bed.severaCustomer("9001")?.record.addresses[.billing] != nil)
    }

    @Test("O3: an update whose answer was lost is settled by the next run without a conflict")
    func lostUpdateAnswer() async throws {
        let bed = try await ScenarioBed(faults: "PATCH /rest-api/v1/customers/*: lost-response@1")
        try bed.seedFortnoxCustomer("9201", "Före AB")
        #expect(await bed.run().exitCode == 0)
        try await bed.editFortnox(.customers, "9201", ["Name": "Efter AB"])

        let lost = await bed.run()

        #expect(lost.exitCode == RunResult.partialFailureExitCode)
        #expect(try await bed.severaCustomer("9201")?.record.name == "Efter AB")
        let settled = await bed.run()
        #expect(settled.exitCode == 0)
        #expect(try bed.log(of: settled, .conflict).isEmpty)
        #expect(bed.writes.isEmpty, "\(bed.writes)")
        #expect(try bed.store.pendingRetries(entity: .customer).isEmpty)
        #expect(await bed.run().summary == RunSummary())
    }

    @Test("O3: creates whose answers are lost leave no duplicate and end linked, addresses completed")
    func lostAnswers() async throws {
        let bed = try await ScenarioBed(
            faults: """
                POST /3/customers: lost-response@1; POST /3/articles: lost-response@1;
                POST /rest-api/v1/customers: lost-response@1; POST /rest-api/v1/customers/*/addresses: lost-response@1
                """)
        try bed.seedSeveraCustomer(9101, "Tappat Svar AB")
        try bed.seedFortnoxCustomer("9102", "Tappat Svar Fortnox AB")
        try bed.seedSeveraProduct(code: "9103", name: "Tappad vara", unit: "st", price: "99")

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(bed.fortnoxCount(.customers) == 2)
        #expect(bed.severaCount("customers") == 2)
        #expect(bed.fortnoxCount(.articles) == 1)
        #expect(try bed.store.linkCount(entity: .customer) == 2)
        #expect(try bed.store.linkCount(entity: .product) == 1)
        let completed = try #require(try await bed.severaCustomer("9102"))
        #expect(completed.record.addresses[.billing]?.lines == ["Kungsgatan 2"])
        #expect(bed.severaCount("addresses") == 2)
        #expect(try await bed.fortnoxRecord(.articles, "9103")?["SalesPrice"]?.numberValue?.decimal == 99)
        #expect(try bed.store.openIntents().isEmpty)

        let again = await bed.run()
        #expect(again.exitCode == 0)
        #expect(bed.writes.isEmpty, "\(bed.writes)")
    }
}
