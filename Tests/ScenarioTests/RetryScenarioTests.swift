import FortnoxSandbox
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Retrying failed items (O6)")
struct RetryScenarioTests {
    /// How the operator has the fixed record transferred.
    enum Resend: String, CaseIterable, CustomTestStringConvertible {
        case nextRun
        case retryAll
        case retryOne

        var testDescription: String { rawValue }
    }

    @Test(
        "O6: a record fixed at the source is transferred without re-sending what went through",
        arguments: Resend.allCases)
    func fixedRecordTransferred(resend: Resend) async throws {
        let bed = try await ScenarioBed()
        let broken = try bed.seedSeveraCustomer(6001, "Trasig Moms AB", vat: "SE1")
        try bed.seedSeveraCustomer(6002, "Hel AB")
        let first = await bed.run()
        #expect(first.exitCode == RunResult.partialFailureExitCode)
        #expect(try bed.store.pendingRetries(entity: .customer).map(\.naturalKey) == ["6001"])
        try bed.editSevera("customers/\(broken)", ["vatNumber": "SE556677889901"])

        let result = await bed.run { engine in
            switch resend {
            case .nextRun: await engine.run()
            case .retryAll: await engine.retryFailed()
            case .retryOne: await engine.retryFailed(entity: .customer, recordID: "6001")
            }
        }

        #expect(result.exitCode == 0)
        #expect(try await bed.fortnoxRecord(.customers, "6001")?["VATNumber"] == "SE556677889901")
        #expect(bed.fortnoxTraffic.writes.map(\.description) == ["POST /3/customers"])
        #expect(try bed.log(of: result, .created).map(\.naturalKey) == ["6001"])
        #expect(try bed.store.pendingRetries(entity: .customer).isEmpty)
    }

    @Test("O6: a project held back by its failed customer follows the fixed customer in the next run (R3.3)")
    func projectFollowsFixedCustomer() async throws {
        let bed = try await ScenarioBed()
        let customer = try bed.seedSeveraCustomer(6101, "Saknar Moms AB", vat: nil)
        try bed.seedSeveraProject(6101, "Väntar på kunden", customer: customer)
        let first = await bed.run()
        #expect(try bed.log(of: first, .failed, entity: .project, key: "6101").first?.rule == "R3.3")
        try bed.editSevera("customers/\(customer)", ["vatNumber": "SE556677889901"])

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(try await bed.fortnoxRecord(.projects, "6101")?["Description"] == "Väntar på kunden")
        #expect(try EntityKind.flowOrder.allSatisfy { try bed.store.pendingRetries(entity: $0).isEmpty })
    }
}
