import HTTPSupport
import JSONSupport
import SyncCore

/// The invoices in one status (R4 trigger), page by page, **headers only**: the engine reads the whole
/// queue before its first write (each status move takes an invoice out of the filtered listing), then
/// reads each invoice's rows with ``SeveraConnector/invoiceRows(invoiceID:projectNumber:)``. There is no
/// cursor: the status is the queue. An invoice that cannot be mapped is an unreadable item with its guid
/// as id and key.
actor InvoiceFeed {
    private let context: SeveraContext
    private var invoices: ListPager
    private var finished = false

    /// Creates the feed over the invoices in status `statusID`.
    init(context: SeveraContext, statusID: String) {
        self.context = context
        self.invoices = ListPager(
            path: "/v1/invoices", query: [QueryItem("invoiceStatusGuids", statusID)], style: .token, area: .invoices)
    }

    /// The stream of pages.
    nonisolated func stream() -> AsyncThrowingStream<ChangePage<Invoice>, any Error> {
        AsyncThrowingStream(unfolding: { try await self.next() })
    }

    /// The next page, or `nil` after the last.
    func next() async throws(ConnectorError) -> ChangePage<Invoice>? {
        guard !finished else { return nil }
        var pager = invoices
        let objects = try await pager.next(using: context.api)
        invoices = pager
        finished = invoices.isFinished
        return ChangePage(items: objects.map(Self.item), nextCursor: nil)
    }

    private static func item(_ object: WireObject) -> PageItem<Invoice> {
        guard let guid = try? object.guid() else {
            return .unreadable(UnreadableRecord(id: nil, naturalKey: nil, reason: "guid: missing"))
        }
        do {
            return .record(
                RemoteRecord(id: guid, record: try InvoiceMapping.header(object), version: try object.stamp().text))
        } catch {
            return .unreadable(UnreadableRecord(id: guid, naturalKey: guid, reason: error.description))
        }
    }
}
