import SyncCore

/// The transfer-log entries of one record, for the reports that show one row per record
/// (`brygga log --html`).
///
/// Entries belong to one record when they share the flow and any id: the natural key, the Severa id
/// or the Fortnox id (a record failing before it had a number is joined with its later entries by its
/// Severa id). An entry with no id at all (a whole flow that could not run) is a record of its own.
struct RecordHistory: Sendable {
    /// How a record stands, in the order the report lists them.
    enum Standing: Int, Comparable, CaseIterable, Sendable {
        /// Its newest entry is a failure: it waits for a retry.
        case failing
        /// It failed or conflicted within the entries shown, and its newest entry is not a failure.
        case resolved
        /// Nothing went wrong within the entries shown.
        case fine

        static func < (lhs: Standing, rhs: Standing) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The flow.
    let entity: EntityKind
    /// The record's entries, oldest first.
    let entries: [TransferLogEntry]
    /// Where the record stands.
    let standing: Standing

    /// The history of `entries` (oldest first, at least one) of a record of `entity`.
    init(entity: EntityKind, entries: [TransferLogEntry]) {
        self.entity = entity
        self.entries = entries
        if entries.last?.action == .failed {
            standing = .failing
        } else {
            let troubled: Set<TransferAction> = [.failed, .conflict, .resolved]
            standing = entries.contains { troubled.contains($0.action) } ? .resolved : .fine
        }
    }

    /// The newest entry.
    var latest: TransferLogEntry { entries[entries.count - 1] }

    /// The natural key (number or code), from the newest entry that has one.
    var naturalKey: String? { entries.reversed().lazy.compactMap(\.naturalKey).first { !$0.isEmpty } }
    /// The record's name, from the newest entry that has one.
    var recordName: String? { entries.reversed().lazy.compactMap(\.recordName).first }
    /// The Severa id, from the newest entry that has one.
    var pmID: String? { entries.reversed().lazy.compactMap(\.pmID).first }
    /// The Fortnox id, from the newest entry that has one.
    var accountingID: String? { entries.reversed().lazy.compactMap(\.accountingID).first }

    /// The histories in `entries` (oldest first): failing records first, then resolved ones, then
    /// the rest; within each, the record with the newest entry first.
    static func group(_ entries: [TransferLogEntry]) -> [RecordHistory] {
        var groups = GroupFinder()
        var members: [Int: [TransferLogEntry]] = [:]
        for entry in entries {
            let ids = [("key", entry.naturalKey), ("pm", entry.pmID), ("acct", entry.accountingID)]
                .compactMap { kind, id in id.flatMap { $0.isEmpty ? nil : "\(entry.entity.rawValue) \(kind) \($0)" } }
            let group = groups.group(joining: ids.isEmpty ? ["sequence \(entry.sequence)"] : ids)
            members[group, default: []].append(entry)
        }
        var merged: [Int: [TransferLogEntry]] = [:]
        for (group, list) in members { merged[groups.root(group), default: []] += list }
        let histories = merged.values.map { list in
            RecordHistory(entity: list[0].entity, entries: list.sorted { $0.sequence < $1.sequence })
        }
        return histories.sorted { left, right in
            left.standing != right.standing
                ? left.standing < right.standing : left.latest.sequence > right.latest.sequence
        }
    }
}

/// Union–find over the ids entries carry: entries sharing any id end in one group.
private struct GroupFinder {
    private var parent: [Int] = []
    private var groupOfID: [String: Int] = [:]

    /// The group of an entry with `ids`, merging the groups those ids already belong to.
    mutating func group(joining ids: [String]) -> Int {
        let existing = ids.compactMap { groupOfID[$0] }.map { root($0) }
        let group: Int
        if let first = existing.first {
            group = first
            for other in existing.dropFirst() where other != group { parent[other] = group }
        } else {
            group = parent.count
            parent.append(group)
        }
        for id in ids { groupOfID[id] = group }
        return group
    }

    /// The representative of `group`'s set.
    func root(_ group: Int) -> Int {
        var current = group
        while parent[current] != current { current = parent[current] }
        return current
    }
}
