import JSONSupport

/// The field-by-field three-way merge of a linked (or newly paired) record pair.
///
/// For every field both records carry: equal current values need nothing; a field changed on one side
/// only (against that side's own snapshot) is taken from that side; a field changed on both sides to
/// different values is a conflict the master decides. Without snapshots (two existing records paired
/// for the first time) every differing field counts as changed on both sides. In a one-way flow the
/// source side is master, so a change made on the target side alone is overwritten (and logged as a
/// conflict) rather than copied back.
struct FieldMerge: Sendable {
    /// The values to write to each side (`nil` removes the member) and the conflicts met.
    struct Outcome: Sendable {
        var toPM: [String: JSONValue?] = [:]
        var toAccounting: [String: JSONValue?] = [:]
        var conflicts: [FieldConflict] = []

        /// The values to write to `side`.
        func writes(to side: SystemSide) -> [String: JSONValue?] {
            side == .projectManagement ? toPM : toAccounting
        }

        /// Whether nothing is to be written.
        var isEmpty: Bool { toPM.isEmpty && toAccounting.isEmpty }
    }

    /// The side that wins a conflict.
    let master: SystemSide
    /// The directions writes may go.
    let directions: Set<SyncDirection>

    /// Merges the current records against the snapshots of their last sync.
    ///
    /// - Parameters:
    ///   - fields: The members compared: those both sides store for these records, sorted.
    ///   - pm: The PM record's canonical members now.
    ///   - accounting: The accounting record's canonical members now.
    ///   - bases: The two snapshots of the last sync, or `nil` for a first pairing.
    /// - Returns: The writes per side and the conflicts.
    func merge(
        fields: [String], pm: [String: JSONValue], accounting: [String: JSONValue],
        bases: (pm: [String: JSONValue], accounting: [String: JSONValue])?
    ) -> Outcome {
        var outcome = Outcome()
        for field in fields {
            let pmValue = pm[field]
            let accountingValue = accounting[field]
            if pmValue == accountingValue { continue }
            guard let bases else {
                resolveConflict(field, pm: pmValue, accounting: accountingValue, into: &outcome)
                continue
            }
            let pmChanged = pmValue != bases.pm[field]
            let accountingChanged = accountingValue != bases.accounting[field]
            switch (pmChanged, accountingChanged) {
            case (false, false):
                continue
            case (true, false):
                take(field, from: .projectManagement, pm: pmValue, accounting: accountingValue, into: &outcome)
            case (false, true):
                take(field, from: .accounting, pm: pmValue, accounting: accountingValue, into: &outcome)
            case (true, true):
                resolveConflict(field, pm: pmValue, accounting: accountingValue, into: &outcome)
            }
        }
        return outcome
    }

    /// A field changed on `side` only: copy it over, or (one-way flow, change on the target) overwrite it.
    private func take(
        _ field: String, from side: SystemSide, pm: JSONValue?, accounting: JSONValue?, into outcome: inout Outcome
    ) {
        if directions.contains(SyncDirection(from: side)) {
            write(field, value: side == .projectManagement ? pm : accounting, to: side.opposite, into: &outcome)
        } else if directions.contains(SyncDirection(from: side.opposite)) {
            outcome.conflicts.append(
                FieldConflict(field: field, pmValue: pm, accountingValue: accounting, winner: side.opposite))
            write(field, value: side == .projectManagement ? accounting : pm, to: side, into: &outcome)
        }
    }

    /// A field changed on both sides (or differs at a first pairing): the master's value wins.
    private func resolveConflict(_ field: String, pm: JSONValue?, accounting: JSONValue?, into outcome: inout Outcome) {
        let winner: SystemSide
        if directions.contains(SyncDirection(from: master)) {
            winner = master
        } else if directions.contains(SyncDirection(from: master.opposite)) {
            winner = master.opposite
        } else {
            return
        }
        outcome.conflicts.append(FieldConflict(field: field, pmValue: pm, accountingValue: accounting, winner: winner))
        write(field, value: winner == .projectManagement ? pm : accounting, to: winner.opposite, into: &outcome)
    }

    private func write(_ field: String, value: JSONValue?, to side: SystemSide, into outcome: inout Outcome) {
        if side == .projectManagement {
            outcome.toPM[field] = .some(value)
        } else {
            outcome.toAccounting[field] = .some(value)
        }
    }
}
