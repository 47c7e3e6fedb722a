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

        First it checks the failure e-mails (O5): it warns when notify.to lists no address, and \
        tests the transport without sending mail (the sendmail program is executable, or the SMTP relay \
        answers EHLO).

        Exit 0 when every product has a full match or none; 1 when a conflict or an invalid code needs \
        fixing first, or the mail transport does not work.
        """

    var signature: CommandSignature { CommandSignature(options: [.config]) }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let mailWorks = await NotifyPreflight(console: context.console).report(configuration.notify)
        let secrets = try context.loadSecrets(for: configuration)
        let runtime = try BryggaRuntime.live(configuration: configuration, secrets: secrets)
        defer { runtime.shutdown() }
        let report = try await SignalCancellation.run { () async throws(EngineFailure) in
            try await runtime.engine.productMatchReport()
        }
        ProductMatchPrinter(console: context.console).print(report)
        return report.isConsistent && report.invalidCodes.isEmpty && mailWorks ? .success : .partialFailure
    }
}
