import SyncCore

/// `brygga check`: the pre-flight product report (R1.4), read-only, for before activation.
struct CheckCommand: Command {
    let name = "check"
    let summary = "Before activation: report how the products of both sides match (R1.4)."
    let discussion = """
        Lists every product of Severa and every article of Fortnox and reports, per code: the pairs \
        that match on code and name (they will be linked), those that match on code or name only (R1.1 \
        conflicts: fix them before activation, they are never merged), those on one side only (they \
        will be created on the other), and those whose code is empty or not numeric (R1.2: never \
        transferred). It reads only: nothing is written to either side or to the transfer log, and it \
        works while "enabled" is false.

        Exit 0 when every product has a full match or none; 1 when a conflict or an invalid code needs \
        fixing first.
        """

    var signature: CommandSignature { CommandSignature(options: [.config]) }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let secrets = try context.loadSecrets(for: configuration)
        let runtime = try BryggaRuntime.live(configuration: configuration, secrets: secrets, console: context.console)
        defer { runtime.shutdown() }
        let report = try await SignalCancellation.run { () async throws(EngineFailure) in
            try await runtime.engine.productMatchReport()
        }
        ProductMatchPrinter(console: context.console).print(report)
        return report.isConsistent && report.invalidCodes.isEmpty ? .success : .partialFailure
    }
}
