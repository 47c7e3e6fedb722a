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
    ///   - work: The engine call.
    /// - Returns: The exit status.
    /// - Throws: ``ConfigurationError`` (78), ``RunLockError`` (75), ``InterruptedError`` (130/143),
    ///   ``CommandFailure`` with the engine's exit code, or the runtime's errors (74, 78).
    static func perform(
        _ arguments: ParsedArguments, context: CommandContext, label: String, requiresEnabled: Bool = true,
        entities: [EntityKind]? = nil, _ work: @escaping @Sendable (BryggaRuntime) async -> RunResult
    ) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        guard configuration.isEnabled || !requiresEnabled else {
            context.console.print(
                "The integration is disabled (\"enabled\": false in \(configuration.file)); nothing was done.")
            return .success
        }
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        let secrets = try context.loadSecrets(for: configuration)
        let runtime = try BryggaRuntime.live(configuration: configuration, secrets: secrets)
        defer { runtime.shutdown() }
        let result = try await SignalCancellation.run { await work(runtime) }
        let reporter = RunReporter(
            label: label, console: context.console, store: runtime.store,
            entities: entities
                ?? EntityKind.flowOrder.filter {
                    runtime.engineConfiguration.enabledFlows.contains($0) && $0 != .unit
                })
        return try reporter.report(result)
    }
}
