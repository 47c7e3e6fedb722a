import Foundation
import SyncCore
import SyncStore

/// What `run`, `retry` and `bootstrap` share: configuration, the enabled check (O2), the run lock (O3),
/// the runtime, cancellation by SIGINT/SIGTERM, the report, the failure digest (O5) and the metrics line.
enum SyncSession {
    /// Runs `work` under the lock with a live runtime and reports its result.
    ///
    /// - Parameters:
    ///   - arguments: Arguments of a command that declares ``OptionSpec/config``.
    ///   - context: The command's context.
    ///   - label: What the summary calls the run.
    ///   - requiresEnabled: Whether a disabled integration (O2) makes this a no-op; `false` for explicit
    ///     operator acts such as a bootstrap.
    ///   - dryRun: Whether `work` only plans. A dry run goes ahead while the integration is disabled
    ///     (previewing the first run is what an operator does before enabling it) and says that it is;
    ///     it leaves no metrics line.
    ///   - entities: The flows the summary lists; `nil` for every enabled one.
    ///   - before: Called with the runtime before `work`; what it throws ends the command before a
    ///     run is recorded (e.g. `retry --record` naming nothing queued).
    ///   - work: The engine call.
    /// - Returns: The exit status.
    /// - Throws: ``ConfigurationError`` (78), ``RunLockError`` (75), ``InterruptedError`` (130/143),
    ///   ``CommandFailure`` with the engine's exit code, or the runtime's errors (74, 78).
    static func perform(
        _ arguments: ParsedArguments, context: CommandContext, label: String, requiresEnabled: Bool = true,
        dryRun: Bool = false, entities: [EntityKind]? = nil,
        before: (@Sendable (BryggaRuntime) throws -> Void)? = nil,
        _ work: @escaping @Sendable (BryggaRuntime) async -> RunResult
    ) async throws -> ExitCode {
        let configuration: BryggaConfiguration
        do {
            configuration = try context.loadConfiguration(arguments)
        } catch {
            if !dryRun { await mailUnloadableConfiguration(error, path: context.configurationPath(arguments), context) }
            throw error
        }
        guard configuration.isEnabled || !requiresEnabled || dryRun else {
            context.console.print(
                "The integration is disabled (\"enabled\": false in \(configuration.file)); nothing was done.")
            return .success
        }
        let disabledNote = dryRun ? disabledDryRunNote(configuration, requiresEnabled: requiresEnabled) : nil
        if let disabledNote { context.console.print(disabledNote) }
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        // Every real run, retry and bootstrap leaves a metrics line, whatever stops it (metricsFile).
        let metrics = RunMetricsRecorder(
            path: dryRun ? nil : configuration.metricsFilePath, command: label, console: context.console)
        // And a failure digest when something changed (O5).
        let digest = dryRun ? nil : RunDigest(configuration: configuration, context: context)
        let flows = entities ?? configuration.enabledEntities
        var runtime: BryggaRuntime?
        var refused = false
        var finished = false
        do {
            let secrets = try context.loadSecrets(for: configuration)
            let live = try BryggaRuntime.live(
                configuration: configuration, secrets: secrets, console: context.console, runLock: lock)
            runtime = live
            defer { live.shutdown() }
            refused = true
            try before?(live)
            refused = false
            let result = try await SignalCancellation.run { await work(live) }
            finished = true
            let reporter = RunReporter(
                label: label, console: context.console,
                entities: entities
                    ?? EntityKind.flowOrder.filter {
                        live.engineConfiguration.enabledFlows.contains($0) && $0 != .unit
                    },
                formatter: TransferLogFormatter(context: context, utc: false))
            let outcome = Result { try reporter.report(result) }
            // A run stopped by a signal or a busy database mails nothing: the next run sees more.
            let cause = result.fatal.flatMap(FatalCauses.cause(of:))
            if result.kind != .dryRun, result.fatal == nil || cause != nil {
                await digest?.deliver(runID: result.runID, fatal: cause, store: live.store)
            }
            let status = try outcome.get()
            metrics.record(status, store: live.store, requests: live.requestCounts, entities: flows, result: result)
            if disabledNote != nil { context.console.print("(The integration is disabled; see the note above.)") }
            return status
        } catch {
            // What `before` refuses never ran, so it leaves no line and no mail.
            if !refused {
                if !finished, let digest, let cause = FatalCauses.cause(of: error) {
                    let store = runtime?.store ?? Self.openForDigest(configuration, context: context, lock: lock)
                    await digest.deliver(runID: nil, fatal: cause, store: store)
                }
                metrics.record(
                    ExitCode(for: error), store: runtime?.store, requests: runtime?.requestCounts, entities: flows)
            }
            throw error
        }
    }

    /// The state database for the digest of a run that stopped before its runtime was built; `nil` when
    /// it cannot be opened (then the marker file beside it keeps the digest state).
    private static func openForDigest(
        _ configuration: BryggaConfiguration, context: CommandContext, lock: RunLock
    ) -> SQLiteStateStore? {
        try? StateStoreOpening.open(configuration, console: context.console, runLock: lock)
    }

    /// Mails that the configuration file does not load (exit 78), when its `notify` section can still be
    /// read (``ConfigurationSalvage``): under the run lock, with the digest state in the state database
    /// when it exists and opens, else in the marker file.
    private static func mailUnloadableConfiguration(_ error: any Error, path: String, _ context: CommandContext) async {
        guard let configurationError = error as? ConfigurationError,
            let salvage = ConfigurationSalvage.read(path: path, failure: configurationError),
            let lock = try? RunLock.acquire(path: RunLock.lockFilePath(forStateDatabase: salvage.stateDatabasePath))
        else { return }
        defer { lock.release() }
        let store =
            FileManager.default.fileExists(atPath: salvage.stateDatabasePath)
            ? try? SQLiteStateStore(path: salvage.stateDatabasePath) : nil
        let digest = RunDigest(
            settings: salvage.notify, configurationFile: path, stateDatabasePath: salvage.stateDatabasePath,
            timeZone: TimeDisplay(environment: context.environment).zone, console: context.console)
        await digest.deliver(runID: nil, fatal: FatalCauses.cause(of: error), store: store)
    }

    /// What a dry run says first while the integration is disabled.
    ///
    /// - Parameters:
    ///   - configuration: The loaded configuration.
    ///   - requiresEnabled: Whether the real command does nothing while disabled (`run`), or goes
    ///     ahead as an operator's act (`bootstrap`).
    /// - Returns: The note, or `nil` while the integration is enabled.
    static func disabledDryRunNote(_ configuration: BryggaConfiguration, requiresEnabled: Bool) -> String? {
        guard !configuration.isEnabled else { return nil }
        let disabled = "The integration is disabled (\"enabled\": false in \(configuration.file))"
        return requiresEnabled
            ? "\(disabled): a real 'brygga run' does nothing until 'brygga enable'; "
                + "this dry run shows what it would do once enabled."
            : "\(disabled): a real bootstrap still runs (it is an operator's act), "
                + "but 'brygga run' does nothing until 'brygga enable'."
    }
}
