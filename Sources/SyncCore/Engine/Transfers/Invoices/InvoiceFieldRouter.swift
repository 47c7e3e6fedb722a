import Foundation

/// R4.6 and decision 7: which Severa values go into Fortnox's reference fields, shortened to what the
/// fields hold (with a note naming the full value); decision 9: whose dates are sent.
struct InvoiceFieldRouter: Sendable {
    /// Target field → the Severa value routed there.
    let routes: [InvoiceReferenceField: InvoiceSourceField]
    /// Where the dates come from.
    let dates: InvoiceFlowSettings.DateSource
    /// The fields' limits.
    let limits: InvoiceTextLimits

    /// `invoice` with its reference fields as they are sent, and a note per shortened value.
    func route(_ invoice: Invoice) -> (invoice: Invoice, notes: [String]) {
        var routed: [InvoiceReferenceField: String] = [:]
        for (target, source) in routes {
            if let value = source.value(of: invoice), !value.isEmpty { routed[target] = value }
        }
        if routes[.ourReference] == nil, let value = invoice.ourReference { routed[.ourReference] = value }
        if routes[.yourReference] == nil, let value = invoice.yourReference { routed[.yourReference] = value }
        var notes: [String] = []
        for target in routed.keys.sorted() {
            guard let value = routed[target], let limit = limits.references[target], value.utf16.count > limit else {
                continue
            }
            routed[target] = Self.prefix(value, utf16Limit: limit)
            notes.append("\(target.rawValue) shortened to \(limit) characters; the full value is \"\(value)\"")
        }
        var sent = invoice
        sent.orderNumber = routed[.yourOrderNumber]
        sent.number = routed[.externalInvoiceReference2]
        sent.ourReference = routed[.ourReference]
        sent.yourReference = routed[.yourReference]
        sent.remarks = routed[.remarks]
        sent.comments = routed[.comments]
        if dates == .fortnox {
            sent.invoiceDate = nil
            sent.dueDate = nil
        }
        return (sent, notes)
    }

    /// The longest prefix of `text` of at most `utf16Limit` UTF-16 units, never splitting a character.
    static func prefix(_ text: String, utf16Limit: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let size = character.utf16.count
            if used + size > utf16Limit { break }
            result.append(character)
            used += size
        }
        return result
    }
}

/// Decision 7: a row text longer than Fortnox holds continues in text-only rows; nothing is cut.
struct InvoiceRowTextSplitter: Sendable {
    /// The longest row text.
    let limit: Int

    /// `invoice` with long row texts split over extra text rows, and a note when it split any.
    func split(_ invoice: Invoice) -> (invoice: Invoice, notes: [String]) {
        guard invoice.rows.contains(where: { $0.description.utf16.count > limit }) else { return (invoice, []) }
        var rows: [InvoiceRow] = []
        var notes: [String] = []
        for (index, row) in invoice.rows.enumerated() {
            let pieces = Self.pieces(of: row.description, limit: limit)
            var first = row
            first.description = pieces.first ?? ""
            rows.append(first)
            for piece in pieces.dropFirst() {
                rows.append(
                    InvoiceRow(
                        productCode: nil, description: piece, quantity: 0,
                        unitPrice: Money(minorUnits: 0, currency: row.unitPrice.currency), vatRate: row.vatRate,
                        costCenter: row.costCenter, projectNumber: row.projectNumber))
            }
            if pieces.count > 1 {
                notes.append(
                    "row \(index + 1)'s text continues in \(pieces.count - 1) text row(s) (over \(limit) characters)")
            }
        }
        var split = invoice
        split.rows = rows
        return (split, notes)
    }

    /// `text` in pieces of at most `limit` UTF-16 units, broken after a space where one is near the end.
    static func pieces(of text: String, limit: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while rest.utf16.count > limit {
            var piece = InvoiceFieldRouter.prefix(String(rest), utf16Limit: limit)
            if let space = piece.lastIndex(of: " "), piece.distance(from: piece.startIndex, to: space) > limit / 2 {
                piece = String(piece[...space])
            }
            pieces.append(piece)
            rest = rest.dropFirst(piece.count)
        }
        if !rest.isEmpty || pieces.isEmpty { pieces.append(String(rest)) }
        return pieces
    }
}
