import BryggaCLI
import Foundation
import Testing

/// Dry runs while the integration is disabled (O2): the first run can be previewed before it is
/// enabled, and the output says the integration is off. Through the binary, against a sandbox.
@Suite struct DisabledDryRunEndToEndTests {
    @Test("O2: run --dry-run while disabled prints the plan, says a real run would do nothing, writes nothing")
    func runDryRunWhileDisabled() async throws {
        let bed = try await SyncTestbed(enabled: false)
        let before = bed.records()

        let plan = try await bed.brygga(["run", "--dry-run"])

        #expect(plan.status == 1, "the plan has failing items: \(plan.errorOutput)")
        let lines = plan.output.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "The integration is disabled (\"enabled\": false in \(bed.directory.file("brygga.json"))): "
                + "a real 'brygga run' does nothing until 'brygga enable'; this dry run shows what it would do once enabled."
        )
        #expect(plan.output.contains("would create in Fortnox"))
        #expect(plan.output.contains("dry run 1 (dry run, nothing written): "))
        #expect(lines.last == "(The integration is disabled; see the note above.)")
        #expect(bed.records() == before)
        let real = try await bed.brygga(["run"])
        #expect(real.status == 0)
        #expect(real.output.contains("nothing was done"), "the real run still does nothing: \(real.output)")
        #expect(bed.records() == before)
    }

    @Test("O2, R2.6: bootstrap --dry-run while disabled prints the plan and says the integration is off")
    func bootstrapDryRunWhileDisabled() async throws {
        let bed = try await SyncTestbed(enabled: false)
        let before = bed.records()

        let plan = try await bed.brygga(["bootstrap", "customers", "--from", "severa", "--dry-run"])

        #expect(plan.output.hasPrefix("The integration is disabled (\"enabled\": false in "), "\(plan.output)")
        #expect(plan.output.contains("a real bootstrap still runs"))
        #expect(plan.output.contains("would create in Fortnox"))
        #expect(bed.records() == before)
    }

    @Test(
        "O2, R2.6 (c): --from none --dry-run names a disabled integration, and only a disabled one",
        arguments: [false, true])
    func nothingToTransferDryRun(enabled: Bool) async throws {
        let bed = try await SyncTestbed(enabled: enabled, authorize: false)
        let plan = try await bed.brygga(["bootstrap", "customers", "--from", "none", "--dry-run"])
        #expect(plan.status == 0, "\(plan.errorOutput)")
        #expect(plan.output.contains("Nothing to transfer (scenario c)"), "\(plan.output)")
        #expect(plan.output.hasPrefix("The integration is disabled") == !enabled, "\(plan.output)")
    }
}
