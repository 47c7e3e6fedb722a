import Foundation
import SyncCore
import SyncStore

/// `brygga log prune --before TIME`: removes old transfer-log entries, the only way any are removed (O4).
struct LogPruneCommand: Command {
    let name = "prune"
    let summary = "Remove transfer-log entries older than a date or an age (never those of records still failing)."
    let discussion = """
        The transfer log holds personal data (names, addresses, VAT numbers), so keep it no longer than \
        your retention rule says: 'brygga log prune --before 2025-01-01' or '--before 400d' removes the \
        entries older than that, except those of records still waiting in the retry queue, and records \
        the prune itself as a run of kind prune with one entry (action pruned) saying how many entries \
        went. Runs without entries left, closed write intents and old digest rows older than the date go \
        with them. Nothing else can remove or change an entry: the database refuses it.

        The removed content is overwritten in the file at once, but the file keeps its size (new entries \
        reuse the space); --vacuum also rewrites the file so that it shrinks, which holds the database \
        for a while on a large log. It takes the run lock like 'brygga run' (exit 75 while a run holds it).
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .single(
                "before", valueName: "TIME",
                help: "Remove entries older than TIME: 2025-01-01 (local midnight), a date and time, or an age "
                    + "such as 400d or 13w. Required."),
            .flag("vacuum", help: "Rewrite the database file afterwards so that it shrinks."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let display = TimeDisplay(environment: context.environment)
        let now = Date()
        guard let cutoff = try arguments.instant("before", reader: TimeArgument(zone: display.zone, now: now)) else {
            throw UsageError(
                "option --before is required: the time before which entries are removed, e.g. 2025-01-01 or 400d",
                commandPath: arguments.commandPath)
        }
        guard cutoff <= now else {
            throw UsageError(
                "option --before (\(arguments.value("before") ?? "")) lies in the future; give a past date or an age",
                commandPath: arguments.commandPath)
        }
        let configuration = try context.loadConfiguration(arguments)
        guard FileManager.default.fileExists(atPath: configuration.stateDatabasePath) else {
            context.console.print("Nothing to prune: \(configuration.stateDatabasePath) does not exist.")
            return .success
        }
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        let store = try StateStoreOpening.open(configuration, console: context.console, runLock: lock)
        let prune = try store.pruneTransferLog(before: cutoff, at: now)
        var line = "Removed \(prune.removedEntries) transfer-log entries older than \(display.string(cutoff))"
        if prune.keptEntries > 0 { line += "; kept \(prune.keptEntries) of records still failing" }
        context.console.print(line + "; run \(prune.runID) records the prune ('brygga log --run \(prune.runID)').")
        if arguments.flag("vacuum") {
            let emptied = try store.vacuum()
            context.console.print(
                "Vacuumed \(configuration.stateDatabasePath)"
                    + (emptied ? "." : "; another process still reads its write-ahead log, which empties later."))
        }
        return .success
    }
}
