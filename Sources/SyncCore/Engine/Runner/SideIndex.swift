/// The natural keys present on one side, from a complete listing: lets a bulk run decide "no
/// counterpart" without one lookup request per record.
///
/// Only keys and ids are kept (plus the secondary key, a product's name), never whole records, so a
/// 100,000-customer index stays a few megabytes. An index is trusted only when ``isComplete``: built
/// from a listing that ran to its end. Records the run creates are not added: the run's
/// ``DecisionLedger`` knows their keys and turns a second record with the same key into a duplicate.
final class SideIndex {
    /// What the index says about a key.
    enum Lookup: Equatable {
        /// A record with the key exists (or its listing item was unreadable): read it to pair.
        case present
        /// No record has the key, nor the secondary key.
        case absent
        /// No record has the key, but one with the same secondary key has key `otherKey` (R1.1).
        case secondaryMatch(otherKey: String)
        /// The index is incomplete: ask the side.
        case unknown
    }

    private var keys: Set<String> = []
    private var secondaryKeys: [String: String] = [:]
    /// Whether every record of the side is in the index.
    var isComplete = false

    /// Records that a record with `key` (and `secondaryKey`) exists.
    func insert(key: String, secondaryKey: String?) {
        keys.insert(key)
        if let secondaryKey, secondaryKeys[secondaryKey] == nil { secondaryKeys[secondaryKey] = key }
    }

    /// What the index knows about `key` and `secondaryKey`.
    func lookup(key: String, secondaryKey: String?) -> Lookup {
        guard isComplete else { return .unknown }
        if keys.contains(key) { return .present }
        if let secondaryKey, let other = secondaryKeys[secondaryKey], other != key {
            return .secondaryMatch(otherKey: other)
        }
        return .absent
    }
}
