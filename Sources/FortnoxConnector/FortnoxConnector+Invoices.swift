import Foundation
import HTTPSupport
public import SyncCore

extension FortnoxConnector {
    /// Creates a customer invoice (R4) with our sync key in `ExternalInvoiceReference1` (R4.4).
    ///
    /// - Returns: The invoice as Fortnox stored it; the id is its `DocumentNumber`.
    /// - Throws: ``ConnectorError``: `invalidRecord` for a value Fortnox cannot hold (named field and
    ///   limit, a fractional VAT rate, a row in another currency); `outcomeUnknown` when the POST may
    ///   have created the invoice (it is never sent twice): call ``findInvoice(externalReference:)``.
    public func createInvoice(_ invoice: Invoice) async throws(ConnectorError) -> RemoteRecord<Invoice> {
        let call = FortnoxCall(.post, ["invoices"])
        let body: WireBody
        do {
            body = try InvoiceMapping().body(for: invoice)
        } catch {
            throw context.api.failure(
                .invalidRecord, call, "invoice \(invoice.externalReference) cannot be written: \(error)")
        }
        let entity = try await context.api.entity(call, wrapper: "Invoice", body: body.wrapped(in: "Invoice"))
        return try remoteInvoice(entity, call: call)
    }

    /// Finds the live invoice carrying `externalReference` in `ExternalInvoiceReference1`.
    ///
    /// Fortnox's search matches substrings (ILIKE), so the matches are checked for equality. Cancelled
    /// invoices, credit notes and credited invoices are not live: an operator who credited or
    /// cancelled an invoice to send it again (R4.4) gets a new one. When several live invoices carry the
    /// reference, the lowest `DocumentNumber` is returned and a warning logged.
    ///
    /// - Returns: The invoice, or `nil`.
    /// - Throws: ``ConnectorError``.
    public func findInvoice(externalReference: String) async throws(ConnectorError) -> RemoteRecord<Invoice>? {
        var candidates: [String] = []
        var page = 1
        while true {
            let call = FortnoxCall(
                .get, ["invoices"],
                query: [
                    (name: "externalinvoicereference1", value: externalReference),
                    (name: "limit", value: String(context.pageSize)), (name: "page", value: String(page)),
                ])
            let listed = try await context.api.listPage(call, listKey: "Invoices")
            for item in listed.items {
                guard (try? item.text("ExternalInvoiceReference1")) == externalReference,
                    (try? item.bool("Cancelled", default: false)) != true,
                    let number = try? item.text("DocumentNumber")
                else { continue }
                candidates.append(number)
            }
            if listed.currentPage >= listed.totalPages || listed.items.isEmpty { break }
            page += 1
        }
        var live: [RemoteRecord<Invoice>] = []
        for number in candidates.sorted(by: FortnoxConnector.numericOrder) {
            let call = FortnoxCall(.get, ["invoices", number])
            guard let entity = try await context.api.optionalEntity(call, wrapper: "Invoice") else { continue }
            let isLive: Bool
            do {
                isLive = try InvoiceMapping().isLive(entity)
            } catch {
                throw context.api.failure(.malformedResponse, call, "invoice \(number) cannot be read: \(error)")
            }
            if isLive { live.append(try remoteInvoice(entity, call: call)) }
        }
        if live.count > 1 {
            context.log.log(
                .warning,
                context.api.redactor.redact(
                    "Fortnox has \(live.count) live invoices with external reference \(externalReference) "
                        + "(\(live.map(\.id).joined(separator: ", "))); using \(live[0].id)"))
        }
        return live.first
    }

    /// Invoice `documentNumber` with its state (booked, cancelled, credited, balance), or `nil`.
    ///
    /// - Throws: ``ConnectorError``; `malformedResponse` when the invoice cannot be read.
    public func invoice(documentNumber: String) async throws(ConnectorError) -> AccountingInvoice? {
        let call = FortnoxCall(.get, ["invoices", documentNumber])
        guard let entity = try await context.api.optionalEntity(call, wrapper: "Invoice") else { return nil }
        let remote = try remoteInvoice(entity, call: call)
        var state: AccountingInvoice
        do {
            state = try InvoiceMapping().state(of: entity, remote: remote)
        } catch {
            throw context.api.failure(.malformedResponse, call, "invoice \(documentNumber) cannot be read: \(error)")
        }
        if state.finalPayDate == nil, state.isLive, state.balance <= 0 {
            // Settled without a FinalPayDate: the latest payment's date stands in (MONEY-FLOWS §2.3 a).
            state.finalPayDate = try await Self.latestPaymentDate(
                api: context.api, invoice: documentNumber, pageSize: context.pageSize)
        }
        return state
    }

    /// Credits booked invoice `documentNumber` (`PUT …/credit`, never repeated) and returns the credit
    /// invoice's number, which Fortnox writes into the original's `CreditInvoiceReference`.
    ///
    /// - Throws: ``ConnectorError``; `outcomeUnknown` when it may have happened.
    public func creditInvoice(documentNumber: String) async throws(ConnectorError) -> String {
        let call = FortnoxCall(
            .put, ["invoices", documentNumber, FortnoxInvoiceAction.credit.rawValue], idempotent: false)
        let entity = try await context.api.entity(call, wrapper: "Invoice")
        guard let credit = try? entity.text("CreditInvoiceReference"), credit != "0" else {
            throw context.api.failure(
                .malformedResponse, call, "the answer does not name the credit invoice (CreditInvoiceReference)")
        }
        return credit
    }

    /// Cancels unbooked invoice `documentNumber` (`PUT …/cancel`, never repeated).
    ///
    /// - Throws: ``ConnectorError``; `outcomeUnknown` when it may have happened.
    public func cancelInvoice(documentNumber: String) async throws(ConnectorError) {
        try await perform(.cancel, onInvoice: documentNumber)
    }

    /// The longest texts of the invoice fields the invoice flow fills (the spec's `maxLength`).
    public var invoiceTextLimits: InvoiceTextLimits {
        var references: [InvoiceReferenceField: Int] = [:]
        for field in InvoiceReferenceField.allCases {
            if let limit = FieldLimits.invoice[field.rawValue] { references[field] = limit }
        }
        return InvoiceTextLimits(rowDescription: FieldLimits.invoiceRow["Description"] ?? 255, references: references)
    }

    /// Books, cancels or credits invoice `documentNumber`; the request is never repeated (see
    /// ``FortnoxInvoiceAction``).
    ///
    /// - Returns: The invoice after the action (for `credit`, the original, now linked to its credit note).
    /// - Throws: ``ConnectorError``; `outcomeUnknown` when the action may have happened.
    @discardableResult
    public func perform(_ action: FortnoxInvoiceAction, onInvoice documentNumber: String)
        async throws(ConnectorError) -> RemoteRecord<Invoice>
    {
        let call = FortnoxCall(.put, ["invoices", documentNumber, action.rawValue], idempotent: false)
        let entity = try await context.api.entity(call, wrapper: "Invoice")
        return try remoteInvoice(entity, call: call)
    }

    /// The remote invoice of a full Fortnox invoice.
    func remoteInvoice(_ entity: WireEntity, call: FortnoxCall) throws(ConnectorError) -> RemoteRecord<Invoice> {
        do {
            return RemoteRecord(
                id: try entity.requiredText("DocumentNumber"), record: try InvoiceMapping().invoice(from: entity))
        } catch {
            throw context.api.failure(.malformedResponse, call, "the invoice in the answer cannot be read: \(error)")
        }
    }

    /// Orders Fortnox numbers numerically when both are numbers, else as text.
    static func numericOrder(_ lhs: String, _ rhs: String) -> Bool {
        if let left = Int(lhs), let right = Int(rhs) { return left < right }
        return lhs < rhs
    }
}
