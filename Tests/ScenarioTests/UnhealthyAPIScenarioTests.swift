import FortnoxSandbox
import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit
import SyncCore
import Testing

/// The whole stack against a sandbox that answers with something that is not the API's: an HTML
/// maintenance page, a body cut in half. Monitoring keyed on exit 69 must see an outage, and nothing
/// may be lost or created twice (O3, O7).
@Suite("Unhealthy APIs are outages (O7)")
struct UnhealthyAPIScenarioTests {
    /// Customers only, one record per batch: each counterpart lookup is committed before the next.
    static let oneByOne = EngineConfiguration(enabledFlows: [.customer], writeConcurrency: 1, batchSize: 1)

    /// Five Severa customers transferred to Fortnox, then renamed in Severa: the next run looks each one
    /// up in Fortnox (`GET /3/customers/N`, one after the other) before updating it.
    private static func fiveLinkedThenRenamed() async throws -> ScenarioBed {
        let bed = try await ScenarioBed(configuration: oneByOne)
        var guids: [String] = []
        for number in Int64(4001)...4005 { guids.append(try bed.seedSeveraCustomer(number, "Kund \(number) AB")) }
        let first = await bed.run()
        #expect(first.exitCode == 0, "\(first.fatal?.message ?? "")")
        for guid in guids { try bed.editSevera("customers/\(guid)", ["name": "Renamed AB"]) }
        return bed
    }

    private static func renamedInFortnox(_ bed: ScenarioBed) async throws -> Int {
        var count = 0
        for number in 4001...4005 where try await bed.fortnoxRecord(.customers, String(number))?["Name"] == "Renamed AB"
        {
            count += 1
        }
        return count
    }

    @Test(
        "O7: a maintenance page answering 200 on a listing exits 69 naming the API, the request and the first bytes",
        arguments: [
            ("GET /3/customers: html200@1", "Fortnox GET /3/customers?limit=500&page=1: "),
            ("GET /rest-api/v1/customers: html200@1", "Severa GET /v1/customers: "),
        ])
    func maintenancePageOnAListing(spec: String, request: String) async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraProduct(code: "100", name: "Konsult", unit: "h")
        try bed.seedSeveraCustomer(1001, "Alfa AB")
        bed.sandbox.injectFaults(try FaultPlan.parse(spec))

        let result = await bed.run()

        #expect(result.exitCode == 69)
        #expect(result.fatal?.kind == .unhealthyAnswer)
        let message = result.fatal?.message ?? ""
        #expect(message.hasPrefix(request + "the answer is not the"), "\(message)")
        #expect(message.contains("an HTML page instead of JSON (HTTP 200, Content-Type text/html; charset=utf-8, "))
        #expect(message.contains(#"bytes: "<!DOCTYPE html>\n<html><head><title>Scheduled maintenance"#), "\(message)")
        #expect(try bed.store.linkCount(entity: .product) == 1, "the product flow, done before, is committed")
        #expect(try bed.store.cursor(side: .projectManagement, entity: .customer) == nil)
        #expect(bed.fortnoxCount(.customers) == 0)
    }

    @Test(
        "O7: the token endpoint answering with a maintenance page exits 69 (not 77: the credentials are fine)",
        arguments: ["POST /oauth-v1/token: html200@1", "POST /rest-api/v1/token: html200@1"])
    func maintenancePageOnTheTokenEndpoint(spec: String) async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraCustomer(1001, "Alfa AB")
        bed.clock.advance(by: 7200)  // the Fortnox access token has expired: the run must refresh it
        bed.sandbox.injectFaults(try FaultPlan.parse(spec))

        let result = await bed.run()

        #expect(result.exitCode == 69)
        #expect(result.fatal?.kind == .unhealthyAnswer)
        let message = result.fatal?.message ?? ""
        #expect(message.contains("token endpoint's: an HTML page instead of JSON (HTTP 200"), "\(message)")
        #expect(bed.fortnoxCount(.customers) == 0)
    }

    @Test("O7: maintenance pages answering three record reads in a row exit 69; the batches before are committed")
    func threeRecordReadsInARow() async throws {
        let bed = try await Self.fiveLinkedThenRenamed()
        bed.sandbox.injectFaults(try FaultPlan.parse("GET /3/customers/*: html200@3, html200@4, html200@5"))

        let stopped = await bed.run()

        #expect(stopped.exitCode == 69)
        #expect(stopped.fatal?.kind == .unhealthyAnswer)
        let message = stopped.fatal?.message ?? ""
        #expect(
            message.hasPrefix(
                "Fortnox answered 3 record reads in a row with something that is not its API's answer, so it is "
                    + "treated as unavailable; the last: Fortnox GET /3/customers/"), "\(message)")
        #expect(try bed.log(of: stopped, .updated, entity: .customer).count == 2)
        #expect(try bed.log(of: stopped, .failed, entity: .customer).count == 2)
        #expect(try await Self.renamedInFortnox(bed) == 2, "the two records before the outage were committed")

        let next = await bed.run()

        #expect(next.exitCode == 0, "\(next.fatal?.message ?? "")")
        #expect(try await Self.renamedInFortnox(bed) == 5)
        #expect(bed.fortnoxCount(.customers) == 5)
    }

    @Test("O7: one record read answered by a maintenance page fails that record only (exit 1); the next run does it")
    func oneRecordReadAmongGoodOnes() async throws {
        let bed = try await Self.fiveLinkedThenRenamed()
        bed.sandbox.injectFaults(try FaultPlan.parse("GET /3/customers/*: html200@2"))

        let result = await bed.run()

        #expect(result.fatal == nil)
        #expect(result.exitCode == RunResult.partialFailureExitCode)
        let failed = try bed.log(of: result, .failed, entity: .customer)
        #expect(failed.count == 1)
        #expect(failed.first?.reason?.contains("the answer is not the Fortnox API's: an HTML page") == true)
        #expect(try await Self.renamedInFortnox(bed) == 4)
        #expect(try bed.store.pendingRetries(entity: .customer).count == 1)

        let next = await bed.run()

        #expect(next.exitCode == 0)
        #expect(try await Self.renamedInFortnox(bed) == 5)
        #expect(try bed.store.pendingRetries(entity: .customer).isEmpty)
    }

    @Test("O3: a create answered by JSON cut in half is an unknown outcome: looked up, adopted, never duplicated")
    func truncatedAnswerToACreate() async throws {
        let bed = try await ScenarioBed(configuration: Self.oneByOne)
        try bed.seedSeveraCustomer(5001, "Halv AB")
        bed.sandbox.injectFaults(try FaultPlan.parse("POST /3/customers: truncated@1"))

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.fatal?.message ?? "")")
        let linked = try #require(try bed.log(of: result, .linked, entity: .customer, key: "5001").first)
        #expect(linked.reason == "adopted record created by an interrupted run")
        #expect(bed.fortnoxCount(.customers) == 1)
        #expect(try bed.store.openIntents().isEmpty)
        let again = await bed.run()
        #expect(again.exitCode == 0)
        #expect(bed.fortnoxCount(.customers) == 1)
    }

    @Test("O3: a create answered by a maintenance page (never carried out) fails; the next run creates it once")
    func maintenancePageToACreate() async throws {
        let bed = try await ScenarioBed(configuration: Self.oneByOne)
        try bed.seedSeveraCustomer(5002, "Sida AB")
        bed.sandbox.injectFaults(try FaultPlan.parse("POST /3/customers: html200@1"))

        let result = await bed.run()

        #expect(result.exitCode == RunResult.partialFailureExitCode)
        let failed = try #require(try bed.log(of: result, .failed, entity: .customer, key: "5002").first)
        #expect(failed.reason?.contains("was not found afterwards, so it was not created") == true)
        #expect(bed.fortnoxCount(.customers) == 0)

        let next = await bed.run()

        #expect(next.exitCode == 0)
        #expect(bed.fortnoxCount(.customers) == 1)
    }
}
