import Foundation
import JSONSupport
import SandboxKit

/// The attachment service `/api/fileattachments/attachments-v1` (camelCase JSON without wrapper).
///
/// Rules [doc invoice-file-connections]: PDF only; the file must sit in `inbox_kf` for an invoice
/// (`inbox_o`/`inbox_of` for orders and offers); at most 5 MB per file and 15 MB per entity; at most
/// 5 attachments with `includeOnSend`. A batch is checked whole before anything is stored.
/// Only invoices (`F`) exist in the emulator, so `O` and `OF` always get `document_not_found`.
/// INVENTED: the statuses (404 for missing files, documents and attachments, 400 otherwise), the key
/// `max_included_on_send_exceeded` for the sixth `includeOnSend`, and `invalid_request`/
/// `attachment_not_found` for malformed requests and unknown attachment ids.
extension FortnoxStore {
    /// The largest file, in bytes.
    static let maximumAttachmentSize = 5 * 1024 * 1024
    /// The largest total per entity, in bytes.
    static let maximumAttachmentTotal = 15 * 1024 * 1024
    /// The most attachments per entity with `includeOnSend`.
    static let maximumIncludedOnSend = 5

    /// `POST`: attaches the files in `body` (a JSON array).
    mutating func attach(_ body: JSONValue) throws(AttachmentError) -> FortnoxReply {
        guard case .array(let elements) = body, !elements.isEmpty else {
            throw invalidRequest("Förväntade en lista med bilagor.")
        }
        var added: [FileAttachment] = []
        for element in elements {
            guard let entityId = element["entityId"]?.numberValue?.int64,
                let entityType = element["entityType"]?.stringValue, let fileId = element["fileId"]?.stringValue
            else { throw invalidRequest("entityId, entityType och fileId måste anges.") }
            let includeOnSend = element["includeOnSend"]?.boolValue ?? false
            let attachment = FileAttachment(
                id: UUID().uuidString.lowercased(), entityId: entityId, entityType: entityType, fileId: fileId,
                includeOnSend: includeOnSend
            )
            try check(attachment, alsoAdding: added)
            added.append(attachment)
        }
        attachments.items += added
        return .json(201, .array(added.map(\.json)))
    }

    /// `GET ?entityid=…&entitytype=…`: the attachments of the entities.
    func listAttachments(entityIds: [String], entityType: String?) throws(AttachmentError) -> FortnoxReply {
        let ids = try parse(entityIds)
        guard let entityType else { throw invalidRequest("entitytype måste anges.") }
        let matching = attachments.items.filter { ids.contains($0.entityId) && $0.entityType == entityType }
        return .json(200, .array(matching.map(\.json)))
    }

    /// `GET numberofattachments?entityids=…&entitytype=…`.
    func countAttachments(entityIds: [String], entityType: String?) throws(AttachmentError) -> FortnoxReply {
        let ids = try parse(entityIds)
        guard let entityType else { throw invalidRequest("entitytype måste anges.") }
        let counts: [JSONValue] = ids.map { id in
            let count = attachments.items.filter { $0.entityId == id && $0.entityType == entityType }.count
            return ["entityId": .number(JSONNumber(id)), "numberOfAttachments": .number(JSONNumber(count))]
        }
        return .json(200, .array(counts))
    }

    /// `PUT /{id}`: changes `includeOnSend` (the entity and file of an attachment stay).
    mutating func updateAttachment(_ id: String, body: JSONValue) throws(AttachmentError) -> FortnoxReply {
        guard let index = attachments.items.firstIndex(where: { $0.id == id }) else { throw attachmentNotFound(id) }
        guard case .object = body else { throw invalidRequest("Förväntade ett bilageobjekt.") }
        var attachment = attachments.items[index]
        if let include = body["includeOnSend"] {
            guard let flag = include.boolValue else {
                throw invalidRequest("includeOnSend måste vara true eller false.")
            }
            attachment.includeOnSend = flag
        }
        var others = attachments.items
        others.remove(at: index)
        try checkIncludedOnSend(attachment, among: others)
        attachments.items[index] = attachment
        return .json(200, attachment.json)
    }

    /// `DELETE /{id}`.
    mutating func detach(_ id: String) throws(AttachmentError) -> FortnoxReply {
        guard let index = attachments.items.firstIndex(where: { $0.id == id }) else { throw attachmentNotFound(id) }
        attachments.items.remove(at: index)
        return .noContent
    }

    private func check(_ attachment: FileAttachment, alsoAdding batch: [FileAttachment]) throws(AttachmentError) {
        let folder: String
        switch attachment.entityType {
        case "F": folder = "inbox_kf"
        case "O": folder = "inbox_o"
        case "OF": folder = "inbox_of"
        default: throw invalidRequest("Okänd entityType \(attachment.entityType).")
        }
        guard attachment.entityType == "F", exists(.invoices, String(attachment.entityId)) else {
            throw AttachmentError(
                status: 404, error: "document_not_found",
                message: "Dokumentet \(attachment.entityType) \(attachment.entityId) finns inte."
            )
        }
        guard let file = inbox.files[attachment.fileId] else {
            throw AttachmentError(
                status: 404, error: "file_not_found", message: "Filen \(attachment.fileId) finns inte.")
        }
        guard file.folder == folder else {
            throw AttachmentError(
                status: 400, error: "wrong_file_location",
                message:
                    "Filen \(file.name) ligger i \(InboxStore.folderName(file.folder)), inte i \(InboxStore.folderName(folder))."
            )
        }
        guard file.name.lowercased().hasSuffix(".pdf"), file.data.starts(with: Array("%PDF".utf8)) else {
            throw AttachmentError(status: 400, error: "wrong_file_type", message: "Filen \(file.name) är inte en PDF.")
        }
        guard file.data.count <= FortnoxStore.maximumAttachmentSize else {
            throw AttachmentError(
                status: 400, error: "file_too_big",
                message: "Filen \(file.name) är större än 5 MB (\(file.data.count) byte)."
            )
        }
        let siblings = attachments.items + batch
        let total = siblings.filter { $0.entityId == attachment.entityId && $0.entityType == attachment.entityType }
            .reduce(file.data.count) { $0 + (inbox.files[$1.fileId]?.data.count ?? 0) }
        guard total <= FortnoxStore.maximumAttachmentTotal else {
            throw AttachmentError(
                status: 400, error: "max_total_attachments_exceeded",
                message:
                    "Bilagorna på \(attachment.entityType) \(attachment.entityId) blir större än 15 MB (\(total) byte)."
            )
        }
        try checkIncludedOnSend(attachment, among: siblings)
    }

    private func checkIncludedOnSend(_ attachment: FileAttachment, among others: [FileAttachment])
        throws(AttachmentError)
    {
        guard attachment.includeOnSend else { return }
        let included = others.filter {
            $0.entityId == attachment.entityId && $0.entityType == attachment.entityType && $0.includeOnSend
        }.count
        if included >= FortnoxStore.maximumIncludedOnSend {
            throw AttachmentError(
                status: 400, error: "max_included_on_send_exceeded",  // INVENTED key
                message: "Högst \(FortnoxStore.maximumIncludedOnSend) bilagor kan skickas med fakturan."
            )
        }
    }

    private func parse(_ entityIds: [String]) throws(AttachmentError) -> [Int64] {
        let pieces = entityIds.flatMap { $0.split(separator: ",").map(String.init) }
        var ids: [Int64] = []
        for piece in pieces {
            guard let id = Int64(piece.trimmingCharacters(in: .whitespaces)) else {
                throw invalidRequest("Ogiltigt entity-id \(piece).")
            }
            ids.append(id)
        }
        if ids.isEmpty { throw invalidRequest("entityid måste anges.") }
        return ids
    }

    private func invalidRequest(_ message: String) -> AttachmentError {
        AttachmentError(status: 400, error: "invalid_request", message: message)  // INVENTED key
    }

    private func attachmentNotFound(_ id: String) -> AttachmentError {
        AttachmentError(status: 404, error: "attachment_not_found", message: "Bilagan \(id) finns inte.")  // INVENTED
    }
}
