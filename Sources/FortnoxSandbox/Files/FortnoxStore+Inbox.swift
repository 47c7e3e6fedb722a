import Foundation
import JSONSupport
import SandboxKit

/// `/3/inbox`: list the root or a subfolder, upload a file (multipart field `file`) into a subfolder,
/// fetch a file's bytes, delete a file.
extension FortnoxStore {
    /// `GET /3/inbox` (root, or the folder named by `path`/`folderId`).
    func inboxFolder(path: String?, context: RequestContext) throws(FortnoxError) -> FortnoxReply {
        guard let path else { return .json(200, inbox.folderJSON(nil, context: context)) }
        guard let folder = InboxStore.folderId(path) else { throw FortnoxStore.unknownFolder(path) }
        return .json(200, inbox.folderJSON(folder, context: context))
    }

    /// `GET /3/inbox/{Id}`: a folder, or a file's bytes.
    func inboxItem(_ id: String, context: RequestContext) throws(FortnoxError) -> FortnoxReply {
        if let folder = InboxStore.folderId(id) { return .json(200, inbox.folderJSON(folder, context: context)) }
        guard let file = inbox.files[id] else { throw FortnoxStore.fileNotFound(id) }
        let isPDF = file.name.lowercased().hasSuffix(".pdf")
        return FortnoxReply(
            status: 200, body: file.data, contentType: isPDF ? "application/pdf" : "application/octet-stream")
    }

    /// `POST /3/inbox?path=Inbox_kf` with a multipart body whose field `file` holds the file.
    ///
    /// - Throws: 2000588 for a missing or unknown folder, INVENTED 2099028 for a body without `file`.
    mutating func uploadToInbox(
        folder path: String?, body: [UInt8], contentType: String?, context: RequestContext
    ) throws(FortnoxError) -> FortnoxReply {
        guard let path, let folder = InboxStore.folderId(path) else {
            throw FortnoxStore.unknownFolder(path ?? "")
        }
        guard let boundary = MultipartFormData.boundary(contentType: contentType),
            let parts = MultipartFormData.parts(of: body, boundary: boundary),
            let part = parts.first(where: { $0.name == "file" })
        else {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.missingFile, "Ingen fil i anropet (multipart/form-data med fältet file)."
            )
        }
        let file = InboxFile(
            id: UUID().uuidString.lowercased(), archiveFileId: UUID().uuidString.lowercased(),
            name: part.filename ?? "file", folder: folder, data: part.data
        )
        inbox.add(file)
        return .json(201, ["File": InboxStore.fileJSON(file, context: context)])
    }

    /// `DELETE /3/inbox/{Id}`; a file attached to an invoice cannot be deleted (INVENTED 2099017).
    mutating func deleteFromInbox(_ id: String) throws(FortnoxError) -> FortnoxReply {
        guard inbox.files[id] != nil else { throw FortnoxStore.fileNotFound(id) }
        if attachments.items.contains(where: { $0.fileId == id }) {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.resourceInUse, "Filen \(id) är kopplad till en faktura och kan inte tas bort."
            )
        }
        inbox.remove(id)
        return .noContent
    }

    private static func unknownFolder(_ path: String) -> FortnoxError {
        .invalidParameter("path", path)
    }

    private static func fileNotFound(_ id: String) -> FortnoxError {
        .notFound(FortnoxErrorCode.fileNotFound, "Kan inte hitta filen \(id).")  // INVENTED code
    }
}
