import Foundation
import JSONSupport
import SyncCore
import SyncStore

/// `brygga log`: the transfer log (O4), newest entry last, filtered.
struct LogCommand: Command {
    let name = "log"
    let summary = "Show the transfer log: what was transferred, skipped or failed, and why."
    let discussion = """
        Prints the newest entries (50 unless --limit says otherwise), oldest first, so the newest is \
        at the bottom. Each entry is one line with the time (UTC), run, flow, action, direction and \
        the ids (key = customer number, article number or project number; pm = Severa id; acct = \
        Fortnox id), followed by indented lines with the reason and the rule, the fix for a failure, \
        the fields written (old → new) and conflicts with the side that won.

        Filters combine: --run 12 --status failed shows what failed in run 12; --since limits by time. --record matches the \
        Severa id, the Fortnox id or the natural key. --json prints one JSON object per line instead \
        (members: sequence, run, time, entity, direction, action, pmID, accountingID, naturalKey, \
        reason, hint, rule, changes, conflicts).

        Actions: created, updated, linked, skipped, conflict, failed, planned (a dry run's plan).
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .single("run", valueName: "ID", help: "Only entries of this run."),
            .single("flow", valueName: "FLOW", help: "Only this flow: \(ParsedArguments.flowChoices)."),
            .repeated(
                "action", valueName: "ACTION",
                help: "Only these actions (repeat, or separate with commas), e.g. failed,conflict."),
            .repeated("status", valueName: "ACTION", help: "The same as --action."),
            .single("record", valueName: "ID", help: "Only entries of this record (Severa id, Fortnox id or key)."),
            .single(
                "since", valueName: "TIME",
                help: "Only entries at or after TIME: 2026-03-02 (UTC midnight) or 2026-03-02T06:00:00Z."),
            .single("limit", valueName: "N", help: "At most N entries, the newest (default 50)."),
            .flag("json", help: "One JSON object per line."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let query = try Self.query(arguments)
        let configuration = try context.loadConfiguration(arguments)
        guard FileManager.default.fileExists(atPath: configuration.stateDatabasePath) else {
            context.console.printError(
                "no transfer log yet: \(configuration.stateDatabasePath) does not exist; 'brygga run' creates it")
            return .success
        }
        let store = try StateStoreOpening.open(configuration)
        let entries = try store.transferLog(matching: query)
        for entry in entries {
            if arguments.flag("json") {
                context.console.print(JSONSerializer.string(entry.json))
            } else {
                for line in TransferLogFormatter.lines(entry) { context.console.print(line) }
            }
        }
        return .success
    }

    /// The store query the options ask for.
    ///
    /// - Throws: ``UsageError`` naming the option and the accepted values.
    static func query(_ arguments: ParsedArguments) throws(UsageError) -> TransferLogQuery {
        var query = TransferLogQuery(limit: 50)
        query.runID = try arguments.value("run", expected: "a run id (a positive whole number)") { text in
            Int64(text).flatMap { $0 > 0 ? $0 : nil }
        }
        query.entity = try arguments.flow()
        for option in ["action", "status"] {
            for value in arguments.values(option) {
                for word in value.split(separator: ",") {
                    guard let action = TransferAction(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                        let names = TransferAction.allCases.map(\.rawValue).joined(separator: ", ")
                        throw UsageError(
                            "option --\(option) expects one of \(names), found \"\(word)\"",
                            commandPath: arguments.commandPath)
                    }
                    query.actions.insert(action)
                }
            }
        }
        query.recordID = arguments.value("record")
        query.since = try arguments.value("since", expected: "a date (2026-03-02) or UTC time (2026-03-02T06:00:00Z)") {
            text in
            (try? Date(text, strategy: Date.ISO8601FormatStyle()))
                ?? (try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()))
        }
        query.limit = try arguments.integer("limit", in: 1...1_000_000) ?? 50
        return query
    }
}
