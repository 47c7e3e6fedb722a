import HTTPSupport
import JSONSupport
import SyncCore

/// The invoices in one status (R4 trigger), page by page, each with its rows
/// (`/v1/invoices/{guid}/invoicerows`). There is no cursor: the status is the queue, and an invoice
/// leaves it when the engine moves it on. An invoice that cannot be mapped is an unreadable item with
/// its guid as id and key.
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
        while true {
            var pager = invoices
            let objects = try await pager.next(using: context.api)
            invoices = pager
            var items: [PageItem<Invoice>] = []
            for object in objects { items.append(try await item(object)) }
            if invoices.isFinished {
                finished = true
                return ChangePage(items: items, nextCursor: nil)
            }
            if !items.isEmpty { return ChangePage(items: items, nextCursor: nil) }
        }
    }

    private func item(_ object: WireObject) async throws(ConnectorError) -> PageItem<Invoice> {
        guard let guid = try? object.guid() else {
            return .unreadable(UnreadableRecord(id: nil, naturalKey: nil, reason: "guid: missing"))
        }
        var rows = ListPager(
            path: "/v1/invoices/\(SeveraAPI.segment(guid))/invoicerows", style: .token, area: .invoices)
        let rowObjects = try await rows.all(using: context.api)
        do {
            return .record(try Self.remote(object, rows: rowObjects, options: context.options))
        } catch {
            return .unreadable(UnreadableRecord(id: guid, naturalKey: guid, reason: error.description))
        }
    }

    /// The invoice of a model and its row models.
    static func remote(
        _ object: WireObject, rows: [WireObject], options: SeveraConnector.Options
    ) throws(WireError) -> RemoteRecord<Invoice> {
        var rowObjects: [WireObject] = []
        for (index, row) in rows.enumerated() {
            rowObjects.append(try WireObject(.object(row.members), path: "invoicerows[\(index)]"))
        }
        return RemoteRecord(
            id: try object.guid(), record: try InvoiceMapping.invoice(object, rows: rowObjects, options: options),
            version: try object.stamp().text)
    }
}
