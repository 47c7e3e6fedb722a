import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// Invoice attachments and files (`files:*`): `/v1/invoices/{guid}/files`, `/v1/invoicefiles/{guid}`,
/// `/v1/files/{guid}`, `/v1/files/{guid}/filedata` and the invoice PDF.
enum FileRoutes {
    /// Every route of this group.
    static let routes: [SeveraRoute] = [
        SeveraRoute(.get, "invoices/{}/files", .scope("files:read")) { context, store throws(SeveraAPIError) in
            let invoice = try context.guid()
            guard store.record(.invoices, invoice) != nil else { throw .notFound() }
            return try Paging.offsetPage(
                store, .invoiceFiles, source: .positions(store[.invoiceFiles].childPositions(of: invoice)),
                filter: RecordFilter(.invoiceFiles), query: context.query, defaultAll: true)
        },
        SeveraRoute(.get, "invoicefiles/{}", .scope("files:read"), CrudRoutes.getOne(.invoiceFiles)),
        SeveraRoute(.get, "files/{}", .scope("files:read")) { context, store throws(SeveraAPIError) in
            let guid = try context.guid()
            guard let record = store.record(.files, guid) else { throw .notFound() }
            guard try context.query.bool("includeDataInResponse") == true else {
                return CrudRoutes.model(200, store, .files, record)
            }
            // INVENTED: the member name of the base64 contents (`data`); the reconstructed model omits it.
            var model = store.renderValue(.files, record).objectValue ?? [:]
            model["data"] = .string(store.fileContents[guid]?.base64EncodedString() ?? "")
            return .json(200, .object(model))
        },
        SeveraRoute(.get, "files/{}/filedata", .scope("files:read")) { context, store throws(SeveraAPIError) in
            let guid = try context.guid()
            guard let record = store.record(.files, guid) else { throw .notFound() }
            let type = store.string(.files, record, "contentType") ?? "application/octet-stream"
            return HTTPResponse(status: 200, headers: ["Content-Type": type], body: store.fileContents[guid] ?? Data())
        },
        SeveraRoute(.get, "invoices/{}/pdf", .scope("files:read")) { context, store throws(SeveraAPIError) in
            guard let invoice = store.record(.invoices, try context.guid()) else { throw .notFound() }
            let number = store.value(.invoices, invoice, "number")?.numberValue?.literal ?? "draft"
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "application/pdf"],
                body: MinimalPDF.document(text: "Invoice \(number)"))
        },
    ]
}
