public import Foundation
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
                        isActive: try object.bool("isActive", default: true),
                        isReadOnly: try object.bool("isReadOnly", default: false),
                        isPaid: try object.bool("isPaid", default: false)))
            } catch {
                throw context.unreadable("GET /v1/invoicestatuses", error, record: "an invoice status")
            }
        }
        return statuses
    }

    /// The invoices in status `statusID`, page by page, without their rows (R4); no cursor.
    public func invoices(inStatus statusID: String) -> AsyncThrowingStream<ChangePage<Invoice>, any Error> {
        InvoiceFeed(context: context, statusID: statusID).stream()
    }

    /// The rows of invoice `invoiceID` (`/v1/invoices/{guid}/invoicerows`), by `sortOrder`.
    ///
    /// - Throws: ``ConnectorError``; `notFound` when the invoice is gone; `malformedResponse` for a row
    ///   that cannot be read (naming the field).
    public func invoiceRows(invoiceID: String, projectNumber: String?) async throws(ConnectorError) -> [InvoiceRow] {
        let path = "/v1/invoices/\(SeveraAPI.segment(invoiceID))/invoicerows"
        var pager = ListPager(path: path, style: .token, area: .invoices)
        let objects = try await pager.all(using: context.api)
        do {
            var rows: [WireObject] = []
            for (index, row) in objects.enumerated() {
                rows.append(try WireObject(.object(row.members), path: "invoicerows[\(index)]"))
            }
            return try InvoiceMapping.rows(rows, projectNumber: projectNumber, options: context.options)
        } catch {
            throw context.unreadable("GET \(path)", error, record: "invoice \(invoiceID)")
        }
    }

    /// Invoice `id` with its rows and status (`GET /v1/invoices/{guid}` and its rows), or `nil` when it
    /// does not exist.
    public func invoice(id: String) async throws(ConnectorError) -> RemoteRecord<Invoice>? {
        let path = "/v1/invoices/\(SeveraAPI.segment(id))"
        let reply: SeveraReply
        do {
            reply = try await context.api.send(.get, path, area: .invoices)
        } catch  where error.kind == .notFound {
            return nil
        }
        let object = try ListPager.record(of: reply, api: context.api)
        var remote: RemoteRecord<Invoice>
        do {
            remote = RemoteRecord(
                id: try object.guid(), record: try InvoiceMapping.header(object), version: try object.stamp().text)
        } catch {
            throw context.unreadable(reply.operation, error, record: "invoice \(id)")
        }
        remote.record.rows = try await invoiceRows(invoiceID: remote.id, projectNumber: remote.record.projectNumber)
        return remote
    }

    /// Every business unit (`/v1/businessunits`), for R4.5.
    public func businessUnits() async throws(ConnectorError) -> [BusinessUnit] {
        var pager = ListPager(path: "/v1/businessunits", style: .offset, area: .settings)
        var units: [BusinessUnit] = []
        for object in try await pager.all(using: context.api) {
            do {
                units.append(
                    BusinessUnit(
                        id: try object.guid(), code: try object.optionalText("code"), name: try object.string("name"),
                        costCenterIdentifier: try object.optionalObject("costCenter")?.optionalText("identifier"),
                        isActive: try object.bool("isActive", default: true)))
            } catch {
                throw context.unreadable("GET /v1/businessunits", error, record: "a business unit")
            }
        }
        return units
    }

    /// The identifiers of Severa's active cost centers (`/v1/costcenters`) with their names, for the R4.5
    /// mapping report of `brygga check`.
    public func activeCostCenters() async throws(ConnectorError) -> [String: String] {
        var pager = ListPager(path: "/v1/costcenters", style: .offset, area: .settings)
        var centers: [String: String] = [:]
        for object in try await pager.all(using: context.api) {
            do {
                guard try object.bool("isActive", default: true), let identifier = try object.optionalText("identifier")
                else { continue }
                centers[identifier] = try object.optionalText("name") ?? identifier
            } catch {
                throw context.unreadable("GET /v1/costcenters", error, record: "a cost center")
            }
        }
        return centers
    }

    /// The percentages of Severa's active VAT rates (`/v1/vatrates`), for the R4.2 report of `brygga check`.
    public func activeVATRates() async throws(ConnectorError) -> Set<Decimal> {
        let records = try ListPager.records(
            of: try await context.api.send(.get, "/v1/vatrates", area: .settings), api: context.api)
        var rates: Set<Decimal> = []
        for object in records {
            do {
                guard try object.bool("isActive", default: true), let rate = try object.optionalDecimal("percentage")
                else { continue }
                rates.insert(rate)
            } catch {
                throw context.unreadable("GET /v1/vatrates", error, record: "a VAT rate")
            }
        }
        return rates
    }

    /// The files attached to invoice `invoiceID` (`/v1/invoices/{guid}/files`), for R4.3.
    public func invoiceFiles(invoiceID: String) async throws(ConnectorError) -> [InvoiceFile] {
        let path = "/v1/invoices/\(SeveraAPI.segment(invoiceID))/files"
        var pager = ListPager(path: path, style: .offset, area: .files)
        var files: [InvoiceFile] = []
        for (index, object) in try await pager.all(using: context.api).enumerated() {
            do {
                files.append(
                    InvoiceFile(
                        id: try object.guid(), fileID: try object.string("fileGuid"), name: try object.string("name"),
                        contentType: try object.optionalText("contentType"),
                        size: try object.optionalInt64("size").map { Int($0) },
                        isInternal: try object.bool("isInternal", default: false),
                        sortOrder: Int(try object.optionalInt64("sortOrder") ?? Int64(index))))
            } catch {
                throw context.unreadable("GET \(path)", error, record: "a file of invoice \(invoiceID)")
            }
        }
        return files
    }

    /// The contents of file `fileID` (`/v1/files/{guid}/filedata`), for R4.3.
    public func fileData(fileID: String) async throws(ConnectorError) -> Data {
        try await context.api.bytes(.get, "/v1/files/\(SeveraAPI.segment(fileID))/filedata", area: .files)
    }

    /// The status guid of invoice `invoiceID` (R6.2 checks it before marking paid).
    public func invoiceStatusID(invoiceID: String) async throws(ConnectorError) -> String {
        let reply = try await context.api.send(.get, "/v1/invoices/\(SeveraAPI.segment(invoiceID))", area: .invoices)
        return try status(of: reply, invoiceID: invoiceID)
    }

    /// Moves invoice `invoiceID` to status `statusID` with `PATCH [{"op":"replace","path":"/status/guid"}]`
    /// (the path is UNVERIFIED, severa-api.md §5.9).
    ///
    /// - Returns: The invoice's number in the answer (a status may number the invoice), when it has one.
    /// - Throws: ``ConnectorError``; `malformedResponse` when the answer shows another status.
    @discardableResult
    public func setInvoiceStatus(invoiceID: String, statusID: String) async throws(ConnectorError) -> String? {
        var patch = JSONPatch()
        patch.replace("/status/guid", .string(statusID))
        let reply = try await context.api.send(
            .patch, "/v1/invoices/\(SeveraAPI.segment(invoiceID))", body: patch.json, area: .invoices)
        let now = try status(of: reply, invoiceID: invoiceID)
        guard now.lowercased() == statusID.lowercased() else {
            throw context.api.malformed(
                reply.operation, "asked for status \(statusID), the answer shows invoice \(invoiceID) in status \(now)")
        }
        let object = try ListPager.record(of: reply, api: context.api)
        return (try? object.optionalInt64("number"))?.map { String($0) }
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
