/// R4.1 at run start, before any flow: the configured invoice statuses must exist in Severa and be
/// active. A missing or inactive trigger or received status stops the run (exit 78); a paid status that
/// cannot be used turns only R6 off for the run (MONEY-FLOWS decision 14). Both are logged.
struct InvoiceStatusCheck {
    let pm: any ProjectManagementSide
    let context: RunContext

    /// The resolved statuses, or `nil` when Severa's statuses could not be read (logged; the money flows
    /// then wait for the next run).
    ///
    /// - Throws: ``EngineFailure`` of kind ``EngineFailure/Kind/configuration`` for an unusable trigger or
    ///   received status; the fatal kinds of a connector failure.
    func resolve(_ settings: InvoiceFlowSettings, paidFlow: Bool) async throws(EngineFailure)
        -> ResolvedInvoiceStatuses?
    {
        let statuses: [InvoiceStatus]
        do throws(ConnectorError) {
            statuses = try await pm.invoiceStatuses()
        } catch {
            // The run depends on this read: an answer that is not Severa's stops it with 69 (O7).
            if let fatal = EngineFailure.fatalToRun(error) { throw fatal }
            try log(
                .failed,
                "reading the invoice statuses of \(context.names.pm) failed, so no invoice or paid state was "
                    + "transferred: \(error)", hint: "the next run tries again", rule: "R4.1")
            return nil
        }
        let resolution = InvoiceStatusResolver(statuses: statuses).resolve(settings)
        if !resolution.problems.isEmpty {
            let message = resolution.problems.map(\.description).joined(separator: "; ")
            try log(
                .failed, "the invoice flows cannot start: \(message)",
                hint: "correct the key in the configuration (see `brygga check`), then run again", rule: "R4.1")
            throw EngineFailure.configuration("R4.1: \(message)")
        }
        if paidFlow, let problem = resolution.paidProblem {
            try log(
                .skipped, "paid states are not transferred in this run (R6 off): \(problem)", hint: nil, rule: "R4.1")
        }
        return resolution.statuses
    }

    private func log(_ action: TransferAction, _ reason: String, hint: String?, rule: String) throws(EngineFailure) {
        var commit = StateCommit()
        commit.logEntries = [
            TransferLogEntry(
                runID: context.runID, time: context.clock.now(), entity: .invoice, direction: nil, action: action,
                reason: reason, hint: hint, rule: rule)
        ]
        try context.commit(commit)
    }
}
