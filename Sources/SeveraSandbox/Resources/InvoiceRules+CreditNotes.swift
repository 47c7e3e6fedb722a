import Foundation
import JSONSupport
import SandboxKit

/// Credit notes. INVENTED (the reference shows both fields but not their direction): a credit note
/// (`isCreditNote: true`, made by seeds only) names the invoice it credits in `reimburseInvoice`; the
/// emulator then sets the original's `creditNoteInvoice` to the credit note, without moving the
/// original's `lastUpdatedDateTime` (whether Severa does is UNVERIFIED). An invoice has at most one
/// credit note, and a credit note cannot itself be credited.
extension InvoiceRules {
    /// Refuses a `reimburseInvoice` on an invoice that is not a credit note, or naming a credit note or
    /// an invoice that already has one.
    static func checkCreditNote(_ draft: RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        guard let original = draft.reference("reimburseInvoice") else { return }
        guard draft.bool("isCreditNote") == true else {
            throw .invalidParameter(
                "Only a credit note (isCreditNote: true) names the invoice it reimburses.", name: "reimburseInvoice")
        }
        guard original != draft.guid, let record = store.record(.invoices, original) else {
            throw .invalidParameter("The reimbursed invoice was not found.", name: "reimburseInvoice.guid")
        }
        if SeveraDefinitions.flag(.invoices, record, "isCreditNote") {
            throw .invalidOperation(
                "Invoice \(SeveraGUID.string(original)) is a credit note and cannot be credited.",
                name: "reimburseInvoice")
        }
        if let existing = store.reference(.invoices, record, "creditNoteInvoice") {
            throw .invalidOperation(
                "Invoice \(SeveraGUID.string(original)) already has credit note \(SeveraGUID.string(existing)).",
                name: "reimburseInvoice")
        }
    }

    /// After a credit note is stored: points its original's `creditNoteInvoice` at it.
    static func linkCreditNote(_ store: inout SeveraStore, position: Int, mode: WriteMode) {
        guard mode.isCreate else { return }
        let creditNote = store[.invoices].records[position]
        guard let original = store.reference(.invoices, creditNote, "reimburseInvoice"),
            let originalPosition = store[.invoices].position(of: original)
        else { return }
        store.updateValues(.invoices, position: originalPosition, now: creditNote.updatedAt, touch: false) { draft in
            draft.set("creditNoteInvoice", .string(SeveraGUID.string(creditNote.guid)))
        }
    }

    /// After an invoice is deleted: a deleted credit note no longer credits its original.
    static func unlinkCreditNote(_ store: inout SeveraStore, deleted: StoredRecord) {
        guard let original = store.reference(.invoices, deleted, "reimburseInvoice"),
            let position = store[.invoices].position(of: original),
            store.reference(.invoices, store[.invoices].records[position], "creditNoteInvoice") == deleted.guid
        else { return }
        store.updateValues(.invoices, position: position, now: deleted.updatedAt, touch: false) { draft in
            draft.set("creditNoteInvoice", nil)
        }
    }
}
