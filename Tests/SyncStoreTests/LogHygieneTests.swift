import Foundation
import SyncCore
import Testing

@testable import SyncStore

/// The transfer log stays small (O4): what the store appends of a commit's entries.
@Suite struct LogHygieneTests {
    /// A store with one run, and the commits a runner makes for a customer that fails.
    private struct Bed {
        let directory: TemporaryDirectory
        let store: SQLiteStateStore
        let runID: Int64

        init() throws {
            directory = try TemporaryDirectory()
            store = try SQLiteStateStore(path: directory.databasePath)
            runID = try store.startRun(kind: .incremental, at: StoreFixtures.time(0))
        }

        /// What a runner commits when Severa customer `guid-1` (number 1042) fails for `reason`.
        func failure(_ reason: String, at milliseconds: Int64, name: String? = "Åkesson & Söner AB") -> StateCommit {
            var commit = StateCommit()
            commit.logEntries = [
                TransferLogEntry(
                    runID: runID, time: StoreFixtures.time(milliseconds), entity: .customer,
                    direction: .pmToAccounting, action: .failed, pmID: "guid-1", accountingID: "1042",
                    naturalKey: "1042", recordName: name, reason: reason, hint: "fix the VAT number in Severa",
                    rule: "R2.2")
            ]
            commit.failures = [
                PendingRetry(
                    entity: .customer, side: .projectManagement, sourceID: "guid-1", naturalKey: "1042",
                    reason: reason, firstFailedAt: StoreFixtures.time(milliseconds),
                    lastFailedAt: StoreFixtures.time(milliseconds), attempts: 1)
            ]
            commit.run = (runID, StoreFixtures.time(milliseconds))
            return commit
        }

        func log() throws -> [TransferLogEntry] {
            try store.transferLog(matching: TransferLogQuery(limit: 1_000))
        }
    }

    @Test("O4: a record failing again for the same reason is counted in the queue, not logged again")
    func aRepeatedFailureIsCountedNotLogged() throws {
        let bed = try Bed()
        for minute in 0..<5 {
            try bed.store.commit(bed.failure("the VAT number is invalid", at: Int64(minute) * 300_000))
        }

        #expect(try bed.log().map(\.action) == [.failed], "only the first failure is logged")
        let queued = try #require(try bed.store.pendingRetries(entity: .customer).first)
        #expect(queued.attempts == 5)
        #expect(queued.firstFailedAt == StoreFixtures.time(0))
        #expect(queued.lastFailedAt == StoreFixtures.time(1_200_000), "the last try")
        #expect(queued.rule == "R2.2")
        #expect(queued.hint == "fix the VAT number in Severa")
        #expect(queued.recordName == "Åkesson & Söner AB")
        #expect(queued.counterpartID == "1042", "the id on the other side, from the entry")
    }

    @Test("O4: every change of reason is logged, and a return to an earlier reason too")
    func aChangedReasonIsLogged() throws {
        let bed = try Bed()
        try bed.store.commit(bed.failure("the VAT number is missing", at: 0))
        try bed.store.commit(bed.failure("the VAT number is missing", at: 1))
        try bed.store.commit(bed.failure("the VAT number is invalid", at: 2))
        try bed.store.commit(bed.failure("the VAT number is invalid", at: 3))
        try bed.store.commit(bed.failure("the VAT number is missing", at: 4))

        #expect(
            try bed.log().map(\.reason) == [
                "the VAT number is missing", "the VAT number is invalid", "the VAT number is missing",
            ])
        #expect(try bed.store.pendingRetries(entity: .customer).first?.attempts == 5)
    }

    @Test("O4: a record that stops failing without a transfer gets a resolved entry; one that transfers does not")
    func theResolutionIsLogged() throws {
        let bed = try Bed()
        try bed.store.commit(bed.failure("the VAT number is invalid", at: 0))
        try bed.store.commit(bed.failure("the VAT number is invalid", at: 1))
        var fixed = StateCommit()
        fixed.resolvedFailures = [RecordReference(entity: .customer, side: .projectManagement, id: "guid-1")]
        fixed.run = (bed.runID, StoreFixtures.time(2))
        try bed.store.commit(fixed)

        let log = try bed.log()
        #expect(log.map(\.action) == [.failed, .resolved])
        let resolved = try #require(log.last)
        #expect(resolved.pmID == "guid-1" && resolved.naturalKey == "1042")
        #expect(resolved.recordName == "Åkesson & Söner AB")
        #expect(
            resolved.reason == "no longer fails, and nothing needed transferring; it had failed (2 attempts): "
                + "the VAT number is invalid")
        #expect(resolved.rule == "R2.2")
        #expect(try bed.store.pendingRetries(entity: .customer).isEmpty)

        try bed.store.commit(bed.failure("the VAT number is invalid", at: 3))
        var transferred = StateCommit()
        transferred.logEntries = [
            StoreFixtures.entry(run: bed.runID, .customer, .updated, pm: "guid-1", acct: "1042", key: "1042", at: 4)
        ]
        transferred.resolvedFailures = fixed.resolvedFailures
        transferred.run = (bed.runID, StoreFixtures.time(4))
        try bed.store.commit(transferred)
        #expect(
            try bed.log().map(\.action) == [.failed, .resolved, .failed, .updated],
            "failing again after a resolution is a new failure; the update is the resolution")
    }

    @Test("O4: a skip repeated while nothing else happened to the record is logged once")
    func aRepeatedSkipIsLoggedOnce() throws {
        let bed = try Bed()
        func skip(at milliseconds: Int64) -> StateCommit {
            var commit = StateCommit()
            let entry = TransferLogEntry(
                runID: bed.runID, time: StoreFixtures.time(milliseconds), entity: .customer,
                direction: .accountingToPM, action: .skipped, accountingID: "77", naturalKey: "77",
                reason: "customer 77 is a private person", rule: "R2.3")
            commit.logEntries = [entry, entry]
            return commit
        }
        try bed.store.commit(skip(at: 0))
        try bed.store.commit(skip(at: 1))
        #expect(try bed.log().map(\.action) == [.skipped], "once, also within one commit")

        var changed = StateCommit()
        changed.logEntries = [
            TransferLogEntry(
                runID: bed.runID, time: StoreFixtures.time(2), entity: .customer, direction: .accountingToPM,
                action: .created, accountingID: "77", naturalKey: "77")
        ]
        try bed.store.commit(changed)
        try bed.store.commit(skip(at: 3))
        #expect(try bed.log().map(\.action) == [.skipped, .created, .skipped], "after another decision it is logged")
    }

    @Test("O4: a dry run's planned entries are never left out")
    func aDryRunsPlanIsNeverShortened() throws {
        let bed = try Bed()
        var planned = bed.failure("the VAT number is invalid", at: 0)
        planned.logEntries[0].action = .planned
        planned.failures = []
        try bed.store.commit(bed.failure("the VAT number is invalid", at: 0))
        try bed.store.commit(planned)
        try bed.store.commit(planned)
        #expect(try bed.log().map(\.action) == [.failed, .planned, .planned], "a dry run's plan is kept whole")
    }

    @Test("O4: --record finds entries by the record's name, ignoring ASCII case; older entries by id or number")
    func entriesAreFoundByName() throws {
        let bed = try Bed()
        try bed.store.commit(bed.failure("the VAT number is invalid", at: 0, name: "Åkesson & Söner AB"))
        var unnamed = StateCommit()
        unnamed.logEntries = [StoreFixtures.entry(run: bed.runID, .customer, .created, pm: "guid-2", key: "2001")]
        try bed.store.commit(unnamed)

        for name in ["Åkesson & Söner AB", "ÅKESSON & SöNER ab"] {
            let found = try bed.store.transferLog(matching: TransferLogQuery(recordID: name))
            #expect(found.map(\.pmID) == ["guid-1"], "\(name)")
        }
        #expect(
            try bed.store.transferLog(matching: TransferLogQuery(recordID: "åkesson & söner ab")).isEmpty,
            "only ASCII letters fold, as SQLite's NOCASE")
        #expect(try bed.store.transferLog(matching: TransferLogQuery(recordID: "2001")).map(\.pmID) == ["guid-2"])
    }
}
