import SyncCore

/// What `run` and `bootstrap` share: configuration, the enabled check (O2), the run lock (O3), the
/// runtime, cancellation by SIGINT/SIGTERM and the report.
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
        let configuration = try context.loadConfiguration(arguments)
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
        let flows = entities ?? configuration.enabledEntities
        var runtime: BryggaRuntime?
        var refused = false
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
            let reporter = RunReporter(
                label: label, console: context.console, store: live.store,
                entities: entities
                    ?? EntityKind.flowOrder.filter {
                        live.engineConfiguration.enabledFlows.contains($0) && $0 != .unit
                    },
                formatter: TransferLogFormatter(context: context, utc: false))
            let status = try reporter.report(result)
            metrics.record(status, store: live.store, requests: live.requestCounts, entities: flows)
            if disabledNote != nil { context.console.print("(The integration is disabled; see the note above.)") }
            return status
        } catch {
            // What `before` refuses never ran, so it leaves no line.
            if !refused {
                metrics.record(
                    ExitCode(for: error), store: runtime?.store, requests: runtime?.requestCounts, entities: flows)
            }
            throw error
        }
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
