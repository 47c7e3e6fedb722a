import SyncCore
import SyncStore

/// `brygga retry [--flow FLOW] [--record ID]`: tries failed items again after the operator fixed their
/// cause (O6).
struct RetryCommand: Command {
    let name = "retry"
    let summary = "Try failed items again after fixing their cause (all, one flow, or one record)."
    let discussion = """
        Every item that failed (a record a rule held back, or one an API refused) stays in the retry \
        queue, and every 'brygga run' tries the queue again. 'brygga retry' does it now, for every \
        queued item, for one --flow, or for the one --record whose id, number/code or name is given (a \
        customer, product or project by its name, ignoring the case of ASCII letters): an \
        invoice by its Severa number or guid, the fees of a supplier invoice by its Fortnox number (or one \
        fee by its row reference), a paid state by the Fortnox invoice number. The \
        record is read afresh from its system, so a fix made there is what gets transferred; what went \
        through before is linked and is not sent again.

        It takes the run lock like 'brygga run', does nothing when "enabled" is false, and prints one \
        summary line. Exit 1 when items still fail (see 'brygga log --run ID --status failed').

        When --record names no queued item (of --flow, if given) it says so, runs nothing, records no \
        run and exits 65; 'brygga status' lists the queue.
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .single("flow", valueName: "FLOW", help: "Only this flow: \(ParsedArguments.flowChoices)."),
            .single(
                "record", valueName: "ID",
                help: "Only the queued item with this id (either system's), number/code or name."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let flow = try arguments.flow()
        let record = arguments.value("record")
        let time = TimeDisplay(environment: context.environment)
        let requireQueued: @Sendable (BryggaRuntime) throws -> Void = { runtime in
            if let record { try Self.requireQueued(record, flow: flow, runtime: runtime, time: time) }
        }
        return try await SyncSession.perform(
            arguments, context: context, label: "retry", entities: flow.map { [$0] }, before: requireQueued
        ) { runtime in
            await runtime.engine.retryFailed(entity: flow, recordID: record)
        }
    }

    /// Refuses a `--record` that names no queued item, before a run is recorded.
    ///
    /// - Throws: ``CommandFailure`` (exit 65) saying that nothing was run and what the log last says
    ///   about the record, if anything.
    static func requireQueued(
        _ record: String, flow: EntityKind?, runtime: BryggaRuntime, time: TimeDisplay
    ) throws {
        guard try runtime.engine.queuedRetries(entity: flow, recordID: record).isEmpty else { return }
        let scope = flow.map { "no queued \($0.rawValue)" } ?? "no queued item"
        var message = "nothing to retry: \(scope) has the id, number or name \"\(record)\"; no run was made"
        let query = TransferLogQuery(entity: flow, recordID: record, limit: 1)
        if let last = try runtime.store.transferLog(matching: query).last {
            message +=
                ". Its newest log entry: run \(last.runID), \(last.action.rawValue) "
                + "\(time.string(last.time)); see 'brygga log --record \(record)'"
        } else {
            message += ". The transfer log has no entry for it either; 'brygga status' lists the items waiting"
        }
        throw CommandFailure(.noSuchRecord, message)
    }
}
