import SyncCore

/// Prints what a run, bootstrap or dry run did and picks its exit status (O3).
///
/// A real run prints one summary line (counts per entity); a dry run prints its plan, entry by entry,
/// then the summary. A fatal failure is thrown as a ``CommandFailure`` with the engine's exit code
/// (69, 74, 75, 77 …); failed items make the status 1.
struct RunReporter {
    /// What the summary calls the run, e.g. `run` or `bootstrap`.
    let label: String
    /// Where the output goes.
    let console: any Console
    /// The flows the summary lists, in flow order.
    let entities: [EntityKind]
    /// How a dry run's plan is written.
    var formatter = TransferLogFormatter()

    /// Reports `result`.
    ///
    /// - Returns: ``ExitCode/success``, or ``ExitCode/partialFailure`` when items failed.
    /// - Throws: ``CommandFailure`` when the run stopped early.
    func report(_ result: RunResult) throws -> ExitCode {
        let runName = result.runID.map { "\(label) \($0)" } ?? label
        if result.kind == .dryRun {
            printPlan(result)
            console.print("\(runName) (dry run, nothing written): \(Self.counts(result.projected))")
        } else if result.runID != nil {
            // Per-entity counts of every decision, also the failures the log does not repeat (O4).
            let parts = entities.map { "\(Self.plural($0)) \(Self.counts(result.entitySummaries[$0] ?? RunSummary()))" }
            console.print(
                "\(runName): " + (parts.isEmpty ? Self.counts(result.summary) : parts.joined(separator: "; ")))
        }
        if let fatal = result.fatal {
            var message = "\(runName) stopped: \(fatal.message)"
            if result.kind != .dryRun { message += "; the work done so far is kept and the next run resumes" }
            throw CommandFailure(ExitCode(rawValue: fatal.exitCode), message)
        }
        if result.hasFailures {
            // A record failing as before is not logged again, so the run's own entries may not show it.
            console.printError(
                "\(result.projected.failed) item(s) failed; 'brygga status' lists them and 'brygga log --status "
                    + "failed' shows when each started failing. They are retried on the next run.")
            return .partialFailure
        }
        return .success
    }

    /// The plan of a dry run, one entry after the other.
    private func printPlan(_ result: RunResult) {
        if result.entries.isEmpty { console.print("Nothing to do.") }
        for entry in result.entries {
            for line in formatter.lines(entry) { console.print(line) }
        }
        if result.omittedEntryCount > 0, let runID = result.runID {
            console.print(
                "… and \(result.omittedEntryCount) more; see 'brygga log --run \(runID) --limit "
                    + "\(result.entries.count + result.omittedEntryCount)'")
        }
    }

    /// `2 created, 1 updated, 5 linked, 0 skipped, 0 conflicts, 1 failed`.
    static func counts(_ summary: RunSummary) -> String {
        "\(summary.created) created, \(summary.updated) updated, \(summary.linked) linked, "
            + "\(summary.skipped) skipped, \(summary.conflicts) conflicts, \(summary.failed) failed"
    }

    /// `products`, `customers`, `projects`.
    static func plural(_ entity: EntityKind) -> String {
        entity.rawValue + "s"
    }
}
