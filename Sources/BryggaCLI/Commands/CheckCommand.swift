import SyncCore

/// `brygga check`: the pre-flight report (R1.4 products; R4.1, R4.5, R5.1, R5.3 for the money flows),
/// read-only, for before activation.
struct CheckCommand: Command {
    let name = "check"
    let summary = "Before activation: report how the products match and whether the money flows can start."
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

        With the money flows configured it then checks, each line OK, WARN or FAIL: the invoice \
        statuses (R4.1: trigger, received and paid found and active, with their guids; a received \
        status that is not read-only is a warning), the cost-center mapping (R4.5: mapped Fortnox codes \
        that do not exist or are inactive, Severa business units and cost centers without a mapping), \
        the VAT rates of Severa that Fortnox cannot take on invoice rows (R4.2), the default product of \
        project fees (R5.3: a Severa product, not a work type), project accounting in Fortnox (R5.1) \
        and the API scopes each enabled money flow needs (a scope missing from a configured list fails).

        Exit 0 when every product has a full match or none and no check failed; 1 when a conflict, an \
        invalid code or a failed check needs fixing first, or the mail transport does not work.
        """

    var signature: CommandSignature { CommandSignature(options: [.config]) }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let mailWorks = await NotifyPreflight(console: context.console).report(configuration.notify)
        let secrets = try context.loadSecrets(for: configuration)
        let runtime = try BryggaRuntime.live(configuration: configuration, secrets: secrets, console: context.console)
        defer { runtime.shutdown() }
        let report = try await SignalCancellation.run { () async throws(EngineFailure) in
            try await runtime.engine.productMatchReport()
        }
        ProductMatchPrinter(console: context.console).print(report)
        let sections = await MoneyFlowCheck(
            configuration: configuration, severa: runtime.severa, fortnox: runtime.fortnox
        ).sections()
        for section in sections {
            context.console.print("")
            context.console.print(section.title + ":")
            for line in section.lines { context.console.print("  \(line.verdict.rawValue)  \(line.text)") }
        }
        let failed = sections.contains { $0.lines.contains { $0.verdict == .failure } }
        return report.isConsistent && report.invalidCodes.isEmpty && !failed && mailWorks ? .success : .partialFailure
    }
}
