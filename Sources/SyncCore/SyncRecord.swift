public import JSONSupport

/// A record of the canonical model that the engine pairs, compares and copies between the two sides.
///
/// The canonical JSON form is an object whose top-level members are the record's fields, written
/// only when they have a value. Snapshots in the state store and field diffs in the transfer log are
/// this form serialized with sorted keys, so it must stay stable across versions: rename a member
/// only with a state-store migration.
public protocol SyncRecord: Sendable, Hashable {
    /// The kind of record.
    static var entity: EntityKind { get }

    /// The key both systems share for matching: customer number, product code, project number,
    /// invoice external reference, fee source reference.
    var naturalKey: String { get }

    /// The canonical JSON form: an object, absent fields left out.
    var canonicalJSON: JSONValue { get }

    /// Reads the canonical JSON form back.
    ///
    /// - Throws: ``CanonicalFormError`` naming the member that is missing or of the wrong type.
    init(canonicalJSON: JSONValue) throws(CanonicalFormError)
}

extension SyncRecord {
    /// The canonical form's members (empty when the form is not an object, which no conforming type produces).
    public var canonicalFields: [String: JSONValue] {
        canonicalJSON.objectValue ?? [:]
    }
}

/// A canonical JSON document that does not describe a record of the expected kind.
public struct CanonicalFormError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of record being read.
    public let entity: EntityKind
    /// The member at fault, e.g. `billingAddress.city`.
    public let member: String
    /// What was wrong, e.g. "expected a string, found a number".
    public let reason: String

    /// Creates an error.
    public init(entity: EntityKind, member: String, reason: String) {
        self.entity = entity
        self.member = member
        self.reason = reason
    }

    public var description: String { "\(entity.rawValue) snapshot member '\(member)': \(reason)" }
}
