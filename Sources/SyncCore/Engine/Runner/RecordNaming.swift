import JSONSupport

/// Gives log entries the name of their record (O4: `brygga log --record` finds a customer, product or
/// project by name) from the links committed with them: the snapshot's `name` member, the project
/// management side's first.
///
/// An entry that already has a name keeps it; one whose record the commit does not link (a failure
/// of a record never linked) is named by the runner that made it, or not at all.
enum RecordNaming {
    /// `entries` with ``TransferLogEntry/recordName`` filled in where `links` know the record.
    static func named(_ entries: [TransferLogEntry], links: [RecordLink]) -> [TransferLogEntry] {
        guard !links.isEmpty, entries.contains(where: { $0.recordName == nil }) else { return entries }
        var names: [String: String] = [:]
        for link in links {
            guard let name = name(in: link.pmSnapshot) ?? name(in: link.accountingSnapshot) else { continue }
            names[key(link.entity, "pm", link.pmID)] = name
            names[key(link.entity, "acct", link.accountingID)] = name
        }
        return entries.map { entry in
            guard entry.recordName == nil else { return entry }
            var named = entry
            named.recordName =
                entry.pmID.flatMap { names[key(entry.entity, "pm", $0)] }
                ?? entry.accountingID.flatMap { names[key(entry.entity, "acct", $0)] }
            return named
        }
    }

    /// The `name` member of a canonical snapshot, when it is a non-empty string.
    static func name(in snapshot: JSONValue) -> String? {
        guard let name = snapshot["name"]?.stringValue, !name.isEmpty else { return nil }
        return name
    }

    private static func key(_ entity: EntityKind, _ side: String, _ id: String) -> String {
        "\(entity.rawValue) \(side) \(id)"
    }
}
