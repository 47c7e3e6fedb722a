/// R4.5: Severa's two dimensions (the invoice's business unit, each row's cost center) onto Fortnox's
/// one cost-center dimension.
///
/// - Header: the business unit through `dimensions.businessUnits` (by code, name or guid); without an
///   entry, the unit's own Severa cost center through `dimensions.costCenters`.
/// - Rows: the row's cost center through `dimensions.costCenters` (unmapped identifiers pass unchanged);
///   a row whose cost center does not end up as an active Fortnox one takes the header's (decision 5).
/// - Only active Fortnox cost centers are kept; anything else leaves the dimension empty with a note,
///   never a failure (decision 4).
struct InvoiceDimensionMapper: Sendable {
    /// Business unit (code, name or guid) → Fortnox cost center.
    let businessUnitMap: [String: String]
    /// Severa cost center identifier → Fortnox cost center.
    let costCenterMap: [String: String]
    /// Severa's business units by lower-cased guid.
    let businessUnits: [String: BusinessUnit]
    /// Fortnox's active cost center codes.
    let activeCostCenters: Set<String>

    /// `invoice` with its header and row cost centers mapped, and a note per dimension left empty.
    func map(_ invoice: Invoice) -> (invoice: Invoice, notes: [String]) {
        var mapped = invoice
        var notes: [String] = []
        mapped.costCenter = headerCostCenter(invoice, notes: &notes)
        for index in mapped.rows.indices {
            let identifier = mapped.rows[index].costCenter
            var code: String?
            if let identifier {
                let candidate = costCenterMap[identifier] ?? identifier
                if activeCostCenters.contains(candidate) {
                    code = candidate
                } else {
                    notes.append(
                        "row \(index + 1)'s cost center \(identifier) has no active Fortnox cost center "
                            + "\"\(candidate)\"; \(mapped.costCenter.map { "the invoice's \($0) used" } ?? "left empty") "
                            + "(R4.5)")
                }
            }
            mapped.rows[index].costCenter = code ?? mapped.costCenter
        }
        return (mapped, notes)
    }

    private func headerCostCenter(_ invoice: Invoice, notes: inout [String]) -> String? {
        guard let unitID = invoice.businessUnitID else { return nil }
        guard let unit = businessUnits[unitID.lowercased()] else {
            notes.append("business unit \(unitID) is not among Severa's business units; cost center left empty (R4.5)")
            return nil
        }
        let keys = [unit.code, unit.name, unit.id].compactMap { $0 }
        let explicit = keys.lazy.compactMap { key in
            self.businessUnitMap[key]
                ?? self.businessUnitMap.first { $0.key.lowercased() == key.lowercased() }?.value
        }.first
        let candidate = explicit ?? unit.costCenterIdentifier.map { costCenterMap[$0] ?? $0 }
        let name = unit.code.map { "\(unit.name) (\($0))" } ?? unit.name
        guard let candidate else {
            notes.append("business unit \(name) is not mapped to a Fortnox cost center; left empty (R4.5)")
            return nil
        }
        guard activeCostCenters.contains(candidate) else {
            notes.append(
                "business unit \(name) maps to \"\(candidate)\", which is not an active Fortnox cost center; "
                    + "left empty (R4.5)")
            return nil
        }
        return candidate
    }
}
