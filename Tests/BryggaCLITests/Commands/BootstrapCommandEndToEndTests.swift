import BryggaCLI
import Foundation
import JSONSupport
import Sandbox
import Testing

/// `brygga bootstrap customers` through the built binary against a loopback sandbox (R2.6).
@Suite struct BootstrapCommandEndToEndTests {
    @Test("R2.6: a bootstrap from either side creates nothing twice when re-run", arguments: ["severa", "fortnox"])
    func rerunCreatesNoDuplicate(_ side: String) async throws {
        let bed = try await SyncTestbed()
        let first = try await bed.brygga(["bootstrap", "customers", "--from", side])
        #expect([0, 1].contains(first.status), "\(first.errorOutput)")
        #expect(
            first.output.range(of: #"^bootstrap 1: customers [1-9]"#, options: .regularExpression) != nil,
            "\(first.output)")
        let afterFirst = bed.records()
        let second = try await bed.brygga(["bootstrap", "customers", "--from", side])
        #expect([0, 1].contains(second.status), "\(second.errorOutput)")
        #expect(second.output.contains("customers 0 created, 0 updated"), "\(second.output)")
        #expect(bed.records() == afterFirst, "the re-run wrote nothing")
    }

    @Test("R2.6 (b): a bootstrap from Fortnox skips private customers (R2.3)")
    func fortnoxBootstrapSkipsPrivateCustomers() async throws {
        let bed = try await SyncTestbed()
        let result = try await bed.brygga(["bootstrap", "customers", "--from", "fortnox", "--dry-run"])
        #expect(result.output.contains("would skip: Fortnox customer 9004 is a private person"), "\(result.output)")
        #expect(!result.output.contains("Severa→Fortnox"), "only Fortnox's customers are transferred")
    }

    @Test("R2.6 (c): --from none touches neither side, also when the integration is disabled")
    func nothingToTransfer() async throws {
        let bed = try await SyncTestbed(enabled: false, authorize: false)
        let before = bed.records()
        let result = try await bed.brygga(["bootstrap", "customers", "--from", "none"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.hasPrefix("bootstrap 1: nothing transferred (scenario c)"))
        #expect(bed.records() == before)
    }

    @Test("R2.6: --dry-run prints the plan and changes nothing")
    func dryRunChangesNothing() async throws {
        let bed = try await SyncTestbed()
        let before = bed.records()
        let result = try await bed.brygga(["bootstrap", "customers", "--from", "severa", "--dry-run"])
        #expect(result.output.contains("would create in Fortnox"))
        #expect(bed.records() == before)
    }

    @Test("a side other than severa, fortnox or none exits 64")
    func unknownSideExits64() async throws {
        let directory = try TemporaryDirectory()
        let result = try await BryggaProcess.run(["bootstrap", "customers", "--from", "crm"], in: directory.path)
        #expect(result.status == 64)
        #expect(result.errorOutput.contains("option --from expects one of \"severa\", \"fortnox\", \"none\""))
    }
}
