import SyncCore

/// The mapping of one Fortnox resource to one canonical record type: the only place where that
/// resource's JSON and the canonical model meet.
protocol FortnoxMapping: Sendable {
    /// The canonical record type.
    associatedtype Record: SyncRecord

    /// The resource's names.
    var resource: ListResource { get }
    /// The canonical members the resource stores (``RecordEndpoint/carriedFields``).
    var carriedFields: Set<String> { get }

    /// The canonical record of a full entity (a detail GET, or a POST/PUT answer).
    ///
    /// - Throws: ``WireFieldError`` naming the field that cannot be read.
    func record(from entity: WireEntity) throws(WireFieldError) -> Record

    /// The entity to send.
    ///
    /// - Parameters:
    ///   - record: The record.
    ///   - fields: The canonical members to write (an update: only these, emptied values cleared);
    ///     `nil` for a create (every carried member that has a value).
    /// - Returns: The Fortnox fields to send.
    /// - Throws: ``WireFieldError`` naming the Fortnox field whose value Fortnox cannot hold.
    func body(for record: Record, fields: Set<String>?) throws(WireFieldError) -> WireBody
}

extension FortnoxMapping {
    /// Whether the canonical member `member` is written: always on create, else when listed.
    func writes(_ member: String, of fields: Set<String>?) -> Bool {
        guard carriedFields.contains(member) else { return false }
        return fields?.contains(member) ?? true
    }
}
