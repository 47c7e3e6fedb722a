import Foundation
import JSONSupport
import SandboxKit

/// A file attached to an invoice (`/api/fileattachments/attachments-v1`).
struct FileAttachment: Sendable, Equatable {
    /// The attachment id (a UUID).
    var id: String
    /// The document number of the entity.
    var entityId: Int64
    /// `F` (invoice), `O` (order), `OF` (offer).
    var entityType: String
    /// The inbox file.
    var fileId: String
    /// Whether the file goes out with the invoice.
    var includeOnSend: Bool

    /// The camelCase JSON object of the attachment service (no wrapper).
    var json: JSONValue {
        [
            "entityId": .number(JSONNumber(entityId)), "entityType": .string(entityType), "fileId": .string(fileId),
            "id": .string(id), "includeOnSend": .bool(includeOnSend),
        ]
    }
}

/// The attachments, in the order they were made.
struct AttachmentStore: Sendable {
    /// The attachments.
    var items: [FileAttachment] = []
}

/// An error of the attachment service, which has its own shape:
/// `{"error":"file_too_big","id":"…","message":"…"}` [spec].
struct AttachmentError: Error, Sendable, Equatable {
    /// The HTTP status.
    let status: Int
    /// The error key, e.g. `file_too_big`.
    let error: String
    /// A readable message.
    let message: String

    /// The response.
    var reply: FortnoxReply {
        .json(
            status,
            ["error": .string(error), "id": .string(UUID().uuidString.lowercased()), "message": .string(message)]
        )
    }
}
