/// What the money flows' retries do with a queued record after reading it again.
extension TransferRunner {
    /// Logs that queued record `sourceID` no longer needs transferring (`reason` says why) and takes it
    /// out of the retry queue (O6).
    func dropFromQueue(
        _ sourceID: String, pmID: String?, accountingID: String?, key: String?, reason: String,
        into commit: inout StateCommit
    ) {
        commit.logEntries.append(
            entry(
                .skipped, pmID: pmID, accountingID: accountingID, key: key,
                reason: reason + "; removed from the retry queue", rule: "O6"))
        resolve(sourceID, into: &commit)
    }

    /// Handles a failed re-read on `side`: an error that stops the run commits `commit` first and is
    /// thrown; any other is logged as `what` failed (O6), and the record stays queued.
    ///
    /// - Throws: ``EngineFailure`` when `error` stops the run.
    func rereadFailed(
        _ error: ConnectorError, on side: SystemSide, what: String, pmID: String?, accountingID: String?,
        key: String?, into commit: inout StateCommit
    ) throws(EngineFailure) {
        if let fatal = EngineFailure.fatal(error) {
            try self.commit(commit)
            throw fatal
        }
        commit.logEntries.append(
            entry(
                .failed, pmID: pmID, accountingID: accountingID, key: key,
                reason: "re-reading \(what) failed: \(error)", hint: hint(for: error, on: side), rule: "O6"))
    }
}
