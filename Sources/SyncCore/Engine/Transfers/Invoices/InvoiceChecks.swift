import Foundation

/// What an invoice needs in Fortnox before it can be created (R4.2), as known for one invoice.
struct InvoiceDependencies: Sendable, Hashable {
    /// Whether the invoice's customer is in Fortnox (linked, R2).
    var customerLinked: Bool
    /// Whether the invoice's project is in Fortnox (linked, R3); `true` for an invoice without one.
    var projectLinked: Bool
    /// The row product codes Fortnox has as articles (linked, or found there).
    var knownProducts: Set<String>
    /// Fortnox's unit codes (R1.3); `nil` when they could not be read (units are then not checked).
    var units: Set<String>?
}

/// R4.2: the invoice's customer, project, products and units must be in Fortnox first.
struct InvoiceDependencyCheck: Sendable {
    /// The systems' names.
    let names: SystemNames

    /// The violation of `invoice`, or `nil` when everything it refers to is in Fortnox.
    func violation(_ invoice: Invoice, _ dependencies: InvoiceDependencies) -> RuleViolation? {
        let label = InvoiceLabel(invoice)
        if !dependencies.customerLinked {
            return .failed(
                rule: "R4.2",
                reason: "\(label)'s customer \(invoice.customerNumber) is not in \(names.accounting) yet",
                hint: "see `brygga log --record \(invoice.customerNumber)` for why the customer is not transferred; "
                    + "the invoice goes once it is")
        }
        if let project = invoice.projectNumber, !dependencies.projectLinked {
            return .failed(
                rule: "R4.2",
                reason: "\(label)'s project \(project) is not in \(names.accounting) yet (R3.3)",
                hint: "see `brygga log --record \(project)` for why the project is not transferred; the invoice "
                    + "goes once it is")
        }
        for (index, row) in invoice.rows.enumerated() {
            if let code = row.productCode, !dependencies.knownProducts.contains(code) {
                return .failed(
                    rule: "R4.2",
                    reason: "\(label) row \(index + 1) names product \(code), which is not in \(names.accounting) "
                        + "as an article",
                    hint: "see `brygga log --record \(code)` (a product breaking R1.2 or R1.3 is never transferred); "
                        + "fix the product or the row, then run `brygga retry --record \(invoice.displayKey)`")
            }
            if let unit = row.unit, let units = dependencies.units, !units.contains(unit) {
                return .failed(
                    rule: "R1.3",
                    reason: "\(label) row \(index + 1) has unit \"\(unit)\", which \(names.accounting) does not have",
                    hint: "add the unit in \(names.accounting) or map it in the unit mappings, then run `brygga retry`")
            }
        }
        return nil
    }
}

/// R4.2 amounts and accounts: no quantity or price more exact than 2 decimals (Fortnox would round it,
/// decision 8), and a priced row without a product needs a sales account (decision 6).
struct InvoiceAmountCheck: Sendable {
    /// The violation of `invoice`, or `nil`.
    func violation(_ invoice: Invoice) -> RuleViolation? {
        let label = InvoiceLabel(invoice)
        for (index, row) in invoice.rows.enumerated() {
            if Self.decimals(of: row.quantity) > 2 {
                return .failed(
                    rule: "R4.2",
                    reason: "\(label) row \(index + 1) has quantity \(row.quantity), more exact than the 2 decimals "
                        + "Fortnox keeps; it would be rounded",
                    hint: "round the quantity in Severa (or put the row total on quantity 1), then run `brygga retry`")
            }
            if row.productCode == nil, row.unitPrice.minorUnits != 0, row.salesAccount == nil {
                return .failed(
                    rule: "R4.2",
                    reason: "\(label) row \(index + 1) (\"\(row.description)\") has a price but neither a product nor "
                        + "a sales account, so Fortnox would book it to its default account",
                    hint: "give the row a product or a sales account in Severa, then run `brygga retry`")
            }
        }
        return nil
    }

    /// The number of decimals `value` needs.
    static func decimals(of value: Decimal) -> Int {
        var count = 0
        var scaled = value
        while count < 12 {
            var rounded = Decimal()
            NSDecimalRound(&rounded, &scaled, 0, .plain)
            if rounded == scaled { return count }
            scaled *= 10
            count += 1
        }
        return count
    }
}

/// How messages name an invoice: `invoice 10023` or `credit note 10024`, with the guid before a number.
struct InvoiceLabel: CustomStringConvertible, Sendable {
    let invoice: Invoice

    init(_ invoice: Invoice) {
        self.invoice = invoice
    }

    var description: String {
        (invoice.isCreditNote ? "credit note " : "invoice ") + invoice.displayKey
    }
}
