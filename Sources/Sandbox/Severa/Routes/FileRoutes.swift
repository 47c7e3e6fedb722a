import Foundation
import HTTPSupport
import JSONSupport

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

/// A one-page PDF showing one line of text: stands in for Severa's rendered invoice.
///
/// INVENTED: the content; Severa renders its invoice template.
enum MinimalPDF {
    /// The PDF bytes.
    static func document(text: String) -> Data {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
            .replacingOccurrences(of: ")", with: "\\)")
        let stream = "BT /F1 18 Tf 72 770 Td (\(escaped)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            output += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(output.utf8)
    }
}
