import Foundation
import Notify
import SyncCore
import SyncStore

/// The failure digest after a `run`, `retry` or `bootstrap` (O5; never after a dry run): at most one
/// mail, when a failure is new, one is resolved, or a reminder is due.
///
/// Compose against the stored state, send through the configured transport, and only once the mail
/// was accepted store the state it commits, so a failed send is tried again by the next run and loses
/// nothing. Whatever happens here leaves the run's exit status alone: a send failure is printed to
/// standard error and recorded for `brygga status`.
struct RunDigest {
    /// The `notify` settings.
    let settings: NotifySettings
    /// The configuration file, for the commands the mail suggests.
    let configurationFile: String
    /// The state database's path, for the marker file beside it.
    let stateDatabasePath: String
    /// The zone the mail's times are written in.
    let timeZone: TimeZone
    /// Where the outcome is reported.
    let console: any Console

    /// The digest for the configuration's `notify` settings.
    init(configuration: BryggaConfiguration, context: CommandContext) {
        self.init(
            settings: configuration.notify, configurationFile: configuration.file,
            stateDatabasePath: configuration.stateDatabasePath,
            timeZone: TimeDisplay(environment: context.environment).zone, console: context.console)
    }

    /// A digest with explicit settings.
    init(
        settings: NotifySettings, configurationFile: String, stateDatabasePath: String, timeZone: TimeZone,
        console: any Console
    ) {
        self.settings = settings
        self.configurationFile = configurationFile
        self.stateDatabasePath = stateDatabasePath
        self.timeZone = timeZone
        self.console = console
    }

    /// Mails what changed after run `runID`, if anything did.
    ///
    /// - Parameters:
    ///   - runID: The run, when it was recorded.
    ///   - fatal: What stopped the run, when it was a mailed cause (``FatalCauses``).
    ///   - store: The state database, or `nil` when it cannot be used: then only `fatal` is mailed and
    ///     the marker file remembers it.
    func deliver(runID: Int64?, fatal: FatalCause?, store: SQLiteStateStore?) async {
        let usable = FatalCauses.isStateDatabaseCause(fatal) ? nil : store
        // Without the database only a cause can be mailed; nothing can be found resolved.
        guard settings.isConfigured, usable != nil || fatal != nil else { return }
        let now = Date()
        let state = DigestState(
            store: usable, markerPath: DigestState.markerPath(forStateDatabase: stateDatabasePath))
        let run: DigestRun
        let previous: [NotifiedFailure]
        do {
            previous = try state.load()
            run =
                try usable.map { try CurrentFailures.run(in: $0, runID: runID, fatal: fatal, at: now) }
                ?? DigestRun(runID: runID, finishedAt: now, failures: [], fatalCauses: fatal.map { [$0] } ?? [])
        } catch {
            console.printError("the failure digest was not composed: \(ExitCode.message(for: error))")
            return
        }
        guard let digest = composer.compose(run: run, notified: previous) else { return }
        let transport = settings.makeTransport()
        var delivery = DigestDelivery(
            runID: runID, attemptedAt: now, transport: transport.destination,
            recipients: settings.recipients.map(\.address), counts: digest.counts)
        do {
            let receipt = try await transport.send(digest.message(from: settings.sender, to: settings.recipients))
            report(receipt, digest.counts)
        } catch {
            delivery.error = error.message
            console.printError(
                "the failure digest was not sent: \(error.message); the next run tries again (the run's exit "
                    + "status is not affected)")
        }
        do {
            try state.record(delivery, changes: digest.stateChanges, previous: previous)
        } catch {
            console.printError(
                "the failure digest's state was not saved (\(ExitCode.message(for: error))); the next run may mail "
                    + "the same again")
        }
    }

    private var composer: DigestComposer {
        DigestComposer(
            settings: DigestSettings(
                subjectPrefix: settings.subjectPrefix, remindAfterHours: settings.remindAfterHours,
                timeZone: timeZone, configurationPath: configurationFile, hostName: LocalHost.name))
    }

    private func report(_ receipt: MailDeliveryReceipt, _ counts: DigestCounts) {
        var parts = ["\(counts.new) new", "\(counts.resolved) resolved"]
        if counts.stillFailing > 0 { parts.append("\(counts.stillFailing) still failing") }
        console.print(
            "Mailed a failure digest to \(receipt.acceptedRecipients.joined(separator: ", ")) through "
                + "\(receipt.destination): \(parts.joined(separator: ", ")).")
        for refused in receipt.refusedRecipients {
            console.printError("\(receipt.destination) refused \(refused.address) for the digest: \(refused.reply)")
        }
    }
}
