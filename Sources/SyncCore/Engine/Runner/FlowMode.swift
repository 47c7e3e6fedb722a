/// What a flow is asked to do.
enum FlowMode: Sendable {
    /// A scheduled run: the retry queue, then the changes since the stored cursors.
    case incremental
    /// An operator's retry of the queue, of one record (id or natural key) when given.
    case retry(recordID: String?)
    /// A bootstrap: every record of `source` to the other side (R2.6).
    case bootstrap(source: SystemSide)
}
