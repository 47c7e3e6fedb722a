/// What the engine can do with one kind of record on one side.
///
/// Conforming types do all mapping between the wire format and the canonical model; the engine
/// never sees JSON of an API.
public protocol RecordEndpoint<Record>: Sendable {
    /// The canonical record type.
    associatedtype Record: SyncRecord

    /// The canonical members this side stores for at least one of its records (e.g. Severa customers
    /// have no `organisationNumber`, Fortnox articles no `kind`). A member outside the set is never sent
    /// to this side and its absence here is not a change.
    var carriedFields: Set<String> { get }

    /// The canonical members this side stores for `record`, one of its own records or one about to be
    /// written to it: a subset of ``carriedFields``. The engine compares and writes a pair of records
    /// over the members both sides store for them.
    ///
    /// Differs from ``carriedFields`` only where one endpoint spans registers with different fields
    /// (Severa work types have no unit, price or VAT; its products have them). The default returns
    /// ``carriedFields``.
    func carriedFields(for record: Record) -> Set<String>

    /// Lists the records changed since `cursor` (all records when `nil`), page by page.
    ///
    /// Connectors include a small overlap before the cursor; re-reading a record is harmless.
    /// - Parameter cursor: Where the previous complete listing ended.
    /// - Returns: The pages; the last one carries the cursor for next time.
    func changes(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<Record>, any Error>

    /// Fetches the record with the natural key `naturalKey` (number, code), or `nil` when none exists.
    ///
    /// - Throws: ``ConnectorError``.
    func find(naturalKey: String) async throws(ConnectorError) -> RemoteRecord<Record>?

    /// Creates `record` and returns it as stored.
    ///
    /// - Throws: ``ConnectorError``; kind ``ConnectorError/Kind/outcomeUnknown`` when the request may
    ///   have created the record although no response arrived: call ``find(naturalKey:)`` before
    ///   trying again.
    func create(_ record: Record) async throws(ConnectorError) -> RemoteRecord<Record>

    /// Writes the members `fields` (canonical keys) of `record` to the existing record `id`, leaving
    /// every other field untouched, and returns the record as stored.
    ///
    /// - Throws: ``ConnectorError``.
    func update(id: String, fields: Set<String>, to record: Record) async throws(ConnectorError) -> RemoteRecord<Record>
}

extension RecordEndpoint {
    /// Every record carries ``carriedFields``.
    public func carriedFields(for record: Record) -> Set<String> { carriedFields }
}
