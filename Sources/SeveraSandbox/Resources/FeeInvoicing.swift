import Foundation
import JSONSupport
import SandboxKit

/// Keeps a project fee and its invoice row in step: a fee whose `invoice` is set has a `ProjectFees`
/// row on that invoice carrying the fee's name, quantity, price, VAT, unit and product code.
///
/// UNVERIFIED: how Severa turns attached fees into rows; the emulator keeps one row per fee and
/// updates it when the fee changes, moves it when the fee moves, and removes it when the fee is
/// detached.
enum FeeInvoicing {
    /// Brings the row of the fee at `feePosition` in line with the fee.
    static func syncRow(_ store: inout SeveraStore, feePosition: Int, now: Int64) {
        let fee = store[.projectFees].records[feePosition]
        let invoice = store.reference(.projectFees, fee, "invoice")
        var row = store.string(.projectFees, fee, "invoiceRowGuid").flatMap(SeveraGUID.parse).flatMap {
            store.record(.invoiceRows, $0)
        }
        if let existing = row, existing.owner != invoice {
            if let position = store[.invoiceRows].position(of: existing.guid) {
                store[.invoiceRows].delete(at: position)
            }
            if let previous = existing.owner { InvoiceRules.recomputeTotals(&store, invoice: previous, now: now) }
            row = nil
        }
        guard let invoice else {
            store.updateValues(.projectFees, position: feePosition, now: now, touch: false) {
                $0.set("invoiceRowGuid", nil)
            }
            return
        }
        let values = rowValues(of: fee, store)
        if let row, let position = store[.invoiceRows].position(of: row.guid) {
            store.updateValues(.invoiceRows, position: position, now: now) { draft in
                for (name, value) in values { draft.set(name, value) }
            }
            InvoiceRules.recomputeTotals(&store, invoice: invoice, now: now)
            return
        }
        var body = values
        body["rowType"] = "ProjectFees"
        for field in ["salesAccount", "costCenter"] {
            if let guid = store.reference(.projectFees, fee, field) { body[field] = SeveraDefinitions.guidOnly(guid) }
        }
        guard
            let draft = try? store.draftForCreate(
                .invoiceRows, body: .object(body), mode: .seed, now: now, owner: invoice)
        else { return }
        store.commit(draft)
        store.updateValues(.projectFees, position: feePosition, now: now, touch: false) {
            $0.set("invoiceRowGuid", .string(SeveraGUID.string(draft.guid)))
        }
    }

    /// The row fields a fee determines.
    private static func rowValues(of fee: StoredRecord, _ store: SeveraStore) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for (rowField, feeField) in [
            ("description", "name"), ("quantity", "quantity"), ("unitPrice", "unitPrice"),
            ("measurementUnit", "measurementUnit"), ("vatRate", "vatRate"),
        ] {
            values[rowField] = store.value(.projectFees, fee, feeField) ?? .null
        }
        let product = store.reference(.projectFees, fee, "product").flatMap { store.record(.products, $0) }
        values["code"] = product.flatMap { store.value(.products, $0, "code") }.map { [$0] } ?? .null
        return values
    }

    /// INVENTED: a fee can only be attached to an editable invoice of its own project.
    static func checkAttachment(_ draft: RecordDraft, project: UUID, store: SeveraStore) throws(SeveraAPIError) {
        guard draft.wasTouched("invoice"), let invoiceGuid = draft.reference("invoice"),
            let invoice = store.record(.invoices, invoiceGuid)
        else { return }
        if InvoiceDefinitions.isReadOnly(invoice, store) {
            throw .invalidOperation(
                "The invoice is in a read-only status; fees cannot be added to it.", name: "invoice")
        }
        let projects = store.value(.invoices, invoice, "projects")?.arrayValue ?? []
        guard projects.contains(where: { $0["guid"]?.stringValue.flatMap(SeveraGUID.parse) == project }) else {
            throw .invalidParameter("The invoice does not bill the fee's project.", name: "invoice.guid")
        }
    }
}
