import Foundation
import SyncCore
import Testing

@testable import SyncStore

@Suite struct RunTests {
    @Test func runsGetIncreasingIdsAndKeepTheirSummary() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let first = try store.startRun(kind: .incremental, at: StoreFixtures.time(0))
        let second = try store.startRun(kind: .dryRun, at: StoreFixtures.time(1_000))
        #expect(second > first)

        var summary = RunSummary()
        summary.created = 3
        summary.updated = 2
        summary.linked = 7
        summary.skipped = 1
        summary.conflicts = 4
        summary.failed = 5
        summary.planned = 6
        try store.finishRun(id: first, at: StoreFixtures.time(500), summary: summary, exitCode: 2)

        let runs = try store.recentRuns(limit: 10)
        #expect(
            runs == [
                SyncRun(id: second, kind: .dryRun, startedAt: StoreFixtures.time(1_000)),
                SyncRun(
                    id: first, kind: .incremental, startedAt: StoreFixtures.time(0),
                    finishedAt: StoreFixtures.time(500), summary: summary, exitCode: 2),
            ])
    }

    @Test func recentRunsAreTheNewestOnesUpToTheLimit() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        var ids: [Int64] = []
        for (index, kind) in [RunKind.bootstrap, .incremental, .retry, .incremental].enumerated() {
            ids.append(try store.startRun(kind: kind, at: StoreFixtures.time(Int64(index))))
        }
        #expect(try store.recentRuns(limit: 2).map(\.id) == [ids[3], ids[2]])
        #expect(try store.recentRuns(limit: 2).map(\.kind) == [.incremental, .retry])
        #expect(try store.recentRuns(limit: 0).isEmpty)
    }

    @Test func finishingAnUnknownRunFailsNamingTheRunAndThePath() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.databasePath)
        let error = #expect(throws: StateStoreError.self) {
            try store.finishRun(id: 42, at: StoreFixtures.time(0), summary: RunSummary(), exitCode: 0)
        }
        #expect(error?.kind == .failed)
        #expect(error?.message.contains("no run with id 42") == true)
        #expect(error?.description.contains(directory.databasePath) == true)
    }
}
