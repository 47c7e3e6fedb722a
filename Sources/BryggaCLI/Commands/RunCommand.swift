import SyncCore

/// `brygga run [--dry-run]`: one incremental synchronisation, as cron runs it (O2, O3).
struct RunCommand: Command {
    let name = "run"
    let summary = "Synchronise what changed since the last run (what cron runs)."
    let discussion = """
        Takes the run lock, retries failed items, then transfers the products, customers and projects \
        that changed on either side since the last run. Prints one summary line on success. When \
        "enabled" is false it says so and exits 0 without touching anything.

        With --dry-run it prints the plan instead (what would be created, updated, linked, skipped or \
        failed, with field diffs and reasons) and writes nothing to Severa or Fortnox; the plan is kept \
        in the transfer log under the dry run's id ('brygga log --run ID').

        SIGINT or SIGTERM stops after the current batch; committed work is kept and the next run \
        resumes (exit 130 or 143).
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .flag("dry-run", help: "Print the plan; write nothing to Severa or Fortnox and move no cursor."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let dryRun = arguments.flag("dry-run")
        return try await SyncSession.perform(
            arguments, context: context, label: dryRun ? "dry run" : "run", isDryRun: dryRun
        ) { runtime in
            await runtime.engine.run(dryRun: dryRun)
        }
    }
}
