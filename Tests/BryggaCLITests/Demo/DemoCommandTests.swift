import Foundation
import SyncCore
import SyncStore
import Testing

@Suite("brygga demo, the newcomer's first command") struct DemoCommandTests {
    @Test("the demo carries an edit from each side, settles a conflict by the master and creates nothing twice")
    func demoCarriesEditsSettlesTheConflictAndCreatesNothingTwice() async throws {
        let directory = try TemporaryDirectory()

        let result = try await BryggaProcess.run(["demo", "--state-dir", directory.path], in: directory.path)

        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(
            result.output.contains(
                "conflict email: Severa \"finance@example.se\", Fortnox \"invoices@example.se\"; Severa wins"))
        #expect(result.output.contains("Run 4 changed nothing"))
        #expect(result.output.contains("booked and paid in full by the accountant"))
        #expect(result.output.contains("moved from \"Transferred\" to \"Paid\" (R6.1)"), "R6.1 in the demo")
        let store = try SQLiteStateStore(path: directory.file("brygga-state.sqlite"))
        let log = try store.transferLog(matching: TransferLogQuery(limit: 100_000))
        let created = log.filter { $0.action == .created }.map { "\($0.entity) \($0.naturalKey ?? "")" }
        #expect(!created.isEmpty)
        #expect(Set(created).count == created.count, "every record is created once")
        // The last run may log nothing at all: its still-failing records are not logged again (O4).
        let lastRun = try #require(try store.recentRuns(limit: 1).first?.id)
        let lastWrites = log.filter { $0.runID == lastRun && [.created, .updated, .conflict].contains($0.action) }
        #expect(lastWrites.isEmpty, "the last run finds nothing to write (echo suppression, O3)")
    }

    @Test("O7: every invalid sample record is named in the demo's output with its rule")
    func everyInvalidSampleRecordIsNamedWithItsRule() async throws {
        let directory = try TemporaryDirectory()

        let result = try await BryggaProcess.run(["demo", "--state-dir", directory.path], in: directory.path)

        for expected in [
            "the VAT number is missing (R2.2)", "has no address (R2.2)", "codes must be numeric (R1.2)",
            "which does not exist in Fortnox (R1.3)", "not merged", "is a private person",
            "is not transferred to Fortnox yet (R3.3)",
        ] {
            #expect(result.output.contains(expected), "missing from the demo output: \(expected)")
        }
    }
}
