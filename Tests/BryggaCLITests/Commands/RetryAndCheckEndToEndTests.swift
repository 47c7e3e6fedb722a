import BryggaCLI
import FortnoxConnector
import Foundation
import SeveraConnector
import SyncCore
import SyncStore
import Testing

/// `brygga retry` (O6) and `brygga check` (R1.4) through the built binary against a loopback sandbox.
@Suite struct RetryAndCheckEndToEndTests {
    @Test("O6: a record fixed at its source is transferred by retry --record, once")
    func recordFixedAtItsSourceIsTransferredByRetryOnce() async throws {
        let bed = try await SyncTestbed()
        let first = try await bed.brygga(["run"])
        #expect(first.status == 1, "the sample's customer 9001 has no VAT number (R2.2)")
        let runtime = try bed.runtime()
        defer { runtime.shutdown() }
        #expect(try await runtime.fortnox.customers.find(naturalKey: "9001") == nil)
        var customer = try #require(try await runtime.severa.customers.find(naturalKey: "9001"))
        customer.record.vatNumber = "SE556677889901"
        _ = try await runtime.severa.customers.update(id: customer.id, fields: ["vatNumber"], to: customer.record)

        let retry = try await bed.brygga(["retry", "--flow", "customer", "--record", "9001"])

        #expect(retry.status == 0, "\(retry.output)\(retry.errorOutput)")
        #expect(retry.output.contains("customers 1 created"), "\(retry.output)")
        let transferred = try #require(try await runtime.fortnox.customers.find(naturalKey: "9001"))
        #expect(transferred.record.vatNumber == "SE556677889901")
        let runs = try runtime.store.recentRuns(limit: 10).count
        let again = try await bed.brygga(["retry", "--flow", "customer", "--record", "9001"])
        #expect(again.status == 65, "nothing is queued for 9001 any more: \(again.output)\(again.errorOutput)")
        #expect(again.errorOutput.contains("nothing to retry: no queued customer has the id, number or name \"9001\""))
        #expect(again.errorOutput.contains("Its newest log entry: run \(runs), created"), "\(again.errorOutput)")
        #expect(try runtime.store.recentRuns(limit: 10).count == runs, "no run was recorded")
    }

    @Test("O6, O4: retry --record finds a queued customer by its name, ignoring ASCII case")
    func retryFindsARecordByName() async throws {
        let bed = try await SyncTestbed()
        #expect(try await bed.brygga(["run"]).status == 1, "the sample's customer 9001 has no VAT number")
        let runtime = try bed.runtime()
        defer { runtime.shutdown() }
        var customer = try #require(try await runtime.severa.customers.find(naturalKey: "9001"))
        #expect(customer.record.name == "Nordlund Konsult AB")
        customer.record.vatNumber = "SE556677889901"
        _ = try await runtime.severa.customers.update(id: customer.id, fields: ["vatNumber"], to: customer.record)

        let retry = try await bed.brygga(["retry", "--record", "NORDLUND konsult ab"])

        #expect(retry.status == 0, "\(retry.output)\(retry.errorOutput)")
        #expect(retry.output.contains("customers 1 created"), "\(retry.output)")
        #expect(try await runtime.fortnox.customers.find(naturalKey: "9001") != nil)
    }

    @Test("O6: retry --record naming nothing queued says so, records no run and exits 65")
    func retryOfAnUnknownRecordRunsNothing() async throws {
        let bed = try await SyncTestbed(authorize: false)

        let result = try await bed.brygga(["retry", "--record", "Nordlund Konsult AB"])

        #expect(result.status == 65, "\(result.output)\(result.errorOutput)")
        #expect(result.output.isEmpty)
        #expect(
            result.errorOutput.contains(
                "brygga: nothing to retry: no queued item has the id, number or name \"Nordlund Konsult AB\"; no run was made"
            ))
        #expect(result.errorOutput.contains("'brygga status' lists the items waiting"))
        let runtime = try bed.runtime()
        defer { runtime.shutdown() }
        #expect(try runtime.store.recentRuns(limit: 10).isEmpty)
    }

    @Test("O6: retry names the option when the flow is unknown")
    func retryNamesTheOptionWhenTheFlowIsUnknown() async throws {
        let bed = try await SyncTestbed(authorize: false)

        let result = try await bed.brygga(["retry", "--flow", "payments"])

        #expect(result.status == 64)
        #expect(result.errorOutput.contains("--flow"), "\(result.errorOutput)")
    }

    @Test("R1.4: check reports code-only and name-only matches and exits 1 until they are fixed")
    func checkReportsMismatchesAndExits1() async throws {
        let bed = try await SyncTestbed(enabled: false)
        let before = bed.records()

        let result = try await bed.brygga(["check"])

        #expect(result.status == 1, "\(result.errorOutput)")
        #expect(result.output.contains("same code, different names"), "\(result.output)")
        #expect(result.output.contains("code 9005: Severa \"Serviceavtal Guld\", Fortnox \"Serviceavtal Premium\""))
        #expect(result.output.contains("same name, different codes"))
        #expect(result.output.contains("Fix the products listed above"))
        #expect(bed.records() == before, "check reads only")
    }
}
