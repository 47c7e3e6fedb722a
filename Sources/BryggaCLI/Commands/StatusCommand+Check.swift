import Foundation
import SyncCore
import SyncStore

extension StatusCommand {
    /// `brygga status --max-age AGE`: prints the ``MonitoringCheck`` line and returns its status.
    ///
    /// - Throws: Whatever stops the check; ``failureStatus(for:arguments:console:)`` turns it into
    ///   `BRYGGA UNKNOWN` and exit 3.
    func check(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let maxAge = try arguments.age("max-age") else { return .usage }
        let configuration = try context.loadConfiguration(arguments)
        let check = MonitoringCheck(
            maxAge: maxAge, now: Date(),
            time: TimeDisplay(environment: context.environment, utc: arguments.flag("utc")))
        let outcome: MonitoringCheck.Outcome
        if !configuration.isEnabled {
            outcome = check.disabled(configurationFile: configuration.file)
        } else if !FileManager.default.fileExists(atPath: configuration.stateDatabasePath) {
            outcome = check.noStateDatabase(configuration.stateDatabasePath)
        } else {
            let store = try StateStoreOpening.open(configuration, console: context.console)
            var pending = 0
            for entity in EntityKind.flowOrder { pending += try store.pendingRetries(entity: entity).count }
            outcome = check.evaluate(
                MonitoringCheck.Observation(
                    runs: try store.recentRuns(limit: 100), lock: RunLock.probe(path: configuration.lockFilePath),
                    pendingRetries: pending))
        }
        context.console.print(outcome.line)
        return ExitCode(rawValue: outcome.state.rawValue)
    }

    /// With `--max-age`, every error — a bad option or configuration, an unreadable database — is
    /// `BRYGGA UNKNOWN - <message>` on standard output and exit 3, as monitoring expects.
    func failureStatus(for error: any Error, arguments: [String], console: any Console) -> ExitCode? {
        let options = arguments.prefix { $0 != "--" }
        guard options.contains(where: { $0 == "--max-age" || $0.hasPrefix("--max-age=") }) else { return nil }
        let outcome = MonitoringCheck.Outcome(state: .unknown, text: ExitCode.message(for: error))
        console.print(outcome.line)
        return ExitCode(rawValue: MonitoringCheck.State.unknown.rawValue)
    }
}
