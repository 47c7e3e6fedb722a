import JSONSupport

extension FeeTransferFlow {
    /// Checks every fee create an earlier run journalled but never closed (R5.4, O3): the fee is looked
    /// up on its project (the intent's payload) by its source reference and linked when found.
    ///
    /// - Returns: The source references whose create could not be checked; not created in this run.
    func recoverIntents() async throws(EngineFailure) -> Set<String> {
        let intents = runner.openIntents
        guard !intents.isEmpty else { return [] }
        let pm = self.pm
        let results = await runner.map(intents) { intent -> Result<RemoteRecord<ProjectFee>?, ConnectorError> in
            guard let project = intent.payload else { return .success(nil) }
            do throws(ConnectorError) {
                return .success(try await pm.findProjectFee(sourceReference: intent.naturalKey, projectNumber: project))
            } catch {
                return .failure(error)
            }
        }
        var commit = StateCommit()
        var unverified: Set<String> = []
        for (intent, result) in zip(intents, results) {
            switch result {
            case .success(nil)?:
                commit.closedIntents.append(intent.id)
            case .success(let found?)?:
                commit.closedIntents.append(intent.id)
                commit.links.append(
                    RecordLink(
                        entity: .projectFee, pmID: found.id, accountingID: intent.naturalKey,
                        naturalKey: intent.naturalKey, pmSnapshot: found.record.canonicalJSON,
                        accountingSnapshot: .object([:]), pmVersion: found.version,
                        syncedAt: runner.now()))
                commit.logEntries.append(
                    runner.entry(
                        .linked, pmID: found.id, accountingID: intent.naturalKey, key: intent.naturalKey,
                        reason: "adopted the fee an interrupted run created", rule: "O3"))
                runner.resolve(intent.naturalKey, into: &commit)
            case .failure(let error)?:
                if let fatal = EngineFailure.fatal(error) {
                    try runner.commit(commit)
                    throw fatal
                }
                unverified.insert(intent.naturalKey)
                commit.logEntries.append(
                    runner.entry(
                        .failed, pmID: nil, accountingID: intent.naturalKey, key: intent.naturalKey,
                        reason: "checking an interrupted create of the fee of \(intent.naturalKey) failed: \(error)",
                        hint: "nothing to do: the next run checks it again before creating it", rule: "O3"))
            case nil:
                throw EngineFailure.cancelledRun
            }
        }
        try runner.commit(commit)
        return unverified
    }
}
