import Foundation
import JSONSupport
import SandboxKit

extension SeveraStore {
    /// Appends the output model of `record`: every field of the model, `null` when unset, keys sorted.
    func render(_ kind: SeveraKind, _ record: StoredRecord, cache: inout RenderCache, to output: inout [UInt8]) {
        let schema = SeveraDefinitions.schema(kind)
        let fields = record.fields
        var entry = fields.entry(at: 0)
        output.append(UInt8(ascii: "{"))
        for index in schema.fields.indices {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: schema.keyBytes[index])
            let step = schema.steps[index]
            if step == .other {
                renderSpecial(schema.fields[index].kind, record, cache: &cache, to: &output)
                continue
            }
            while let current = entry, current.field < index { entry = fields.entry(at: current.next) }
            guard let current = entry, current.field == index else {
                output.append(contentsOf: schema.absentBytes[index])
                continue
            }
            let bytes = fields.storage[current.value]
            if step == .reference, case .reference(let spec) = schema.fields[index].kind,
                let target = StoredValue.rawGUID(bytes)
            {
                renderReference(spec, target, cache: &cache, to: &output)
            } else {
                output.append(contentsOf: bytes)
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    private func renderSpecial(
        _ kind: FieldKind, _ record: StoredRecord, cache: inout RenderCache, to output: inout [UInt8]
    ) {
        switch kind {
        case .guid:
            writeQuotedGUID(record.guid, to: &output)
        case .createdDateTime:
            SeveraTime.writeQuotedInstant(record.createdAt, to: &output)
        case .lastUpdatedDateTime:
            SeveraTime.writeQuotedInstant(record.updatedAt, to: &output)
        case .auditUser:
            renderReference(SeveraDefinitions.auditUser, apiUser, cache: &cache, to: &output)
        case .owner(let spec):
            if let owner = record.owner {
                renderReference(spec, owner, cache: &cache, to: &output)
            } else {
                output.append(contentsOf: "null".utf8)
            }
        case .ownerGuid:
            if let owner = record.owner {
                writeQuotedGUID(owner, to: &output)
            } else {
                output.append(contentsOf: "null".utf8)
            }
        case .derivedReference(let spec, let derive):
            if let target = derive(record, self) {
                renderReference(spec, target, cache: &cache, to: &output)
            } else {
                output.append(contentsOf: "null".utf8)
            }
        case .rendered(let write):
            write(record, self, &cache, &output)
        case .computed(let compute):
            JSONSerializer.write(compute(record, self), to: &output)
        default:
            output.append(contentsOf: "null".utf8)
        }
    }

    /// Appends the output model of `record` (a response of its own).
    func render(_ kind: SeveraKind, _ record: StoredRecord, to output: inout [UInt8]) {
        var cache = RenderCache()
        render(kind, record, cache: &cache, to: &output)
    }

    /// The output model of `record` as a ``JSONValue``, built from the stored values without writing and
    /// re-parsing the whole document (what seeds return).
    func renderValue(_ kind: SeveraKind, _ record: StoredRecord) -> JSONValue {
        let schema = SeveraDefinitions.schema(kind)
        var members: [String: JSONValue] = Dictionary(minimumCapacity: schema.fields.count)
        for (index, field) in schema.fields.enumerated() {
            let stored = record.fields.value(of: index)
            switch field.kind {
            case .reference(let spec):
                members[field.name] = stored.flatMap(StoredValue.rawGUID).map { subModelValue(spec, $0) } ?? .null
            case .guid:
                members[field.name] = .string(SeveraGUID.string(record.guid))
            case .createdDateTime:
                members[field.name] = .string(SeveraTime.formatInstant(record.createdAt))
            case .lastUpdatedDateTime:
                members[field.name] = .string(SeveraTime.formatInstant(record.updatedAt))
            case .auditUser:
                members[field.name] = subModelValue(SeveraDefinitions.auditUser, apiUser)
            case .owner(let spec):
                members[field.name] = record.owner.map { subModelValue(spec, $0) } ?? .null
            case .ownerGuid:
                members[field.name] = record.owner.map { .string(SeveraGUID.string($0)) } ?? .null
            case .derivedReference(let spec, let derive):
                members[field.name] = derive(record, self).map { subModelValue(spec, $0) } ?? .null
            case .computed(let compute):
                members[field.name] = compute(record, self)
            case .rendered, .foreignReference:
                var bytes: [UInt8] = []
                var cache = RenderCache()
                renderSpecial(field.kind, record, cache: &cache, to: &bytes)
                members[field.name] = StoredValue.decode(bytes[...]) ?? .null
            default:
                members[field.name] = stored.flatMap(StoredValue.decode) ?? field.absentValue
            }
        }
        return .object(members)
    }

    /// The sub-model of `target` as a ``JSONValue``.
    private func subModelValue(_ spec: ReferenceSpec, _ target: UUID) -> JSONValue {
        let record = self[spec.target].record(target)
        let schema = SeveraDefinitions.schema(spec.target)
        var members: [String: JSONValue] = Dictionary(minimumCapacity: spec.subModel.fields.count)
        for sub in spec.subModel.fields {
            guard let record else {
                if case .guid = sub.source {
                    members[sub.name] = .string(SeveraGUID.string(target))
                } else {
                    members[sub.name] = .null
                }
                continue
            }
            switch sub.source {
            case .guid:
                members[sub.name] = .string(SeveraGUID.string(target))
            case .field(let name):
                guard let fieldIndex = schema.index(of: name) else {
                    members[sub.name] = .null
                    continue
                }
                if case .computed(let compute) = schema.fields[fieldIndex].kind {
                    members[sub.name] = compute(record, self)
                } else {
                    members[sub.name] =
                        record.fields.value(of: fieldIndex).flatMap { schema.decode(fieldIndex, $0) }
                        ?? schema.fields[fieldIndex].absentValue
                }
            case .fullName:
                members[sub.name] = fullName(of: record, schema: schema)
            case .computed(let compute):
                members[sub.name] = compute(record, self)
            }
        }
        return .object(members)
    }

    /// `[model, model, …]` for `records`.
    func renderArray(_ kind: SeveraKind, _ records: [StoredRecord]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(records.count * 1024 + 2)
        var cache = RenderCache()
        output.append(UInt8(ascii: "["))
        for (index, record) in records.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            render(kind, record, cache: &cache, to: &output)
        }
        output.append(UInt8(ascii: "]"))
        return output
    }

    /// Appends the sub-model of the record `target` points to; when that record is gone, its guid with
    /// every other field `null`.
    func renderReference(_ spec: ReferenceSpec, _ target: UUID, cache: inout RenderCache, to output: inout [UInt8]) {
        output.append(
            contentsOf: cache.reference(target, model: spec.subModel.signature) {
                subModelBytes(spec, target)
            })
    }

    private func subModelBytes(_ spec: ReferenceSpec, _ target: UUID) -> [UInt8] {
        let record = self[spec.target].record(target)
        let schema = SeveraDefinitions.schema(spec.target)
        var output: [UInt8] = [UInt8(ascii: "{")]
        for (index, sub) in spec.subModel.fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: sub.name.utf8)
            output.append(contentsOf: "\":".utf8)
            guard let record else {
                if case .guid = sub.source {
                    writeQuotedGUID(target, to: &output)
                } else {
                    output.append(contentsOf: "null".utf8)
                }
                continue
            }
            switch sub.source {
            case .guid:
                writeQuotedGUID(target, to: &output)
            case .field(let name):
                guard let fieldIndex = schema.index(of: name) else {
                    output.append(contentsOf: "null".utf8)
                    continue
                }
                if case .computed(let compute) = schema.fields[fieldIndex].kind {
                    JSONSerializer.write(compute(record, self), to: &output)
                } else if schema.steps[fieldIndex] == .reference,
                    let guid = record.fields.value(of: fieldIndex).flatMap(StoredValue.rawGUID)
                {
                    writeQuotedGUID(guid, to: &output)
                } else if let bytes = record.fields.value(of: fieldIndex) {
                    output.append(contentsOf: bytes)
                } else {
                    output.append(contentsOf: schema.absentBytes[fieldIndex])
                }
            case .fullName:
                JSONSerializer.write(fullName(of: record, schema: schema), to: &output)
            case .computed(let compute):
                JSONSerializer.write(compute(record, self), to: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// `firstName lastName` of a user or contact record.
    func fullName(of record: StoredRecord, schema: RecordSchema) -> JSONValue {
        let parts = ["firstName", "lastName"].compactMap { name -> String? in
            guard let index = schema.index(of: name), let bytes = record.fields.value(of: index) else { return nil }
            return StoredValue.string(bytes)
        }
        return parts.isEmpty ? .null : .string(parts.joined(separator: " "))
    }

    /// The decoded value of field `name` of `record` (a reference as its guid string).
    func value(_ kind: SeveraKind, _ record: StoredRecord, _ name: String) -> JSONValue? {
        let schema = SeveraDefinitions.schema(kind)
        guard let index = schema.index(of: name), let bytes = record.fields.value(of: index) else { return nil }
        return schema.decode(index, bytes)
    }

    /// The string value of field `name` of `record`.
    func string(_ kind: SeveraKind, _ record: StoredRecord, _ name: String) -> String? {
        guard let index = SeveraDefinitions.schema(kind).index(of: name), let bytes = record.fields.value(of: index)
        else { return nil }
        return StoredValue.string(bytes)
    }

    /// The id held by reference field `name` of `record`.
    func reference(_ kind: SeveraKind, _ record: StoredRecord, _ name: String) -> UUID? {
        guard let index = SeveraDefinitions.schema(kind).index(of: name), let bytes = record.fields.value(of: index)
        else { return nil }
        return StoredValue.rawGUID(bytes)
    }

    /// Appends `"guid"`.
    func writeQuotedGUID(_ guid: UUID, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        SeveraGUID.write(guid, to: &output)
        output.append(UInt8(ascii: "\""))
    }
}
