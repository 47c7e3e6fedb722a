import Foundation
public import JSONSupport
public import SandboxKit
import Synchronization

/// Saving and restoring everything the emulator holds (for `brygga sandbox serve --state FILE`).
extension FortnoxEmulator {
    /// The format tag of an exported state.
    static let stateFormat = "brygga-fortnox-emulator/1"

    /// Everything the emulator holds as JSON: records with their modification stamps, number series,
    /// counters, settings, inbox files, attachments and the token registry (with live tokens: write it
    /// owner-only).
    public func exportState() -> JSONValue {
        let tokenState = tokens.exportState()
        return state.withLock { store in
            var tables: [String: JSONValue] = [:]
            for resource in FortnoxResource.allCases {
                var table = store.table(resource)
                let schema = FortnoxHandlers.handler(for: resource).definition.schema
                let records: [JSONValue] = table.orderedKeys().compactMap { key in
                    guard let stored = table[key] else { return nil }
                    return [
                        "key": .string(key), "modified": .number(JSONNumber(stored.modified)),
                        "fields": stored.record.values(schema).sparseJSON,
                    ]
                }
                tables[resource.rawValue] = [
                    "lastNumber": .number(JSONNumber(table.lastNumber)),
                    "retiredKeys": .array(table.retiredKeys.sorted().map(JSONValue.string)),
                    "records": .array(records),
                ]
            }
            let files: [JSONValue] = store.inbox.order.compactMap { id in
                guard let file = store.inbox.files[id] else { return nil }
                return [
                    "id": .string(file.id), "archiveFileId": .string(file.archiveFileId), "name": .string(file.name),
                    "folder": .string(file.folder), "data": .string(Data(file.data).base64EncodedString()),
                ]
            }
            return [
                "format": .string(FortnoxEmulator.stateFormat),
                "tokens": tokenState,
                "projectAccounting": .bool(store.projectAccountingEnabled),
                "lastRowId": .number(JSONNumber(store.lastRowId)),
                "voucherNumbers": .object(store.lastVoucherNumbers.mapValues { .number(JSONNumber($0)) }),
                "tables": .object(tables),
                "inbox": .array(files),
                "attachments": .array(store.attachments.items.map(\.json)),
            ]
        }
    }

    /// Replaces everything with a state from ``exportState()``; nothing changes when it throws.
    ///
    /// - Throws: ``SandboxStateError`` naming where the document is wrong.
    public func importState(_ json: JSONValue) throws(SandboxStateError) {
        guard json["format"]?.stringValue == FortnoxEmulator.stateFormat else {
            throw SandboxStateError(path: "fortnox.format", reason: "expected \"\(FortnoxEmulator.stateFormat)\"")
        }
        var store = FortnoxStore(projectAccountingEnabled: json["projectAccounting"]?.boolValue ?? true)
        store.lastRowId = Int(json["lastRowId"]?.numberValue?.int64 ?? 0)
        for (series, value) in json["voucherNumbers"]?.objectValue ?? [:] {
            store.lastVoucherNumbers[series] = Int(value.numberValue?.int64 ?? 0)
        }
        for resource in FortnoxResource.allCases {
            store.setTable(resource, try FortnoxEmulator.importTable(resource, json["tables"]?[resource.rawValue]))
        }
        for (index, file) in (json["inbox"]?.arrayValue ?? []).enumerated() {
            guard let id = file["id"]?.stringValue, let archive = file["archiveFileId"]?.stringValue,
                let name = file["name"]?.stringValue, let folder = file["folder"]?.stringValue,
                let data = file["data"]?.stringValue.flatMap({ Data(base64Encoded: $0) })
            else { throw SandboxStateError(path: "fortnox.inbox[\(index)]", reason: "malformed file") }
            store.inbox.add(InboxFile(id: id, archiveFileId: archive, name: name, folder: folder, data: [UInt8](data)))
        }
        for (index, item) in (json["attachments"]?.arrayValue ?? []).enumerated() {
            guard let id = item["id"]?.stringValue, let entityId = item["entityId"]?.numberValue?.int64,
                let entityType = item["entityType"]?.stringValue, let fileId = item["fileId"]?.stringValue,
                let include = item["includeOnSend"]?.boolValue
            else { throw SandboxStateError(path: "fortnox.attachments[\(index)]", reason: "malformed attachment") }
            store.attachments.items.append(
                FileAttachment(
                    id: id, entityId: entityId, entityType: entityType, fileId: fileId, includeOnSend: include)
            )
        }
        try tokens.importState(json["tokens"] ?? .null)
        var restored = store
        state.withLock { current in
            restored.paymentsTouchInvoices = current.paymentsTouchInvoices  // a switch, not company state
            current = restored
        }
    }

    private static func importTable(_ resource: FortnoxResource, _ json: JSONValue?) throws(SandboxStateError)
        -> RecordTable
    {
        let path = "fortnox.tables.\(resource.rawValue)"
        guard let json, let records = json["records"]?.arrayValue else {
            throw SandboxStateError(path: path, reason: "expected an object with records")
        }
        let schema = FortnoxHandlers.handler(for: resource).definition.schema
        var table = RecordTable()
        for (index, record) in records.enumerated() {
            guard let key = record["key"]?.stringValue, let modified = record["modified"]?.numberValue?.int64,
                let fields = record["fields"]?.objectValue
            else { throw SandboxStateError(path: "\(path).records[\(index)]", reason: "malformed record") }
            if let unknown = fields.keys.sorted().first(where: { schema.position(of: $0) == nil }) {
                throw SandboxStateError(path: "\(path).records[\(index)].fields.\(unknown)", reason: "unknown field")
            }
            let values = schema.input(trusted: .object(fields))
            table.insert(key, StoredRecord(record: CompactRecord(values), modified: modified))
        }
        table.lastNumber = Int(json["lastNumber"]?.numberValue?.int64 ?? 0)
        table.retiredKeys = Set((json["retiredKeys"]?.arrayValue ?? []).compactMap(\.stringValue))
        return table
    }
}
