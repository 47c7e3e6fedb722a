import Foundation
import JSONSupport
import SandboxKit

extension InvoiceRules {
    /// Completes an invoice row draft: the invoice must exist and (outside seeding) be editable.
    static func finishRow(_ draft: inout RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        guard let invoiceGuid = draft.owner, let invoice = store.record(.invoices, invoiceGuid) else {
            throw .invalidParameter("invoiceGuid is required.", name: "invoiceGuid")
        }
        if case .seed = draft.mode {
        } else if InvoiceDefinitions.isReadOnly(invoice, store) {
            throw .invalidOperation("The invoice is in a read-only status; its rows cannot be changed.")
        }
        // INVENTED: flat-rate rows count as project fees.
        let category: JSONValue =
            switch draft.string("rowType") {
            case "Hours": "Hours"
            case "TravelExpenses": "Travels"
            default: "ProjectFees"
            }
        draft.set("category", category)
        if draft.mode.isCreate, draft.value("sortOrder") == nil {
            let highest = store[.invoiceRows].children(of: invoiceGuid).compactMap {
                store.value(.invoiceRows, $0, "sortOrder")?.numberValue?.int64
            }.max()
            draft.set("sortOrder", .number(JSONNumber((highest ?? 0) + 1)))
        }
        for (field, kind) in [
            ("salesAccount", SeveraKind.salesAccounts), ("recurringSalesAccount", .salesAccounts),
            ("costCenter", .costCenters), ("vatAccount", nil), ("salesReceivableAccount", nil),
        ] as [(String, SeveraKind?)] {
            try normalizeAccounting(&draft, field: field, kind: kind, store: store)
        }
    }

    /// Turns `{"guid"}` (resolved against `kind`) or `{"number","name"}` into the stored
    /// `InvoiceRowAccountingSubModel` `{"number","name"}`.
    private static func normalizeAccounting(
        _ draft: inout RecordDraft, field: String, kind: SeveraKind?, store: SeveraStore
    ) throws(SeveraAPIError) {
        guard let value = draft.value(field) else { return }
        if let text = value.member(caseInsensitive: "guid")?.stringValue {
            guard let kind, let guid = SeveraGUID.parse(text), let record = store.record(kind, guid) else {
                throw .invalidParameter(
                    "No account or cost center with guid '\(text)' was found.", name: "\(field).guid")
            }
            let numberField = kind == .costCenters ? "identifier" : "number"
            draft.set(
                field,
                [
                    "number": store.value(kind, record, numberField) ?? .null,
                    "name": store.value(kind, record, "name") ?? .null,
                ])
            return
        }
        var model: [String: JSONValue] = [:]
        for key in ["number", "name"] {
            let member = value.member(caseInsensitive: key) ?? .null
            guard member.isNull || member.stringValue != nil else {
                throw .invalidParameter("\(field).\(key) must be a string.", name: "\(field).\(key)")
            }
            model[key] = member
        }
        draft.set(field, .object(model))
    }

    /// Recomputes an invoice's totals from its rows and stamps it as changed at `now`.
    ///
    /// UNVERIFIED: rounding; each row's net amount (quantity × unit price) and tax are rounded to two
    /// decimals, then summed.
    static func recomputeTotals(_ store: inout SeveraStore, invoice: UUID, now: Int64) {
        guard let position = store[.invoices].position(of: invoice) else { return }
        let code = currencyCode(of: store.reference(.invoices, store[.invoices].records[position], "currency"), store)
        var byType: [String: Decimal] = [:]
        var net = Decimal(0)
        var tax = Decimal(0)
        var hours = Decimal(0)
        for row in store[.invoiceRows].children(of: invoice) {
            let quantity = store.value(.invoiceRows, row, "quantity")?.numberValue?.decimal ?? 0
            let price = store.value(.invoiceRows, row, "unitPrice")?["amount"]?.numberValue?.decimal ?? 0
            let vatRate = store.value(.invoiceRows, row, "vatRate")?.numberValue?.decimal ?? 0
            let rowNet = rounded(quantity * price)
            let rowType = store.string(.invoiceRows, row, "rowType") ?? "ProjectFees"
            byType[rowType, default: 0] += rowNet
            net += rowNet
            tax += rounded(rowNet * vatRate / 100)
            if rowType == "Hours" { hours += quantity }
        }
        func money(_ amount: Decimal) -> JSONValue {
            ["amount": .number(JSONNumber(amount)), "currencyCode": .string(code)]
        }
        store.updateValues(.invoices, position: position, now: now) { draft in
            draft.set("totalExcludingTax", money(net))
            draft.set("totalTax", money(tax))
            draft.set("totalIncludingTax", money(net + tax))
            draft.set("workHoursTotalExcludingTax", money(byType["Hours"] ?? 0))
            draft.set("projectFeesTotalExcludingTax", money(byType["ProjectFees"] ?? 0))
            draft.set("projectTravelExpensesTotalExcludingTax", money(byType["TravelExpenses"] ?? 0))
            draft.set("flatRatesTotalExcludingTax", money(byType["FlatRate"] ?? 0))
            draft.set("workHoursQuantity", .number(JSONNumber(hours)))
        }
    }

    /// Detaches the fees matching `predicate` from their invoice (the invoice or row went away).
    static func releaseFees(
        _ store: inout SeveraStore, now: Int64, where predicate: (StoredRecord, SeveraStore) -> Bool
    ) {
        let positions = feePositions(in: store, where: predicate)
        for position in positions {
            store.updateValues(.projectFees, position: position, now: now) { draft in
                draft.set("invoice", nil)
                draft.set("invoiceRowGuid", nil)
            }
        }
    }

    private static func feePositions(in store: SeveraStore, where predicate: (StoredRecord, SeveraStore) -> Bool)
        -> [Int]
    {
        store[.projectFees].records.indices.filter {
            let fee = store[.projectFees].records[$0]
            return !fee.isDeleted && predicate(fee, store)
        }
    }

    /// `value` rounded half away from zero to two decimals.
    static func rounded(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        return result
    }
}
