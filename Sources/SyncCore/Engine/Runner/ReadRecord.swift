import JSONSupport

/// A record as read from (or returned by) one side, with its canonical members computed once.
///
/// The canonical form is built once per record and reused for the compare, the fingerprint and the
/// link snapshot, so no record is serialized twice. A class, so that the work items and plans that pass
/// it along share one copy instead of copying the record's members.
final class ReadRecord<Record: SyncRecord>: Sendable {
    /// The record with its id and version.
    let remote: RemoteRecord<Record>
    /// The canonical members.
    let fields: [String: JSONValue]

    /// Wraps `remote`, computing its canonical form.
    init(_ remote: RemoteRecord<Record>) {
        self.remote = remote
        self.fields = remote.record.canonicalFields
    }

    /// The record's id on its side.
    var id: String { remote.id }
    /// The record's natural key.
    var naturalKey: String { remote.record.naturalKey }
    /// The canonical form as a JSON object (the link snapshot).
    var snapshot: JSONValue { .object(fields) }
    /// The record's name (customers, products, projects), for the log (O4).
    var name: String? { fields["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
    /// A hash of the canonical form: two reads of a record with equal fingerprints hold the same values.
    var fingerprint: Int { fields.hashValue }
}
