import Foundation
import JSONSupport
import SandboxKit

extension SeveraStore {
    /// Builds the draft of a new record from a POST body (or a seed model).
    ///
    /// Members are matched to fields ignoring case; unknown and read-only members are ignored, as
    /// .NET model binding does (UNVERIFIED for Severa). Defaults and the kind's own rules are applied.
    /// - Throws: ``SeveraAPIError`` 400 naming the offending field; nothing is changed.
    func draftForCreate(
        _ kind: SeveraKind, body: JSONValue, mode: WriteMode, now: Int64, owner: UUID? = nil, guid: UUID? = nil
    ) throws(SeveraAPIError) -> RecordDraft {
        let definition = SeveraDefinitions.definition(kind)
        let schema = definition.schema
        guard case .object(let members) = body else {
            throw .invalidRequest("The request body must be a JSON object.")
        }
        var draft = RecordDraft(
            kind: kind, schema: schema, values: Array(repeating: nil, count: schema.fields.count),
            guid: guid ?? UUID(), owner: owner, mode: mode, now: now)
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            guard let index = schema.index(matching: key) else { continue }
            let field = schema.fields[index]
            if case .foreignReference = field.kind {
                _ = try FieldInput.normalize(value, for: field, store: self)
                continue
            }
            guard field.kind.isPacked, accepts(field, mode: mode) else { continue }
            if case .stored = field.kind {
                draft.values[index] = value
            } else {
                draft.values[index] = try FieldInput.normalize(value, for: field, store: self)
            }
            draft.touched.insert(index)
        }
        for (index, field) in schema.fields.enumerated() where draft.values[index] == nil {
            if let value = field.defaultValue { draft.values[index] = value }
        }
        if draft.owner == nil, let ownerField = definition.ownerField {
            draft.owner = try ownerReference(members, field: ownerField.name, kind: ownerField.kind)
        }
        try finish(&draft, definition)
        return draft
    }

    /// The owner named by body member `field`: `{"guid": …}` or a bare guid string.
    private func ownerReference(_ members: [String: JSONValue], field: String, kind: SeveraKind)
        throws(SeveraAPIError) -> UUID
    {
        let member = JSONValue.object(members).member(caseInsensitive: field) ?? .null
        let text = member.stringValue ?? member.member(caseInsensitive: "guid")?.stringValue
        guard let text else { throw .invalidParameter("\(field) is required.", name: field) }
        guard let guid = SeveraGUID.parse(text) else {
            throw .invalidParameter("\(field) must be a GUID.", name: field)
        }
        guard record(kind, guid) != nil else {
            throw .invalidParameter("\(kind.displayName) with guid '\(text)' was not found.", name: field)
        }
        return guid
    }

    /// Builds the draft of a patched record from a JSON Patch body.
    ///
    /// Only `replace` is supported (op matched ignoring case); paths name a field (`/name`), the guid of
    /// a reference (`/customer/guid`) or a part of a money value (`/unitPrice/amount`).
    /// INVENTED: an empty operation array is still a write and moves `lastUpdatedDateTime`.
    /// - Throws: ``SeveraAPIError`` 400 naming the operation or field; nothing is changed.
    func draftForPatch(_ kind: SeveraKind, record: StoredRecord, operations: JSONValue, now: Int64)
        throws(SeveraAPIError) -> RecordDraft
    {
        let definition = SeveraDefinitions.definition(kind)
        let schema = definition.schema
        guard case .array(let list) = operations else {
            throw .invalidRequest("The request body must be a JSON Patch array of operations.")
        }
        var draft = RecordDraft(
            kind: kind, schema: schema, values: Array(repeating: nil, count: schema.fields.count),
            guid: record.guid, owner: record.owner, mode: .update(record), now: now)
        draft.load(record)
        for operation in list {
            let change = try PatchOperation(operation, schema: schema)
            let field = schema.fields[change.field]
            let input = change.input(current: draft.values[change.field] ?? .null, kind: field.kind)
            draft.values[change.field] = try FieldInput.normalize(input, for: field, store: self)
            draft.touched.insert(change.field)
        }
        try finish(&draft, definition)
        return draft
    }

    /// Stores `draft` (appending or replacing) and runs the kind's side effects.
    ///
    /// - Returns: The record's position in its table.
    @discardableResult
    mutating func commit(_ draft: RecordDraft) -> Int {
        let definition = SeveraDefinitions.definition(draft.kind)
        let fields = pack(draft)
        let numberIndex = definition.numberField.flatMap { draft.schema.index(of: $0) }
        let number = numberIndex.flatMap { fields.value(of: $0) }.flatMap(StoredValue.int64)
        let position: Int
        if let existing = draft.mode.existing, let found = self[draft.kind].position(of: existing.guid) {
            position = found
            let previous = numberIndex.flatMap { existing.fields.value(of: $0) }.flatMap(StoredValue.int64)
            self[draft.kind].update(at: position, fields: fields, updatedAt: draft.now, owner: draft.owner)
            if numberIndex != nil { indexNumber(draft.kind, number: number, previous: previous, guid: draft.guid) }
        } else {
            position = self[draft.kind].append(
                StoredRecord(
                    guid: draft.guid, owner: draft.owner, createdAt: draft.now, updatedAt: draft.now, fields: fields))
            if numberIndex != nil { indexNumber(draft.kind, number: number, previous: nil, guid: draft.guid) }
        }
        definition.afterWrite(&self, position, draft.mode)
        return position
    }

    /// Deletes record `guid` of `kind` after the kind's checks, then runs its side effects.
    ///
    /// - Throws: ``SeveraAPIError`` 404 when there is no such record, 400 when it may not be deleted.
    mutating func delete(_ kind: SeveraKind, _ guid: UUID, now: Int64) throws(SeveraAPIError) {
        let definition = SeveraDefinitions.definition(kind)
        guard let position = self[kind].position(of: guid) else { throw .notFound() }
        let record = self[kind].records[position]
        try definition.checkDelete(record, self)
        if let numberField = definition.numberField, let index = definition.schema.index(of: numberField) {
            unindexNumber(kind, number: record.fields.value(of: index).flatMap(StoredValue.int64), guid: guid)
        }
        self[kind].delete(at: position)
        definition.afterDelete(&self, record, now)
    }

    /// Replaces some values of a stored record directly (side effects of other writes, e.g. totals).
    ///
    /// - Parameters:
    ///   - kind: The record's kind.
    ///   - position: The record's position in its table.
    ///   - now: The time of the write, milliseconds since 1970.
    ///   - touch: Whether the record's `lastUpdatedDateTime` moves to `now`.
    ///   - change: Sets the new values on a draft loaded from the record.
    mutating func updateValues(
        _ kind: SeveraKind, position: Int, now: Int64, touch: Bool = true, _ change: (inout RecordDraft) -> Void
    ) {
        let record = self[kind].records[position]
        let schema = SeveraDefinitions.schema(kind)
        var draft = RecordDraft(
            kind: kind, schema: schema, values: Array(repeating: nil, count: schema.fields.count),
            guid: record.guid, owner: record.owner, mode: .update(record), now: now)
        draft.load(record)
        change(&draft)
        self[kind].update(
            at: position, fields: pack(draft), updatedAt: touch ? now : record.updatedAt, owner: draft.owner)
    }

    private func accepts(_ field: FieldSpec, mode: WriteMode) -> Bool {
        switch field.access {
        case .writable, .createOnly: true
        case .seedOnly: if case .seed = mode { true } else { false }
        case .readOnly: false
        }
    }

    private func finish(_ draft: inout RecordDraft, _ definition: ResourceDefinition) throws(SeveraAPIError) {
        try checkRequired(draft)
        if let numberField = definition.numberField {
            try checkNumber(&draft, field: numberField, floor: definition.numberFloor)
        }
        try definition.finish(&draft, self)
    }

    private func checkRequired(_ draft: RecordDraft) throws(SeveraAPIError) {
        for (index, field) in draft.schema.fields.enumerated() where field.required {
            let value = draft.values[index] ?? .null
            let blank = value.stringValue.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false
            if value.isNull || blank {
                throw .invalidParameter(
                    "\(field.name.prefix(1).uppercased() + field.name.dropFirst()) is required.",
                    name: field.name)
            }
        }
    }

    private func checkNumber(_ draft: inout RecordDraft, field: String, floor: Int64?) throws(SeveraAPIError) {
        if let number = draft.value(field)?.numberValue?.int64 {
            if let holder = guid(draft.kind, number: number), holder != draft.guid {
                throw .invalidParameter(
                    "\(draft.kind.displayName) number \(number) is already in use.", name: field)
            }
        } else if let floor, draft.mode.isCreate {
            draft.set(field, .number(JSONNumber(nextNumber(draft.kind, floor: floor))))
        }
    }

    /// The packed form of a draft: present, non-null values that differ from the field's absent value.
    func pack(_ draft: RecordDraft) -> PackedFields {
        var entries: [(field: Int, json: [UInt8])] = []
        for (index, field) in draft.schema.fields.enumerated() where field.kind.isPacked {
            guard let value = draft.values[index], !value.isNull, value != field.absentValue else { continue }
            entries.append((index, draft.schema.encode(index, value)))
        }
        return PackedFields.pack(entries)
    }
}
