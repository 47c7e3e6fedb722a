import Foundation
import SyncCore
import SyncStore

/// `brygga bootstrap customers --from severa|fortnox|none [--dry-run]`: the one-shot transfer of all
/// existing customers (R2.6).
struct BootstrapCustomersCommand: Command {
    let name = "customers"
    let summary = "Transfer all existing customers from one side to the other (R2.6)."
    let discussion = """
        The three scenarios of R2.6:

          --from severa   (a) every Severa customer to Fortnox; Severa wins
                          where two paired customers differ
          --from fortnox  (b) every Fortnox company to Severa (private
                          customers are skipped, R2.3); Fortnox wins
          --from none     (c) nothing to transfer: records the choice and
                          touches neither side

        Customers that exist on both sides with the same customer number are paired, not created \
        again (R2.1), so a bootstrap can be re-run without duplicates. Afterwards the cursors are set \
        so the next 'brygga run' does not redo the work. The bootstrap runs also when "enabled" is \
        false: it is an operator's act, and the integration can stay off until the rest is set up.

        With --dry-run it prints the plan and writes nothing to Severa or Fortnox.
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .single(
                "from", valueName: "SIDE", help: "Where the customers come from: severa, fortnox or none.",
                required: true),
            .flag("dry-run", help: "Print the plan; write nothing to Severa or Fortnox."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let source = try arguments.choice("from", among: ["severa", "fortnox", "none"])
        let dryRun = arguments.flag("dry-run")
        guard let side = source.flatMap(Self.side(named:)) else {
            return try recordNothingToTransfer(arguments, context: context, dryRun: dryRun)
        }
        return try await SyncSession.perform(
            arguments, context: context, label: dryRun ? "dry run" : "bootstrap", requiresEnabled: false,
            dryRun: dryRun, entities: [.customer]
        ) { runtime in
            await runtime.engine.bootstrapCustomers(from: side, dryRun: dryRun)
        }
    }

    /// Scenario (c): records a bootstrap run with nothing transferred, without contacting either side.
    ///
    /// The engine has no "pair only" mode: pairing existing customers by number is what the next
    /// `brygga run` does on its first full listing, so nothing needs doing now.
    private func recordNothingToTransfer(
        _ arguments: ParsedArguments, context: CommandContext, dryRun: Bool
    ) throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let next = "the first 'brygga run' pairs customers with equal numbers and transfers new ones both ways"
        guard !dryRun else {
            if let note = SyncSession.disabledDryRunNote(configuration, requiresEnabled: false) {
                context.console.print(note)
            }
            context.console.print("Nothing to transfer (scenario c); \(next).")
            return .success
        }
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        let metrics = RunMetricsRecorder(
            path: configuration.metricsFilePath, command: "bootstrap", console: context.console)
        let store = try StateStoreOpening.open(configuration, console: context.console, runLock: lock)
        let now = Date()
        let runID = try store.startRun(kind: .bootstrap, at: now)
        try store.finishRun(id: runID, at: now, summary: RunSummary(), exitCode: 0)
        metrics.record(.success, store: store, requests: nil, entities: [.customer])
        context.console.print("bootstrap \(runID): nothing transferred (scenario c); \(next).")
        return .success
    }

    private static func side(named name: String) -> SystemSide? {
        switch name {
        case "severa": .projectManagement
        case "fortnox": .accounting
        default: nil
        }
    }
}

/// `brygga bootstrap`: one-shot transfers before the integration goes live.
enum BootstrapCommand {
    /// The `bootstrap` group.
    static let group = CommandGroup(
        name: "bootstrap",
        summary: "Transfer existing records once, before regular runs start (R2.6).",
        subcommands: [BootstrapCustomersCommand()]
    )
}
