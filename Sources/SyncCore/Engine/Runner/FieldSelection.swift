import JSONSupport

/// Which canonical members the runner compares and writes, per record: an endpoint may store different
/// members for different records (Severa work types have no unit, price or VAT; its products have them).
struct FieldSelection<Flow: SyncFlow>: Sendable {
    typealias Record = Flow.Record

    /// The flow whose endpoints say what they carry.
    let flow: Flow
    /// The members the project-management side stores for at least one record.
    private let pmAny: Set<String>
    /// The members the accounting side stores for at least one record.
    private let accountingAny: Set<String>

    /// Creates the selection of `flow`'s endpoints.
    init(flow: Flow) {
        self.flow = flow
        self.pmAny = flow.endpoint(on: .projectManagement).carriedFields
        self.accountingAny = flow.endpoint(on: .accounting).carriedFields
    }

    /// The members compared and written for a pair, sorted: those both sides store for these two records.
    ///
    /// A member only one of them stores is never compared, so a Severa work type (no price) never clears
    /// the price of the Fortnox article it is paired with, while a Severa product's price is synchronised.
    func pairFields(pm: Record, accounting: Record) -> [String] {
        let pmFields = flow.endpoint(on: .projectManagement).carriedFields(for: pm)
        let accountingFields = flow.endpoint(on: .accounting).carriedFields(for: accounting)
        return pmFields.intersection(accountingFields).sorted()
    }

    /// Whether `fields`, read from `record` on `side`, hold the values of `snapshot` in every member that
    /// `side` stores for the record and the other side stores for some record.
    ///
    /// The counterpart itself is not known here, so its side's members for any record stand in for its
    /// own: a change in a member the counterpart does not store leads to reading it and a merge that
    /// writes nothing, never to a missed change.
    func holdsSnapshot(
        _ fields: [String: JSONValue], of record: Record, on side: SystemSide, snapshot: [String: JSONValue]
    ) -> Bool {
        let other = side == .projectManagement ? accountingAny : pmAny
        for field in flow.endpoint(on: side).carriedFields(for: record)
        where other.contains(field) && fields[field] != snapshot[field] {
            return false
        }
        return true
    }
}
