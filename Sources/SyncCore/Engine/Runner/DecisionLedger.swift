/// The natural keys decided in one flow of one run, with the records involved and their fingerprints.
///
/// It stops a key from being decided twice in a run: the counterpart listed in the second side's feed
/// is recognised (same id, same content) and skipped; a second record with the same key is a
/// duplicate; a record listed again with other content (a stale page, or edited meanwhile) is read
/// afresh before it is processed again.
final class DecisionLedger {
    /// The records one key was decided with.
    struct Mark {
        var pmID: String?
        var accountingID: String?
        var pmFingerprint: Int?
        var accountingFingerprint: Int?

        /// The id on `side`, when a record of that side was involved.
        func id(on side: SystemSide) -> String? { side == .projectManagement ? pmID : accountingID }
        /// The fingerprint of that record's last known content.
        func fingerprint(on side: SystemSide) -> Int? {
            side == .projectManagement ? pmFingerprint : accountingFingerprint
        }
    }

    private var marks: [String: Mark] = [:]

    /// The mark of `key`.
    subscript(key: String) -> Mark? { marks[key] }

    /// Records that `key` was decided with the record `id` on `side`, whose content has `fingerprint`.
    ///
    /// The first record of a side keeps the key: a later record with the same key is a duplicate and
    /// does not replace it.
    func record(key: String, side: SystemSide, id: String, fingerprint: Int?) {
        var mark = marks[key] ?? Mark()
        if let existing = mark.id(on: side), existing != id { return }
        if side == .projectManagement {
            mark.pmID = id
            mark.pmFingerprint = fingerprint
        } else {
            mark.accountingID = id
            mark.accountingFingerprint = fingerprint
        }
        marks[key] = mark
    }
}
