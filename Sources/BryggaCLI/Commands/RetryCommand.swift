import SyncCore

/// `brygga retry [--flow FLOW] [--record ID]`: tries failed items again after the operator fixed their
/// cause (O6).
struct RetryCommand: Command {
    let name = "retry"
    let summary = "Try failed items again after fixing their cause (all, one flow, or one record)."
    let discussion = """
        Every item that failed (a record a rule held back, or one an API refused) stays in the retry \
        queue, and every 'brygga run' tries the queue again. 'brygga retry' does it now, for every \
        queued item, for one --flow, or for the one --record whose id or number/code is given: an \
        invoice by its Severa number or guid, the fees of a supplier invoice by its Fortnox number (or one \
        fee by its row reference), a paid state by the Fortnox invoice number. The \
        record is read afresh from its system, so a fix made there is what gets transferred; what went \
        through before is linked and is not sent again.

        It takes the run lock like 'brygga run', does nothing when "enabled" is false, and prints one \
        summary line. Exit 1 when items still fail (see 'brygga log --run ID --status failed').
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .single("flow", valueName: "FLOW", help: "Only this flow: \(ParsedArguments.flowChoices)."),
            .single(
                "record", valueName: "ID",
                help: "Only the queued item with this id (either system's) or number/code."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let flow = try arguments.flow()
        let record = arguments.value("record")
        return try await SyncSession.perform(
            arguments, context: context, label: "retry", entities: flow.map { [$0] }
        ) { runtime in
            await runtime.engine.retryFailed(entity: flow, recordID: record)
        }
    }
}
