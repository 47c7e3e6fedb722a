import Foundation
import JSONSupport
import SandboxKit

/// A file in the emulated inbox.
struct InboxFile: Sendable, Equatable {
    /// The file id (a UUID).
    var id: String
    /// The id the file has in the archive.
    var archiveFileId: String
    /// The file name.
    var name: String
    /// The id of the folder holding it, e.g. `inbox_kf`.
    var folder: String
    /// The content.
    var data: [UInt8]
}

/// The inbox: fixed subfolders (`Inbox_kf` for customer invoices, `Inbox_s` for supplier invoices, …)
/// holding uploaded files.
struct InboxStore: Sendable {
    /// The fixed subfolders [spec]: id (lower case) → name.
    static let folders: [(id: String, name: String)] = [
        ("inbox_a", "Inbox_a"), ("inbox_b", "Inbox_b"), ("inbox_d", "Inbox_d"), ("inbox_kf", "Inbox_kf"),
        ("inbox_l", "Inbox_l"), ("inbox_o", "Inbox_o"), ("inbox_of", "Inbox_of"), ("inbox_s", "Inbox_s"),
        ("inbox_v", "Inbox_v"),
    ]

    /// The files by id.
    var files: [String: InboxFile] = [:]
    /// The file ids in upload order.
    var order: [String] = []

    /// The folder id for a `path`/`folderId` value (case-insensitive), or `nil`.
    static func folderId(_ value: String) -> String? {
        let lowered = value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return folders.first { $0.id == lowered }?.id
    }

    /// The folder's display name.
    static func folderName(_ id: String) -> String {
        folders.first { $0.id == id }?.name ?? id
    }

    /// Adds a file.
    mutating func add(_ file: InboxFile) {
        files[file.id] = file
        order.append(file.id)
    }

    /// Removes a file.
    mutating func remove(_ id: String) {
        files.removeValue(forKey: id)
        order.removeAll { $0 == id }
    }

    /// The `File` row of a file.
    static func fileJSON(_ file: InboxFile, context: RequestContext) -> JSONValue {
        [
            "@url": .string(context.url("inbox", file.id)), "ArchiveFileId": .string(file.archiveFileId),
            "Comments": nil, "Id": .string(file.id), "Name": .string(file.name),
            "Path": .string(folderName(file.folder) + "/" + file.name), "Size": .number(JSONNumber(file.data.count)),
        ]
    }

    /// The `Folder` object of a subfolder, or of the root (`nil`) listing the subfolders.
    func folderJSON(_ id: String?, context: RequestContext) -> JSONValue {
        let files = order.compactMap { self.files[$0] }.filter { $0.folder == (id ?? "root") }
        let subfolders: [JSONValue] =
            id == nil
            ? InboxStore.folders.map {
                ["@url": .string(context.url("inbox", $0.id)), "Id": .string($0.id), "Name": .string($0.name)]
            }
            : []
        return [
            "Folder": [
                "@url": .string(id.map { context.url("inbox", $0) } ?? context.url("inbox")),
                "Email": "inbox.sandbox@fortnox.se",
                "Files": .array(files.map { InboxStore.fileJSON($0, context: context) }),
                "Folders": .array(subfolders),
                "Id": .string(id ?? "root"),
                "Name": .string(id.map(InboxStore.folderName) ?? "root"),
            ]
        ]
    }
}
