import Foundation
public import JSONSupport
public import SandboxKit
import Synchronization

extension SeveraEmulator {
    /// The whole emulated organisation as JSON: every record with its audit instants, file contents and
    /// the token registry (live tokens: write it owner-only).
    ///
    /// Deleted records are left out, so page tokens issued before an export do not survive an import.
    public func exportState() -> JSONValue {
        let organisation = state.withLock { store -> JSONValue in
            var tables: [String: JSONValue] = [:]
            for kind in SeveraKind.allCases {
                let schema = SeveraDefinitions.schema(kind)
                tables[String(describing: kind)] = .array(
                    store[kind].liveRecords.map { record in
                        var fields: [String: JSONValue] = [:]
                        for entry in record.fields.entries {
                            fields[schema.fields[entry.field].name] = schema.decode(entry.field, entry.json) ?? .null
                        }
                        var model: JSONValue = [
                            "guid": .string(SeveraGUID.string(record.guid)),
                            "createdAt": .number(JSONNumber(record.createdAt)),
                            "updatedAt": .number(JSONNumber(record.updatedAt)), "fields": .object(fields),
                        ]
                        if let owner = record.owner, case .object(var members) = model {
                            members["owner"] = .string(SeveraGUID.string(owner))
                            model = .object(members)
                        }
                        return model
                    })
            }
            var files: [String: JSONValue] = [:]
            for (guid, contents) in store.fileContents {
                files[SeveraGUID.string(guid)] = .string(contents.base64EncodedString())
            }
            return [
                "apiUser": .string(SeveraGUID.string(store.apiUser)),
                "organisationCurrency": .string(SeveraGUID.string(store.organisationCurrency)),
                "organisationCountry": .string(SeveraGUID.string(store.organisationCountry)),
                "rootBusinessUnit": .string(SeveraGUID.string(store.rootBusinessUnit)),
                "tables": .object(tables), "files": .object(files),
            ]
        }
        return ["format": "brygga-severa-sandbox/1", "organisation": organisation, "tokens": tokens.exportState()]
    }

    /// Replaces the whole state with one from ``exportState()``.
    ///
    /// - Throws: ``SandboxStateError`` naming the path of the first malformed part; the state is unchanged then.
    public func importState(_ json: JSONValue) throws(SandboxStateError) {
        guard json["format"]?.stringValue == "brygga-severa-sandbox/1" else {
            throw SandboxStateError(path: "severa.format", reason: "expected \"brygga-severa-sandbox/1\"")
        }
        guard let organisation = json["organisation"], let tokenState = json["tokens"] else {
            throw SandboxStateError(path: "severa", reason: "expected organisation and tokens")
        }
        let restored = try Self.restoreStore(organisation)
        try tokens.importState(tokenState)
        state.withLock { $0 = restored }
    }

    private static func restoreStore(_ json: JSONValue) throws(SandboxStateError) -> SeveraStore {
        var store = SeveraStore()
        func guid(_ key: String) throws(SandboxStateError) -> UUID {
            guard let text = json[key]?.stringValue, let guid = SeveraGUID.parse(text) else {
                throw SandboxStateError(path: "severa.organisation.\(key)", reason: "expected a GUID")
            }
            return guid
        }
        store.apiUser = try guid("apiUser")
        store.organisationCurrency = try guid("organisationCurrency")
        store.organisationCountry = try guid("organisationCountry")
        store.rootBusinessUnit = try guid("rootBusinessUnit")
        for kind in SeveraKind.allCases {
            let name = String(describing: kind)
            let records = json["tables"]?[name]?.arrayValue ?? []
            for (index, record) in records.enumerated() {
                try restore(record, kind: kind, into: &store, path: "severa.tables.\(name)[\(index)]")
            }
        }
        for (text, value) in json["files"]?.objectValue ?? [:] {
            guard let guid = SeveraGUID.parse(text),
                let contents = value.stringValue.flatMap({ Data(base64Encoded: $0) })
            else { throw SandboxStateError(path: "severa.files.\(text)", reason: "expected base64 contents") }
            store.fileContents[guid] = contents
        }
        return store
    }

    private static func restore(_ json: JSONValue, kind: SeveraKind, into store: inout SeveraStore, path: String)
        throws(SandboxStateError)
    {
        let definition = SeveraDefinitions.definition(kind)
        guard let guid = json["guid"]?.stringValue.flatMap(SeveraGUID.parse),
            let createdAt = json["createdAt"]?.numberValue?.int64,
            let updatedAt = json["updatedAt"]?.numberValue?.int64,
            let fields = json["fields"]?.objectValue
        else { throw SandboxStateError(path: path, reason: "expected guid, createdAt, updatedAt and fields") }
        guard !store[kind].contains(guid) else {
            throw SandboxStateError(path: "\(path).guid", reason: "the guid appears twice")
        }
        var owner: UUID?
        if let text = json["owner"]?.stringValue {
            guard let parsed = SeveraGUID.parse(text) else {
                throw SandboxStateError(path: "\(path).owner", reason: "expected a GUID")
            }
            owner = parsed
        }
        var entries: [(field: Int, json: [UInt8])] = []
        for (name, value) in fields {
            guard let index = definition.schema.index(of: name), definition.schema.fields[index].kind.isPacked else {
                throw SandboxStateError(
                    path: "\(path).fields.\(name)", reason: "not a stored field of \(kind.displayName)")
            }
            entries.append((index, definition.schema.encode(index, value)))
        }
        let packed = PackedFields.pack(entries.sorted { $0.field < $1.field })
        store[kind].append(
            StoredRecord(guid: guid, owner: owner, createdAt: createdAt, updatedAt: updatedAt, fields: packed))
        if let numberField = definition.numberField, let index = definition.schema.index(of: numberField) {
            store.indexNumber(
                kind, number: packed.value(of: index).flatMap(StoredValue.int64), previous: nil, guid: guid)
        }
    }
}
