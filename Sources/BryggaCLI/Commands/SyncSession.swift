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
    ///   - entities: The flows the summary lists; `nil` for every enabled one.
    ///   - isDryRun: Whether this is a dry run, which leaves no metrics line.
    ///   - before: Called with the runtime before `work`; what it throws ends the command before a
    ///     run is recorded (e.g. `retry --record` naming nothing queued).
    ///   - work: The engine call.
    /// - Returns: The exit status.
    /// - Throws: ``ConfigurationError`` (78), ``RunLockError`` (75), ``InterruptedError`` (130/143),
    ///   ``CommandFailure`` with the engine's exit code, or the runtime's errors (74, 78).
    static func perform(
        _ arguments: ParsedArguments, context: CommandContext, label: String, requiresEnabled: Bool = true,
        entities: [EntityKind]? = nil, isDryRun: Bool = false,
        before: (@Sendable (BryggaRuntime) throws -> Void)? = nil,
        _ work: @escaping @Sendable (BryggaRuntime) async -> RunResult
    ) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        guard configuration.isEnabled || !requiresEnabled else {
            context.console.print(
                "The integration is disabled (\"enabled\": false in \(configuration.file)); nothing was done.")
            return .success
        }
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        // Every real run, retry and bootstrap leaves a metrics line, whatever stops it (metricsFile).
        let metrics = RunMetricsRecorder(
            path: isDryRun ? nil : configuration.metricsFilePath, command: label, console: context.console)
        let flows = entities ?? configuration.flows.enabledEntities
        var runtime: BryggaRuntime?
        var refused = false
        do {
            let secrets = try context.loadSecrets(for: configuration)
            let live = try BryggaRuntime.live(configuration: configuration, secrets: secrets)
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
}
