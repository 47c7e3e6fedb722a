import JSONSupport

/// What to do with one supplier-invoice row booked to a project (R5), decided from the state store
/// alone.
enum FeeDecision: Sendable, Hashable {
    /// Transferred before with the same content: nothing to do.
    case unchanged
    /// Adopted after an interrupted create, whose row content was not known: remember it now.
    case refresh(RecordLink)
    /// Transferred before, and the row changed since (R5.4): report it once, never transfer again.
    case changedAfterTransfer(link: RecordLink, changes: [FieldChange])
    /// Not transferred: create the fee (after the project check).
    case create
    /// Held back because another row of its supplier invoice changed after transfer (R5.4).
    case heldBack(reason: String)

    /// The canonical members that make a row's content: a change in one of them after the transfer is a
    /// conflict (R5.4). The text and date may change without consequence.
    static let fingerprintMembers = ["projectNumber", "productCode", "quantity", "unitAmount"]

    /// The decisions for one batch of fees, given their links (by source reference).
    static func decide(_ fees: [ProjectFee], links: [String: RecordLink]) -> [FeeDecision] {
        var decisions: [FeeDecision] = []
        var changedInvoices: Set<String> = []
        for fee in fees {
            guard let link = links[fee.sourceReference] else {
                decisions.append(.create)
                continue
            }
            if link.accountingSnapshot.objectValue?.isEmpty ?? true {
                decisions.append(.refresh(link))
                continue
            }
            let changes = Self.changes(from: link.accountingSnapshot, to: fee)
            if changes.isEmpty {
                decisions.append(.unchanged)
            } else {
                decisions.append(.changedAfterTransfer(link: link, changes: changes))
                changedInvoices.insert(Self.supplierInvoice(of: fee.sourceReference))
            }
        }
        guard !changedInvoices.isEmpty else { return decisions }
        return zip(fees, decisions).map { fee, decision in
            let invoice = Self.supplierInvoice(of: fee.sourceReference)
            guard decision == .create, changedInvoices.contains(invoice) else { return decision }
            return .heldBack(
                reason: "supplier invoice \(invoice) changed after some of its rows were transferred; "
                    + "\(fee.sourceReference) is not transferred (R5.4)")
        }
    }

    /// The fingerprint members of `fee` that differ from `snapshot`.
    static func changes(from snapshot: JSONValue, to fee: ProjectFee) -> [FieldChange] {
        let old = snapshot.objectValue ?? [:]
        let new = fee.canonicalFields
        return fingerprintMembers.compactMap { member in
            old[member] == new[member] ? nil : FieldChange(field: member, old: old[member], new: new[member])
        }
    }

    /// The supplier invoice part of a source reference (`fortnox:supplierinvoice/17/row/2` → `17`).
    static func supplierInvoice(of reference: String) -> String {
        let parts = reference.split(separator: "/")
        guard let index = parts.firstIndex(where: { $0.hasSuffix("supplierinvoice") }), index + 1 < parts.count else {
            return reference
        }
        return String(parts[index + 1])
    }
}
