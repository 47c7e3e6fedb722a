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
}
