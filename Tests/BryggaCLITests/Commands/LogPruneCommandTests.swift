import BryggaCLI
import Foundation
import SyncCore
import SyncStore
import Testing

/// `brygga log prune` (O4) in-process over a filled state database.
@Suite struct LogPruneCommandTests {
    /// Run 1, 40 days ago: customer 1001 created, customer 9001 failed (still queued). Run 2, now: 1002 created.
    private static func filled() throws -> StateFixture {
        let fixture = try StateFixture()
        let store = fixture.store
        let old = Date().addingTimeInterval(-40 * 86_400)
        let first = try store.startRun(kind: .incremental, at: old)
        var commit = StateCommit()
        commit.logEntries = [
            TransferLogEntry(
                runID: first, time: old, entity: .customer, direction: .pmToAccounting, action: .created, pmID: "g1",
                accountingID: "1001", naturalKey: "1001", recordName: "Åkesson & Söner AB"),
            TransferLogEntry(
                runID: first, time: old, entity: .customer, direction: .pmToAccounting, action: .failed, pmID: "g9",
                naturalKey: "9001", recordName: "Nordlund Konsult AB", reason: "the VAT number is missing",
                rule: "R2.2"),
        ]
        commit.failures = [
            PendingRetry(
                entity: .customer, side: .projectManagement, sourceID: "g9", naturalKey: "9001",
                reason: "the VAT number is missing", firstFailedAt: old, lastFailedAt: old, attempts: 1)
        ]
        try store.commit(commit)
        try store.finishRun(id: first, at: old, summary: RunSummary(), exitCode: 1)
        let second = try store.startRun(kind: .incremental, at: Date())
        commit = StateCommit()
        commit.logEntries = [
            TransferLogEntry(
                runID: second, time: Date(), entity: .customer, direction: .pmToAccounting, action: .created,
                pmID: "g2", accountingID: "1002", naturalKey: "1002")
        ]
        try store.commit(commit)
        return fixture
    }

    @Test("O4: log prune --before an age removes older entries, keeps a failing record's, and logs the prune")
    func pruneByAge() async throws {
        let fixture = try Self.filled()

        let result = await fixture.brygga(["log", "prune", "--before", "30d", "--vacuum"])

        #expect(result.status == .success, "\(result.errorOutput)")
        #expect(result.output.hasPrefix("Removed 1 transfer-log entries older than "), "\(result.output)")
        #expect(
            result.output.contains("; kept 1 of records still failing; run 3 records the prune ('brygga log --run 3').")
        )
        #expect(result.output.contains("Vacuumed \(fixture.directory.file("state.sqlite"))"))
        let log = try fixture.store.transferLog(matching: TransferLogQuery(limit: 100))
        #expect(log.map(\.naturalKey) == ["9001", "1002", nil])
        #expect(log.last?.action == .pruned)
        let shown = await fixture.brygga(["log", "--run", "3"])
        #expect(shown.output.contains("transfer_log  pruned"), "\(shown.output)")
        #expect(shown.output.contains("removed 1 entries older than"))
        let monitoring = await fixture.brygga(["status", "--max-age", "1h"])
        #expect(!monitoring.output.contains("run 3"), "a prune is not a run for monitoring: \(monitoring.output)")
    }

    @Test("O4: log prune needs --before in the past and names the forms it accepts")
    func pruneRefusesAMissingOrFutureTime() async throws {
        let fixture = try Self.filled()
        let missing = await fixture.brygga(["log", "prune"])
        #expect(missing.status == .usage)
        #expect(missing.errorOutput.contains("option --before is required"))
        let future = await fixture.brygga(["log", "prune", "--before", "2999-01-01"])
        #expect(future.status == .usage)
        #expect(future.errorOutput.contains("lies in the future"))
        let garbage = await fixture.brygga(["log", "prune", "--before", "last year"])
        #expect(garbage.status == .usage)
        #expect(garbage.errorOutput.contains("option --before expects a date (2026-12-07)"))
        #expect(try fixture.store.transferLog(matching: TransferLogQuery(limit: 100)).count == 3, "nothing removed")
    }

    @Test("O4: brygga log still runs with its own options; log --help lists prune")
    func logKeepsWorkingBesideItsSubcommand() async throws {
        let fixture = try Self.filled()
        let log = await fixture.brygga(["log", "--record", "åkesson & söner ab"])
        #expect(log.output.isEmpty, "non-ASCII letters are not folded")
        let named = await fixture.brygga(["log", "--record", "ÅKESSON & SöNER AB"])
        #expect(named.output.contains("key 1001  \"Åkesson & Söner AB\""), "\(named.output)")
        let failing = await fixture.brygga(["log", "--status", "failed"])
        #expect(failing.output.contains("    still failing: 1 attempt, the last "), "\(failing.output)")
        let help = await fixture.brygga(["log", "--help"])
        #expect(help.output.contains("Usage: brygga log [--config PATH]"))
        #expect(help.output.contains("Commands:\n  prune"), "\(help.output)")
    }
}
