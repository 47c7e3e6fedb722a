/// One record as stored: its compact fields and the modification stamp every write updates.
struct StoredRecord: Sendable {
    /// The fields that differ from their defaults.
    var record: CompactRecord
    /// Milliseconds since 1970 (UTC) of the last write; what `lastmodified` filters on.
    var modified: Int64
}

/// The records of one resource by key, with the number series and the key order for listing.
///
/// Keys assigned by the series arrive in increasing order, so the listing order is kept without
/// sorting until a key arrives out of order or a record is deleted; then it is rebuilt once on the
/// next listing. A listing's matching keys are cached per query until the table changes, so paging
/// through 100 000 records costs one scan, not one per page.
struct RecordTable: Sendable {
    /// The records by key.
    private(set) var records: [String: StoredRecord] = [:]
    private var order: [String] = []
    private var orderIsSorted = true
    private var staleEntries = 0
    /// Incremented by every write; listing caches compare it.
    private(set) var version = 0
    /// The last number the series handed out.
    var lastNumber = 0
    /// Keys that stay taken after deletion (Fortnox never reuses a customer number).
    var retiredKeys: Set<String> = []
    /// The matching keys of the last listing, valid while ``version`` is unchanged.
    var listingCache: (signature: String, version: Int, keys: [String])?

    /// The number of records.
    var count: Int { records.count }

    /// The record with `key`.
    subscript(key: String) -> StoredRecord? {
        records[key]
    }

    /// Whether `key` is taken by a record or retired.
    func isTaken(_ key: String) -> Bool {
        records[key] != nil || (!retiredKeys.isEmpty && retiredKeys.contains(key))
    }

    /// Stores a record under a new key.
    mutating func insert(_ key: String, _ stored: StoredRecord) {
        if let last = order.last, orderIsSorted, !FortnoxKeyOrder.precedes(last, key) { orderIsSorted = false }
        order.append(key)
        records[key] = stored
        version &+= 1
    }

    /// Stores a record under `key`, new or existing.
    mutating func upsert(_ key: String, _ stored: StoredRecord) {
        if records.updateValue(stored, forKey: key) == nil {
            if let last = order.last, orderIsSorted, !FortnoxKeyOrder.precedes(last, key) { orderIsSorted = false }
            order.append(key)
        }
        version &+= 1
    }

    /// Replaces the record under an existing key.
    mutating func replace(_ key: String, _ stored: StoredRecord) {
        records[key] = stored
        version &+= 1
    }

    /// Removes the record under `key`; `retire` keeps the key taken for good.
    mutating func remove(_ key: String, retire: Bool) {
        guard records.removeValue(forKey: key) != nil else { return }
        if retire { retiredKeys.insert(key) }
        staleEntries += 1
        version &+= 1
    }

    /// The next free number of the series, as Fortnox returns it (a string), and the series position
    /// to commit with ``commitNumber(_:)`` once the record is stored.
    func peekNumber() -> (key: String, position: Int) {
        var position = lastNumber
        while true {
            position += 1
            let key = String(position)
            if !isTaken(key) { return (key, position) }
        }
    }

    /// Moves the series to `position` (from ``peekNumber()``).
    mutating func commitNumber(_ position: Int) {
        lastNumber = max(lastNumber, position)
    }

    /// Every key in listing order (see ``FortnoxKeyOrder``).
    mutating func orderedKeys() -> [String] {
        if staleEntries > 0 {
            var seen = Set<String>()
            seen.reserveCapacity(records.count)
            order = order.filter { records[$0] != nil && seen.insert($0).inserted }
            staleEntries = 0
        }
        if !orderIsSorted {
            order.sort(by: FortnoxKeyOrder.precedes)
            orderIsSorted = true
        }
        return order
    }
}

/// The order Fortnox lists records in when no `sortby` is given: numeric keys by value, before
/// other keys, which sort by their bytes.
enum FortnoxKeyOrder {
    /// Whether `lhs` is listed before `rhs`.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let lhsNumeric = isNumeric(lhs)
        let rhsNumeric = isNumeric(rhs)
        if lhsNumeric && rhsNumeric && lhs.utf8.count != rhs.utf8.count { return lhs.utf8.count < rhs.utf8.count }
        if lhsNumeric != rhsNumeric { return lhsNumeric }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private static func isNumeric(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
