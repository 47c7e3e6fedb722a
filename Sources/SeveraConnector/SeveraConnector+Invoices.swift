import HTTPSupport
import JSONSupport
public import SyncCore

extension SeveraConnector {
    /// Every invoice status (`/v1/invoicestatuses`), to check the configured trigger, received and paid
    /// statuses (R4.1).
    public func invoiceStatuses() async throws(ConnectorError) -> [InvoiceStatus] {
        var pager = ListPager(path: "/v1/invoicestatuses", style: .offset, area: .settings)
        var statuses: [InvoiceStatus] = []
        for object in try await pager.all(using: context.api) {
            do {
                statuses.append(
                    InvoiceStatus(
                        id: try object.guid(), name: try object.string("name"),
                        isActive: try object.bool("isActive", default: true)))
            } catch {
                throw context.unreadable("GET /v1/invoicestatuses", error, record: "an invoice status")
            }
        }
        return statuses
    }

    /// The invoices in status `statusID`, with their rows, page by page (R4); no cursor.
    public func invoices(inStatus statusID: String) -> AsyncThrowingStream<ChangePage<Invoice>, any Error> {
        InvoiceFeed(context: context, statusID: statusID).stream()
    }

    /// The status guid of invoice `invoiceID` (R6.2 checks it before marking paid).
    public func invoiceStatusID(invoiceID: String) async throws(ConnectorError) -> String {
        let reply = try await context.api.send(.get, "/v1/invoices/\(SeveraAPI.segment(invoiceID))", area: .invoices)
        return try status(of: reply, invoiceID: invoiceID)
    }

    /// Moves invoice `invoiceID` to status `statusID` with `PATCH [{"op":"replace","path":"/status/guid"}]`
    /// (the path is UNVERIFIED, severa-api.md §5.9).
    ///
    /// - Throws: ``ConnectorError``; `malformedResponse` when the answer shows another status.
    public func setInvoiceStatus(invoiceID: String, statusID: String) async throws(ConnectorError) {
        var patch = JSONPatch()
        patch.replace("/status/guid", .string(statusID))
        let reply = try await context.api.send(
            .patch, "/v1/invoices/\(SeveraAPI.segment(invoiceID))", body: patch.json, area: .invoices)
        let now = try status(of: reply, invoiceID: invoiceID)
        guard now.lowercased() == statusID.lowercased() else {
            throw context.api.malformed(
                reply.operation, "asked for status \(statusID), the answer shows invoice \(invoiceID) in status \(now)")
        }
    }

    private func status(of reply: SeveraReply, invoiceID: String) throws(ConnectorError) -> String {
        let object = try ListPager.record(of: reply, api: context.api)
        do throws(WireError) {
            guard let status = try object.optionalObject("status"), let guid = try status.optionalText("guid") else {
                throw WireError(field: "status.guid", reason: "missing")
            }
            return guid
        } catch {
            throw context.unreadable(reply.operation, error, record: "invoice \(invoiceID)")
        }
    }
}
