import Foundation
import JSONSupport

extension SeveraStore {
    /// Appends the output model of `record` (every field of the model, `null` when unset, keys sorted).
    func render(_ kind: SeveraKind, _ record: StoredRecord, to output: inout [UInt8]) {
        let schema = SeveraDefinitions.schema(kind)
        let fields = record.fields
        var entry = fields.entry(at: 0)
        output.append(UInt8(ascii: "{"))
        for (index, field) in schema.fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: schema.keyBytes[index])
            switch field.kind {
            case .guid:
                writeQuotedGUID(record.guid, to: &output)
            case .createdDateTime:
                SeveraTime.writeQuotedInstant(record.createdAt, to: &output)
            case .lastUpdatedDateTime:
                SeveraTime.writeQuotedInstant(record.updatedAt, to: &output)
            case .auditUser:
                renderReference(SeveraDefinitions.auditUser, apiUser, to: &output)
            case .owner(let spec):
                if let owner = record.owner {
                    renderReference(spec, owner, to: &output)
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
                    renderReference(spec, target, to: &output)
                } else {
                    output.append(contentsOf: "null".utf8)
                }
            case .computed(let compute):
                JSONSerializer.write(compute(record, self), to: &output)
            default:
                while let current = entry, current.field < index { entry = fields.entry(at: current.next) }
                if let current = entry, current.field == index {
                    let bytes = fields.storage[current.value]
                    if case .reference(let spec) = field.kind, let target = StoredValue.guid(bytes) {
                        renderReference(spec, target, to: &output)
                    } else {
                        output.append(contentsOf: bytes)
                    }
                } else {
                    JSONSerializer.write(field.absentValue, to: &output)
                }
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// The output model of `record` as a ``JSONValue``.
    func renderValue(_ kind: SeveraKind, _ record: StoredRecord) -> JSONValue {
        var output: [UInt8] = []
        render(kind, record, to: &output)
        return (try? JSONParser.parse(Data(output))) ?? .null
    }

    /// Appends `[model, model, …]` for `records`.
    func renderArray(_ kind: SeveraKind, _ records: [StoredRecord]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(records.count * 1024 + 2)
        output.append(UInt8(ascii: "["))
        for (index, record) in records.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            render(kind, record, to: &output)
        }
        output.append(UInt8(ascii: "]"))
        return output
    }

    /// Appends the sub-model of the record `target` points to; when that record is gone, its guid with
    /// every other field `null`.
    func renderReference(_ spec: ReferenceSpec, _ target: UUID, to output: inout [UInt8]) {
        let record = self[spec.target].record(target)
        let schema = SeveraDefinitions.schema(spec.target)
        output.append(UInt8(ascii: "{"))
        for (index, sub) in spec.subModel.fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: sub.name.utf8)
            output.append(contentsOf: "\":".utf8)
            switch sub.source {
            case .guid:
                writeQuotedGUID(target, to: &output)
            case .field(let name):
                if let record, let fieldIndex = schema.index(of: name) {
                    let field = schema.fields[fieldIndex]
                    if case .computed(let compute) = field.kind {
                        JSONSerializer.write(compute(record, self), to: &output)
                    } else if let bytes = record.fields.value(of: fieldIndex) {
                        output.append(contentsOf: bytes)
                    } else {
                        JSONSerializer.write(field.absentValue, to: &output)
                    }
                } else {
                    output.append(contentsOf: "null".utf8)
                }
            case .fullName:
                JSONSerializer.write(record.map { fullName(of: $0, schema: schema) } ?? .null, to: &output)
            case .computed(let compute):
                JSONSerializer.write(record.map { compute($0, self) } ?? .null, to: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// `firstName lastName` of a user or contact record.
    func fullName(of record: StoredRecord, schema: RecordSchema) -> JSONValue {
        let parts = ["firstName", "lastName"].compactMap { name -> String? in
            guard let index = schema.index(of: name), let bytes = record.fields.value(of: index) else { return nil }
            return StoredValue.string(bytes)
        }
        return parts.isEmpty ? .null : .string(parts.joined(separator: " "))
    }

    /// The decoded value of field `name` of `record`.
    func value(_ kind: SeveraKind, _ record: StoredRecord, _ name: String) -> JSONValue? {
        guard let index = SeveraDefinitions.schema(kind).index(of: name), let bytes = record.fields.value(of: index)
        else { return nil }
        return StoredValue.decode(bytes)
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
        return StoredValue.guid(bytes)
    }

    private func writeQuotedGUID(_ guid: UUID, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        SeveraGUID.write(guid, to: &output)
        output.append(UInt8(ascii: "\""))
    }
}
