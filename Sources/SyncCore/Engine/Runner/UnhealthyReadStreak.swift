/// Counts, per side, the record reads in a row that got an answer that was not the API's
/// (``ConnectorError/isUnhealthyAnswer``: an HTML page, another content type, JSON cut off or without
/// its envelope).
///
/// One such answer among good ones is that record's failure: it is logged, queued and read again next
/// run. ``limit`` in a row mean the API is not answering at all (a maintenance page, a proxy), so the
/// run stops with exit 69 instead of failing every further record the same way and ending "some items
/// failed". A read the API answered, even with its own refusal, ends the streak.
///
/// Record reads are the detail reads of listed records, counterpart lookups, the re-reads of queued
/// records and interrupted creates, and the lookup after a create whose answer was not the API's.
struct UnhealthyReadStreak {
    /// How many unhealthy answers in a row to record reads of one side stop the run.
    static let limit = 3

    private var counts: [SystemSide: Int] = [:]

    /// Notes how one record read on `side` ended: `failure` is its error, `nil` when it succeeded.
    ///
    /// - Returns: The failure that stops the run when this was the ``limit``th unhealthy answer in a row.
    mutating func note(_ failure: ConnectorError?, on side: SystemSide) -> EngineFailure? {
        guard let failure, failure.isUnhealthyAnswer else {
            counts[side] = 0
            return nil
        }
        let count = counts[side, default: 0] + 1
        counts[side] = count
        return count >= Self.limit ? EngineFailure.unhealthyAnswers(count, last: failure) : nil
    }
}
