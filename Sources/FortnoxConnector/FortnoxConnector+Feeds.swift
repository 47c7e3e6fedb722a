public import Foundation
import HTTPSupport
public import SyncCore

extension FortnoxConnector {
    /// A `lastmodified` cursor for everything changed from `instant` on (less the change overlap).
    public func changeCursor(from instant: Date) -> ChangeCursor {
        context.cursor.cursor(forListingStartedAt: instant)
    }

    /// Invoices that became fully paid since `cursor` (R6): `filter=fullypaid` with `lastmodified`.
    ///
    /// Only invoices whose `DocumentNumber` `isRelevant` accepts are read in full (the engine passes the
    /// invoices it transferred and has not settled), to leave out credit notes, credited and cancelled
    /// invoices: their balance is settled by a credit, not a payment. A balance below zero (overpaid)
    /// counts as paid. The date is `FinalPayDate`; when Fortnox gives none, the latest `PaymentDate` of
    /// the invoice's payments (`/3/invoicepayments?invoicenumber=`, scope `payment`) stands in (MONEY-FLOWS
    /// §2.3 a); with neither, the invoice is reported unreadable.
    public func paidInvoices(since cursor: ChangeCursor?, isRelevant: @escaping @Sendable (String) -> Bool)
        -> AsyncThrowingStream<ChangePage<PaidInvoice>, any Error>
    {
        let api = context.api
        let pageSize = context.pageSize
        return context.feed(.invoices, since: cursor, filter: [(name: "filter", value: "fullypaid")]) {
            item, number throws(ConnectorError) -> [PageItem<PaidInvoice>] in
            guard isRelevant(number) else { return [] }
            let reference = try? item.text("ExternalInvoiceReference1")
            let call = FortnoxCall(.get, ["invoices", number])
            do throws(ConnectorError) {
                guard let entity = try await api.optionalEntity(call, wrapper: "Invoice") else { return [] }
                var date: LocalDate?
                if (try? entity.date("FinalPayDate")) == nil {
                    date = try await FortnoxConnector.latestPaymentDate(api: api, invoice: number, pageSize: pageSize)
                }
                return FortnoxConnector.paidItem(entity, number: number, reference: reference, fallbackDate: date)
            } catch  where error.concernsOneRecord {
                return [.unreadable(UnreadableRecord(id: number, naturalKey: reference, cause: error))]
            }
        }
    }

    /// Supplier-invoice rows booked to a project, from supplier invoices changed since `cursor`, as
    /// project fees (R5); see ``SupplierInvoiceFeeMapping`` for which rows and how.
    public func projectFees(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<ProjectFee>, any Error> {
        let api = context.api
        let mapping = SupplierInvoiceFeeMapping(
            currency: configuration.options.companyCurrency,
            requireBooked: configuration.options.feesRequireBookedSupplierInvoices)
        return context.feed(.supplierInvoices, since: cursor) {
            _, number throws(ConnectorError) -> [PageItem<ProjectFee>] in
            let call = FortnoxCall(.get, ["supplierinvoices", number])
            do throws(ConnectorError) {
                guard let entity = try await api.optionalEntity(call, wrapper: "SupplierInvoice") else { return [] }
                return mapping.items(of: entity, givenNumber: number)
            } catch  where error.concernsOneRecord {
                return [
                    .unreadable(
                        UnreadableRecord(id: "supplierinvoice/\(number)", naturalKey: nil, cause: error))
                ]
            }
        }
    }

    /// The fees of supplier invoice `givenNumber`, as ``projectFees(since:)`` lists them (R5 retries).
    public func projectFees(ofSupplierInvoice givenNumber: String) async throws(ConnectorError) -> [PageItem<
        ProjectFee
    >] {
        let call = FortnoxCall(.get, ["supplierinvoices", givenNumber])
        guard let entity = try await context.api.optionalEntity(call, wrapper: "SupplierInvoice") else { return [] }
        let mapping = SupplierInvoiceFeeMapping(
            currency: configuration.options.companyCurrency,
            requireBooked: configuration.options.feesRequireBookedSupplierInvoices)
        return mapping.items(of: entity, givenNumber: givenNumber)
    }

    /// The latest `PaymentDate` of invoice `number`'s payments, or `nil` (the search matches substrings,
    /// so `InvoiceNumber` is compared exactly).
    static func latestPaymentDate(api: FortnoxAPI, invoice number: String, pageSize: Int)
        async throws(ConnectorError) -> LocalDate?
    {
        let call = FortnoxCall(
            .get, ["invoicepayments"],
            query: [(name: "invoicenumber", value: number), (name: "limit", value: String(pageSize))])
        let page = try await api.listPage(call, listKey: "InvoicePayments")
        return page.items.filter { (try? $0.text("InvoiceNumber")) == number }
            .compactMap { try? $0.date("PaymentDate") }.max()
    }

    /// The paid state of one full invoice: none for a credit note, a credited or cancelled invoice, or one
    /// with a balance left.
    private static func paidItem(_ entity: WireEntity, number: String, reference: String?, fallbackDate: LocalDate?)
        -> [PageItem<PaidInvoice>]
    {
        do {
            guard try InvoiceMapping().isLive(entity) else { return [] }
            let balance = try entity.decimal("Balance") ?? 0
            guard balance <= 0 else { return [] }
            guard let date = try entity.date("FinalPayDate") ?? fallbackDate else {
                throw entity.problem(
                    "FinalPayDate", "missing on an invoice listed as fully paid, and it has no payments")
            }
            return [
                .record(
                    RemoteRecord(
                        id: number,
                        record: PaidInvoice(
                            documentNumber: number, externalReference: reference, finalPayDate: date,
                            isOverpaid: balance < 0)))
            ]
        } catch {
            return [
                .unreadable(UnreadableRecord(id: number, naturalKey: reference, reason: "invoice \(number): \(error)"))
            ]
        }
    }
}
