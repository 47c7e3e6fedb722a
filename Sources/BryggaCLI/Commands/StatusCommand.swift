import Foundation
import HTTPSupport
import Notify
import SyncCore
import SyncStore

/// `brygga status`: whether the integration is on, the last runs, what waits for a retry, interrupted
/// writes and the authorisation state. Never prints a secret or a token.
struct StatusCommand: Command {
    let name = "status"
    let summary = "Show whether runs are enabled, the last runs, pending retries and the authorisation."
    let discussion = """
        Reads only the configuration and the state database; contacts neither Severa nor Fortnox. \
        Shows: whether runs are enabled (O2); the token file and the Fortnox tokens in it (stored or \
        not, when the access and refresh tokens expire, never the tokens themselves) and where the \
        client secrets come from; the items waiting for a retry (O6) per flow with the oldest reasons, \
        how often each was tried and when last; the failure digest (O5): the last one sent, to whom and \
        what it counted, or why it could not be sent; \
        the invoices transferred, awaiting their status move, paid, and skipped by R6.2, and the \
        project fees transferred; write intents left open \
        by an interrupted run (resolved by the next run); and the last runs with kind, start, \
        duration, exit code and counts. A run without a recorded finish is shown as running now (the \
        run lock is held) or interrupted (it died; the counts are what its log entries say it did). \
        Times are local with their UTC offset (TZ decides the zone); --utc shows UTC.

        With --max-age AGE (e.g. 30m, 2h, 1d) it is a monitoring check instead (Nagios, Icinga): one \
        line "BRYGGA OK - …" and exit 0 OK, 1 WARNING (the last run finished with failed items, was \
        stopped by a signal or died, or runs are disabled), 2 CRITICAL (the last run stopped on a \
        fatal error, or no run completed within AGE), 3 UNKNOWN (the state cannot be read; every \
        error, a bad configuration or option included).
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .single("runs", valueName: "N", help: "How many recent runs to show (default 5)."),
            .single(
                "max-age", valueName: "AGE",
                help: "Check for monitoring: CRITICAL unless a run completed within AGE (30m, 2h, 1d); exit 0–3."),
            .flag("utc", help: "Show times in UTC instead of the local time zone (TZ)."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        if arguments.value("max-age") != nil { return try check(arguments, context: context) }
        let time = TimeDisplay(environment: context.environment, utc: arguments.flag("utc"))
        let runCount = try arguments.integer("runs", in: 1...1000) ?? 5
        let configuration = try context.loadConfiguration(arguments)
        let console = context.console
        var rows: [(String, String)] = [
            ("Integration", configuration.isEnabled ? "enabled" : "disabled (runs do nothing; set \"enabled\": true)"),
            ("Configuration", configuration.file),
            ("State database", configuration.stateDatabasePath),
            ("Token file", configuration.tokenFilePath),
        ]
        rows += secretRows(configuration, context: context)
        let tokenFile = TokenFileStore(path: configuration.tokenFilePath)
        guard FileManager.default.fileExists(atPath: configuration.stateDatabasePath) else {
            rows.append(("Fortnox tokens", tokenState(tokenFile, time: time)))
            print(rows, console)
            console.print("\nNo runs yet (the state database does not exist).")
            return .success
        }
        // Opened first: an earlier Brygga's tokens move from the database to the token file.
        let store = try StateStoreOpening.open(configuration, console: console)
        rows.append(("Fortnox tokens", tokenState(tokenFile, time: time)))
        print(rows, console)
        try printRetries(store, console, time: time)
        try printDigest(store, configuration: configuration, console, time: time)
        try printInvoiceTransfers(store, console)
        try printOpenIntents(store, console, time: time)
        try printRuns(
            store.recentRuns(limit: runCount), console, store: store, configuration: configuration, time: time)
        return .success
    }

    private func secretRows(_ configuration: BryggaConfiguration, context: CommandContext) -> [(String, String)] {
        do {
            let secrets = try context.loadSecrets(for: configuration)
            return [
                ("Severa secret", secrets.severaLookup.description),
                ("Fortnox secret", secrets.fortnoxLookup.description),
            ]
        } catch {
            return [("Client secrets", "unusable: \(error)")]
        }
    }

    /// Whether tokens are stored and when they expire; never a token.
    private func tokenState(_ tokenStore: TokenFileStore, time: TimeDisplay) -> String {
        let tokens: StoredTokens?
        do {
            tokens = try tokenStore.loadNow()
        } catch {
            return error.description
        }
        guard let tokens else { return "none stored; run 'brygga auth fortnox'" }
        let now = Date()
        func expiry(_ date: Date) -> String {
            time.string(date) + (date <= now ? " (expired)" : "")
        }
        var text = "stored; access token expires \(expiry(tokens.accessTokenExpiresAt))"
        if let refresh = tokens.refreshTokenExpiresAt { text += ", refresh token expires \(expiry(refresh))" }
        if let refresh = tokens.refreshTokenExpiresAt, refresh <= now { text += "; run 'brygga auth fortnox'" }
        return text + "; scope \"\(tokens.scope)\""
    }

    private func printRetries(_ store: SQLiteStateStore, _ console: any Console, time: TimeDisplay) throws {
        var retries: [PendingRetry] = []
        for entity in EntityKind.flowOrder { retries += try store.pendingRetries(entity: entity) }
        console.print("\nPending retries: \(retries.count)" + (retries.isEmpty ? "" : " (retried by the next run)"))
        for retry in retries.prefix(10) {
            let side = retry.side == .projectManagement ? "Severa" : "Fortnox"
            let key = retry.naturalKey.map { " \($0)" } ?? ""
            let name = retry.recordName.map { " \"\($0)\"" } ?? ""
            let line =
                "\(retry.entity.rawValue)\(key)\(name) from \(side), \(retry.attempts) attempt(s) since "
                + "\(time.string(retry.firstFailedAt)), the last \(time.string(retry.lastFailedAt)): \(retry.reason)"
            for wrapped in TextLayout.wrap(line, indent: 2, width: TransferLogFormatter.width) {
                console.print(wrapped)
            }
        }
        if retries.count > 10 { console.print("  … and \(retries.count - 10) more; see 'brygga log --status failed'") }
    }

    /// The failure digest (O5): who gets it and the last one sent or tried.
    private func printDigest(
        _ store: SQLiteStateStore, configuration: BryggaConfiguration, _ console: any Console, time: TimeDisplay
    ) throws {
        let notify = configuration.notify
        guard notify.isConfigured else {
            console.print("\nFailure digest: off (notify.to lists no address; 'brygga check' explains)")
            return
        }
        guard let last = try store.lastDigest() else {
            console.print("\nFailure digest: to \(notify.recipientList); none sent yet (nothing to report so far)")
            return
        }
        let counts = last.counts
        let what =
            "\(counts.new) new, \(counts.resolved) resolved, \(counts.stillFailing) still failing"
            + (last.runID.map { ", after run \($0)" } ?? "")
        if let error = last.error {
            console.print(
                "\nFailure digest: the last one (\(what)) was NOT sent \(time.string(last.attemptedAt)) through "
                    + "\(last.transport): \(error); the next run tries again")
        } else {
            console.print(
                "\nFailure digest: last sent \(time.string(last.attemptedAt)) to \(last.recipients.joined(separator: ", ")) "
                    + "through \(last.transport): \(what)")
        }
    }

    /// The money flows' counts (R4, R6): invoices transferred, awaiting the status move, paid, and left
    /// alone because of a manual step.
    private func printInvoiceTransfers(_ store: SQLiteStateStore, _ console: any Console) throws {
        let counts = try store.invoiceTransferCounts()
        let fees = try store.linkCount(entity: .projectFee)
        guard counts != InvoiceTransferCounts() || fees > 0 else { return }
        console.print(
            "\nInvoices: \(counts.transferred) transferred, \(counts.awaitingStatusMove) awaiting the status move, "
                + "\(counts.paid) paid, \(counts.skippedManualStep) skipped by R6.2 (status set by hand)")
        console.print("Project fees: \(fees) transferred")
    }

    private func printOpenIntents(_ store: SQLiteStateStore, _ console: any Console, time: TimeDisplay) throws {
        let intents = try store.openIntents()
        console.print("\nOpen write intents: \(intents.count)" + (intents.isEmpty ? "" : " (checked by the next run)"))
        for intent in intents.prefix(10) {
            let target = intent.target == .projectManagement ? "Severa" : "Fortnox"
            console.print(
                "  run \(intent.runID): \(intent.operation.rawValue) \(intent.entity.rawValue) \(intent.naturalKey) "
                    + "in \(target) since \(time.string(intent.openedAt))")
        }
    }

    private func printRuns(
        _ runs: [SyncRun], _ console: any Console, store: SQLiteStateStore, configuration: BryggaConfiguration,
        time: TimeDisplay
    ) throws {
        console.print("\nLast runs:" + (runs.isEmpty ? " none" : ""))
        let lock = runs.contains { $0.finishedAt == nil } ? RunLock.probe(path: configuration.lockFilePath) : .free
        for run in runs.reversed() {
            let duration =
                run.finishedAt.map { String(format: "%.1f s", $0.timeIntervalSince(run.startedAt)) }
                ?? "unfinished"
            let exit = run.exitCode.map { "exit \($0)" } ?? "no exit code"
            let counts =
                run.kind == .dryRun ? "\(run.summary.planned) planned" : RunReporter.counts(run.summary)
            let line = "  run \(run.id)  \(run.kind.rawValue)  \(time.string(run.startedAt))  "
            if let activity = RunActivity(of: run, newest: runs.first, lock: lock) {
                // The counts of a run are stored when it finishes; until then its log entries tell.
                let logged = try RunActivity.loggedSummary(of: run.id, in: store)
                let what = run.kind == .dryRun ? "\(logged.planned) planned" : RunReporter.counts(logged)
                let prefix = if case .inProgress = activity { "so far" } else { "its log" }
                console.print(line + "\(activity.description)  \(prefix): \(what)")
            } else {
                console.print(line + "\(duration)  \(exit)  \(counts)")
            }
        }
    }

    private func print(_ rows: [(String, String)], _ console: any Console) {
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            console.print(label + ":" + String(repeating: " ", count: width - label.count + 1) + value)
        }
    }
}
