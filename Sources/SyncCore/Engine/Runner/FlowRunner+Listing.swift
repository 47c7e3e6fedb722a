extension FlowRunner {
    /// Reads `side`'s changes since `cursor` page by page and processes them in batches.
    ///
    /// Only one batch of records is held at a time. A record whose id or natural key is already in the
    /// pending batch closes that batch first, so duplicates are decided one after the other. `seen`, when
    /// given, records every listed key (a full listing builds the side's index this way).
    func list(_ side: SystemSide, since cursor: ChangeCursor?, recordingInto seen: SideIndex?)
        async throws(EngineFailure) -> ListingResult
    {
        let batchSize = context.configuration.batchSize
        var batch = PendingBatch<Record>()
        let outcome = try await readPages(of: side, since: cursor) { page throws(EngineFailure) in
            for item in page.items {
                switch item {
                case .record(let remote):
                    let read = ReadRecord(remote)
                    seen?.insert(key: read.naturalKey, secondaryKey: flow.secondaryKey(of: remote.record))
                    if batch.clashes(with: read) {
                        try await processBatch(batch.candidates, unreadable: batch.unreadable, side: side)
                        batch = PendingBatch()
                    }
                    batch.append(Candidate(read: read, retryRef: nil))
                case .unreadable(let unreadable):
                    if let key = unreadable.naturalKey { seen?.insert(key: key, secondaryKey: nil) }
                    batch.append(unreadable)
                }
                if batch.count >= batchSize {
                    try await processBatch(batch.candidates, unreadable: batch.unreadable, side: side)
                    batch = PendingBatch()
                }
            }
        }
        try await processBatch(batch.candidates, unreadable: batch.unreadable, side: side)
        switch outcome {
        case .success(let nextCursor):
            return .complete(nextCursor)
        case .failure(let error):
            try logListingFailure(of: side, error: error)
            return .failed
        }
    }

    /// Lists every record of `side` into a new complete index, before anything is written to that side,
    /// and returns the listing's cursor (or `.failed`).
    ///
    /// When `required` (a bootstrap cannot go on without it) a failed listing is logged; otherwise the run
    /// silently falls back to one lookup per record.
    func buildIndex(of side: SystemSide, required: Bool) async throws(EngineFailure) -> ListingResult {
        let index = SideIndex()
        let outcome = try await readPages(of: side, since: nil) { page throws(EngineFailure) in
            for item in page.items {
                switch item {
                case .record(let remote):
                    index.insert(key: remote.record.naturalKey, secondaryKey: flow.secondaryKey(of: remote.record))
                case .unreadable(let unreadable):
                    if let key = unreadable.naturalKey { index.insert(key: key, secondaryKey: nil) }
                }
            }
        }
        switch outcome {
        case .success(let cursor):
            index.isComplete = true
            indices[side] = index
            return .complete(cursor)
        case .failure(let error):
            if required { try logListingFailure(of: side, error: error) }
            return .failed
        }
    }

    /// Hands `side`'s changes since `cursor` to `body` page by page, checking for cancellation before
    /// each page.
    ///
    /// - Returns: The cursor after the last page, or the error the listing failed with (not fatal).
    /// - Throws: ``EngineFailure`` for a fatal listing error (an answer that is not the API's among
    ///   them: the run depends on its listings), at the third unreadable item in a row whose read got
    ///   such an answer, or what `body` throws.
    private func readPages(
        of side: SystemSide, since cursor: ChangeCursor?,
        _ body: (ChangePage<Record>) async throws(EngineFailure) -> Void
    ) async throws(EngineFailure) -> Result<ChangeCursor?, any Error> {
        var iterator = flow.endpoint(on: side).changes(since: cursor).makeAsyncIterator()
        var nextCursor: ChangeCursor?
        while true {
            try checkCancellation()
            let page: ChangePage<Record>?
            do {
                page = try await iterator.next()
            } catch {
                if let fatal = EngineFailure.classify(error) { throw fatal }
                return .failure(error)
            }
            guard let page else { return .success(nextCursor) }
            if let stop = context.noteRecordReads(on: side, of: page.items) { throw stop }
            try await body(page)
            if let cursor = page.nextCursor { nextCursor = cursor }
        }
    }

    /// Logs that listing `side` failed; the cursor stays where it was, so the next run lists it again.
    private func logListingFailure(of side: SystemSide, error: any Error) throws(EngineFailure) {
        let system = flow.names.name(of: side)
        var commit = StateCommit()
        commit.logEntries = [
            TransferLogEntry(
                runID: context.runID, time: context.clock.now(), entity: flow.entity,
                direction: SyncDirection(from: side), action: .failed,
                reason: "listing the \(flow.vocabulary.recordName)s of \(system) failed: \(error)",
                hint: "nothing is lost: the next run lists \(system) again from the same point", rule: "O3")
        ]
        try commitBatch(commit)
    }
}
