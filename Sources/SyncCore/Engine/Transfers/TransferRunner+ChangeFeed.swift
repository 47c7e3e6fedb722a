/// Following a change feed: the fee and paid-state flows read their records this way.
extension TransferRunner {
    /// Reads `feed` of `side` page by page into `process`, then stores the feed's last cursor for this
    /// runner's entity, once everything listed is durable (not in a dry run).
    ///
    /// Each page's record reads count towards the unhealthy-answer streak (O7). A listing that fails
    /// for a reason that does not stop the run is logged as `listing` failed under `rule`, and the
    /// cursor is left where it was, so the next run lists again from the same point.
    ///
    /// - Parameters:
    ///   - feed: The change listing, from the stored cursor on.
    ///   - side: The system the feed reads.
    ///   - listing: What is listed, for the log (`"the paid invoices"`).
    ///   - rule: The rule the log entry names.
    ///   - process: Handles one page's items.
    /// - Throws: ``EngineFailure`` when the run must stop.
    func follow<Record: SyncRecord>(
        _ feed: AsyncThrowingStream<ChangePage<Record>, any Error>, on side: SystemSide, listing: String,
        rule: String, process: ([PageItem<Record>]) async throws(EngineFailure) -> Void
    ) async throws(EngineFailure) {
        var next: ChangeCursor?
        do {
            for try await page in feed {
                if let stop = context.noteRecordReads(on: side, of: page.items) { throw stop }
                try await process(page.items)
                if let cursor = page.nextCursor { next = cursor }
            }
        } catch let failure as EngineFailure {
            throw failure
        } catch {
            if let fatal = EngineFailure.classify(error) { throw fatal }
            var commit = StateCommit()
            commit.logEntries.append(
                entry(
                    .failed, pmID: nil, accountingID: nil, key: nil,
                    reason: "listing \(listing) of \(names.name(of: side)) failed: \(error)",
                    hint: "the next run lists them again from the same point", rule: rule))
            try self.commit(commit)
            return
        }
        guard let next, !isDryRun else { return }
        var commit = StateCommit()
        commit.cursors = [CursorUpdate(side: side, entity: entity, cursor: next)]
        try self.commit(commit)
    }
}
