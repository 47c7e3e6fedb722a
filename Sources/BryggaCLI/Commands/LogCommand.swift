import Foundation
import JSONSupport
import SyncCore
import SyncStore

/// `brygga log`: the transfer log (O4), newest entry last, filtered; as text, JSON lines, CSV or an
/// HTML report.
struct LogCommand: Command {
    let name = "log"
    let summary = "Show the transfer log: what was transferred, skipped or failed, and why."
    let discussion = """
        Prints the newest entries (50 unless --limit says otherwise), oldest first, so the newest is \
        at the bottom. Each entry is one line with the time (local, with its UTC offset; --utc for \
        UTC), run, flow, action, direction and the ids (key = customer number, article number or \
        project number; pm = Severa id; acct = Fortnox id), followed by indented lines with the reason \
        and the rule, the fix for a failure, the fields written (old → new; money as 1250.00 SEK) and \
        conflicts with the side that won. Reasons are wrapped at 120 columns only in a terminal. The \
        record's name follows its key in quotes (entries written since schema version 3).

        A record that keeps failing for the same reason is logged when it starts failing, when the \
        reason changes and when it is resolved (O4); the tries in between are counted in the retry \
        queue, and the newest failure shown of a record still failing is followed by a line with its \
        attempts and the last try. A record that stops failing without anything to transfer gets an \
        entry of action resolved.

        Filters combine: --run 12 --status failed shows what failed in run 12; --since and --until \
        limit by time: a date (2026-12-07, local midnight; for --until the whole day is included), a \
        date and time (2026-12-07T08:30 or "2026-12-07 08:30", local unless a zone follows: Z, \
        +01:00), or an age (30m, 12h, 7d, 2w: that long ago). --record matches the Severa id, the \
        Fortnox id, the number/code or the record's name (ignoring the case of ASCII letters; entries \
        written before schema version 3 have no name); when nothing matches, a note goes to standard \
        error (exit 0).

        Formats: --json prints one JSON object per line (members: sequence, run, time in UTC, entity, \
        direction, action, pmID, accountingID, naturalKey, recordName, reason, hint, rule, changes, \
        conflicts); \
        --csv prints RFC 4180 CSV with a header row, one record per entry; --html FILE writes a \
        self-contained report, one row per record with its history folded in, records still failing \
        first. --csv and --html read the newest 10000 entries unless --limit says otherwise.

        Actions: created, updated, linked, skipped, conflict, failed, planned (a dry run's plan), \
        resolved, pruned ('brygga log prune', which removes old entries).
        """

    var subcommands: [any Command] { [LogPruneCommand()] }
    var isGroup: Bool { false }

    /// The entries read when `--limit` is not given: a screenful for text and JSON, more for files.
    static let defaultLimit = 50
    /// The entries `--csv` and `--html` read when `--limit` is not given.
    static let defaultExportLimit = 10_000

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .single("run", valueName: "ID", help: "Only entries of this run."),
            .single("flow", valueName: "FLOW", help: "Only this flow: \(ParsedArguments.flowChoices)."),
            .repeated(
                "action", valueName: "ACTION",
                help: "Only these actions (repeat, or separate with commas), e.g. failed,conflict."),
            .repeated("status", valueName: "ACTION", help: "The same as --action."),
            .single(
                "record", valueName: "ID",
                help: "Only entries of this record (Severa id, Fortnox id, key, or name)."),
            .single(
                "since", valueName: "TIME",
                help: "Only entries at or after TIME: 2026-12-07, 2026-12-07T08:30 (local), …T08:30Z, "
                    + "…T08:30+01:00, or an age such as 7d."),
            .single(
                "until", valueName: "TIME",
                help: "Only entries before TIME (same forms; a bare date includes that whole day)."),
            .single(
                "limit", valueName: "N", help: "At most N entries, the newest (default 50; 10000 for --csv, --html)."),
            .flag("utc", help: "Show times in UTC instead of the local time zone (TZ)."),
            .flag("json", help: "One JSON object per line."),
            .flag("csv", help: "CSV (RFC 4180) with a header row, one record per entry, for spreadsheets."),
            .single("html", valueName: "FILE", help: "Write a self-contained HTML report to FILE."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let format = try LogOutputFormat(arguments)
        let display = TimeDisplay(environment: context.environment, utc: arguments.flag("utc"))
        let now = Date()
        var query = try Self.query(arguments, reader: TimeArgument(zone: display.zone, now: now))
        if arguments.value("limit") == nil, format.isExport { query.limit = Self.defaultExportLimit }
        let configuration = try context.loadConfiguration(arguments)
        guard FileManager.default.fileExists(atPath: configuration.stateDatabasePath) else {
            context.console.printError(
                "no transfer log yet: \(configuration.stateDatabasePath) does not exist; 'brygga run' creates it")
            return .success
        }
        let store = try StateStoreOpening.open(configuration, console: context.console)
        // One entry more than asked tells whether the limit cut older ones off.
        var wider = query
        wider.limit += 1
        var entries = try store.transferLog(matching: wider)
        let truncated = entries.count > query.limit
        if truncated { entries.removeFirst() }
        let console = context.console
        switch format {
        case .text:
            let formatter = TransferLogFormatter(context: context, utc: arguments.flag("utc"))
            let attempts = try RetryAttempts(store: store).lastFailures(in: entries)
            for (index, entry) in entries.enumerated() {
                for line in formatter.lines(entry) { console.print(line) }
                if let retry = attempts[index] { console.print("    " + RetryAttempts.describe(retry, time: display)) }
            }
        case .json:
            for entry in entries { console.print(JSONSerializer.string(entry.json)) }
        case .csv:
            console.writeOutput(TransferLogCSV.headerRecord)
            for entry in entries { console.writeOutput(TransferLogCSV.record(entry, time: display)) }
            if truncated { console.printError(Self.truncationNote(query.limit)) }
        case .html(let path):
            let histories = RecordHistory.group(entries)
            let heading = TransferLogHTMLReport.Heading(
                generatedAt: now, database: configuration.stateDatabasePath, filters: Self.filterWords(arguments),
                entryCount: entries.count, truncatedAt: truncated ? query.limit : nil)
            let page = TransferLogHTMLReport(time: display).page(histories, heading: heading)
            let file = context.absolutePath(path)
            try AtomicFileWriter.write(Data(page.utf8), to: file, replacing: true)
            let failing = histories.filter { $0.standing == .failing }.count
            console.print(
                "Wrote \(file): \(histories.count) record(s) from \(entries.count) entries, \(failing) still failing.")
            if truncated { console.printError(Self.truncationNote(query.limit)) }
        }
        if entries.isEmpty { console.printError(try Self.nothingMatched(query, store: store)) }
        return .success
    }

    /// The store query the options ask for.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - reader: Reads `--since` and `--until`.
    /// - Returns: The query, with the text and JSON default limit.
    /// - Throws: ``UsageError`` naming the option and the accepted values.
    static func query(_ arguments: ParsedArguments, reader: TimeArgument) throws(UsageError) -> TransferLogQuery {
        var query = TransferLogQuery(limit: defaultLimit)
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
        query.since = try arguments.instant("since", reader: reader)
        query.until = try arguments.instant("until", reader: reader, endOfDay: true)
        if let since = query.since, let until = query.until, until <= since {
            throw UsageError(
                "option --until (\(arguments.value("until") ?? "")) must be later than --since "
                    + "(\(arguments.value("since") ?? "")); no entry can match both",
                commandPath: arguments.commandPath)
        }
        query.limit = try arguments.integer("limit", in: 1...1_000_000) ?? defaultLimit
        return query
    }

    /// The filters as the HTML report lists them, e.g. `run 7`, `actions failed`.
    static func filterWords(_ arguments: ParsedArguments) -> [String] {
        var words: [String] = []
        if let run = arguments.value("run") { words.append("run \(run)") }
        if let flow = arguments.value("flow") { words.append("flow \(flow)") }
        let actions = arguments.values("action") + arguments.values("status")
        if !actions.isEmpty { words.append("actions \(actions.joined(separator: ","))") }
        if let record = arguments.value("record") { words.append("record \(record)") }
        if let since = arguments.value("since") { words.append("since \(since)") }
        if let until = arguments.value("until") { words.append("until \(until)") }
        if let limit = arguments.value("limit") { words.append("newest \(limit)") }
        return words
    }

    /// What standard error says when no entry matched.
    private static func nothingMatched(_ query: TransferLogQuery, store: SQLiteStateStore) throws -> String {
        guard let record = query.recordID else { return "no transfer-log entry matches these filters" }
        let anyEntry = try store.transferLog(matching: TransferLogQuery(recordID: record, limit: 1))
        if anyEntry.isEmpty {
            return "no transfer-log entry has the record id, number or name \"\(record)\" (--record matches a "
                + "Severa id, a Fortnox id, a customer, article or project number, or a name; entries written "
                + "before names were logged match by id or number only)"
        }
        return "record \"\(record)\" has entries, but none matches the other filters"
    }

    private static func truncationNote(_ limit: Int) -> String {
        "only the newest \(limit) entries are included; narrow the filters or raise --limit"
    }
}

/// How `brygga log` writes the entries.
private enum LogOutputFormat {
    case text
    case json
    case csv
    case html(path: String)

    /// The format the options choose; at most one of `--json`, `--csv`, `--html`.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        let chosen =
            [
                ("json", arguments.flag("json")), ("csv", arguments.flag("csv")),
                ("html", arguments.value("html") != nil),
            ]
            .filter(\.1).map { "--\($0.0)" }
        guard chosen.count <= 1 else {
            throw UsageError(
                "options \(chosen.joined(separator: " and ")) cannot be combined; choose one output format",
                commandPath: arguments.commandPath)
        }
        if let path = arguments.value("html") {
            self = .html(path: path)
        } else {
            self = arguments.flag("json") ? .json : arguments.flag("csv") ? .csv : .text
        }
    }

    /// Whether the output is a file for another program or person (read with a larger default limit).
    var isExport: Bool {
        switch self {
        case .csv, .html: true
        case .text, .json: false
        }
    }
}
