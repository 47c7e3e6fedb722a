import HTTPSupport
public import SyncCore

extension FortnoxConnector {
    /// Invoices that became fully paid since `cursor` (R6): `filter=fullypaid` with `lastmodified`.
    ///
    /// Only invoices with our reference in `ExternalInvoiceReference1` are reported. Each is read in
    /// full to leave out credit notes and credited invoices: their balance is settled by a credit,
    /// not a payment. An invoice without `FinalPayDate` is reported unreadable.
    public func paidInvoices(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<PaidInvoice>, any Error> {
        let api = context.api
        return context.feed(.invoices, since: cursor, filter: [(name: "filter", value: "fullypaid")]) {
            item, number throws(ConnectorError) -> [PageItem<PaidInvoice>] in
            guard let reference = try? item.text("ExternalInvoiceReference1") else { return [] }
            let call = FortnoxCall(.get, ["invoices", number])
            do throws(ConnectorError) {
                guard let entity = try await api.optionalEntity(call, wrapper: "Invoice") else { return [] }
                return FortnoxConnector.paidItem(entity, number: number, reference: reference)
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

    /// The paid state of one full invoice: none for a credit note or a credited invoice.
    private static func paidItem(_ entity: WireEntity, number: String, reference: String) -> [PageItem<PaidInvoice>] {
        do {
            guard try InvoiceMapping().isLive(entity) else { return [] }
            guard let date = try entity.date("FinalPayDate") else {
                throw entity.problem("FinalPayDate", "missing on an invoice listed as fully paid")
            }
            return [
                .record(RemoteRecord(id: number, record: PaidInvoice(externalReference: reference, finalPayDate: date)))
            ]
        } catch {
            return [
                .unreadable(UnreadableRecord(id: number, naturalKey: reference, reason: "invoice \(number): \(error)"))
            ]
        }
    }
}
