import Foundation
import SandboxKit

/// The conjunction of a list request's filters over records of one kind.
///
/// Each filter looks at one field's packed bytes (or the record's owner or update instant), so
/// checking a record costs a few byte comparisons and no decoding for the common filters.
struct RecordFilter {
    /// The kind being filtered.
    let kind: SeveraKind
    private var predicates: [(StoredRecord, SeveraStore) -> Bool] = []

    /// A filter that admits every record of `kind`.
    init(_ kind: SeveraKind) {
        self.kind = kind
    }

    /// Whether `record` passes every filter.
    func matches(_ record: StoredRecord, _ store: SeveraStore) -> Bool {
        for predicate in predicates where !predicate(record, store) { return false }
        return true
    }

    /// Adds an arbitrary predicate.
    mutating func add(_ predicate: @escaping (StoredRecord, SeveraStore) -> Bool) {
        predicates.append(predicate)
    }

    /// `changedSince`: added or changed at or after `instant` (greater or equal).
    mutating func changedSince(_ instant: Int64?) {
        guard let instant else { return }
        add { record, _ in record.updatedAt >= instant }
    }

    /// A boolean field equals `value`; an unset field counts as `false`.
    mutating func flag(_ field: String, equals value: Bool?) {
        guard let value, let index = fieldIndex(field) else { return }
        add { record, _ in StoredValue.isTrue(record.fields.value(of: index)) == value }
    }

    /// A string field equals `value` (optionally ignoring case).
    mutating func text(_ field: String, equals value: String?, ignoringCase: Bool = false) {
        guard let value else { return }
        texts(field, in: [value], ignoringCase: ignoringCase)
    }

    /// A string field equals one of `values`.
    mutating func texts(_ field: String, in values: [String]?, ignoringCase: Bool = false) {
        guard let values, let index = fieldIndex(field) else { return }
        let wanted = Set(values.map { ignoringCase ? $0.lowercased() : $0 })
        add { record, _ in
            guard let bytes = record.fields.value(of: index), let text = StoredValue.string(bytes) else { return false }
            return wanted.contains(ignoringCase ? text.lowercased() : text)
        }
    }

    /// A reference field points to one of `guids`.
    mutating func reference(_ field: String, in guids: Set<UUID>?) {
        guard let guids, let index = fieldIndex(field) else { return }
        add { record, _ in record.fields.value(of: index).flatMap(StoredValue.rawGUID).map(guids.contains) ?? false }
    }

    /// The record's owner is one of `guids`.
    mutating func owner(in guids: Set<UUID>?) {
        guard let guids else { return }
        add { record, _ in record.owner.map(guids.contains) ?? false }
    }

    /// An integer field is one of `numbers`.
    mutating func number(_ field: String, in numbers: Set<Int64>?) {
        guard let numbers, let index = fieldIndex(field) else { return }
        add { record, _ in record.fields.value(of: index).flatMap(StoredValue.int64).map(numbers.contains) ?? false }
    }

    /// `textToSearch`: one of `fields` contains `text`, ignoring case.
    mutating func search(_ fields: [String], _ text: String?) {
        guard let text else { return }
        let needle = text.lowercased()
        let indices = fields.compactMap(fieldIndex)
        add { record, _ in
            indices.contains { index in
                record.fields.value(of: index).flatMap(StoredValue.string)?.lowercased().contains(needle) ?? false
            }
        }
    }

    private func fieldIndex(_ name: String) -> Int? {
        SeveraDefinitions.schema(kind).index(of: name)
    }
}
