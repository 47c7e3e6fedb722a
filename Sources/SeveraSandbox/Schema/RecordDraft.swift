import Foundation
import JSONSupport
import SandboxKit

/// A record being created or patched: normalized values by field, before they are packed.
struct RecordDraft: Sendable {
    /// The kind of record.
    let kind: SeveraKind
    /// The schema of that kind.
    let schema: RecordSchema
    /// The value of each field: `nil` when not given, `.null` when explicitly empty.
    var values: [JSONValue?]
    /// The id the record has or will get.
    var guid: UUID
    /// The owning record.
    var owner: UUID?
    /// What the write is.
    let mode: WriteMode
    /// The time of the write, milliseconds since 1970.
    let now: Int64
    /// The fields the input of this write set (POST body members or PATCH operation paths).
    var touched: Set<Int> = []

    /// Fills the values from a stored record; fields stored as absent take their absent value (a `false`
    /// flag, a zero quantity) so rules see what the output shows.
    mutating func load(_ record: StoredRecord) {
        for entry in record.fields.entries {
            values[entry.field] = schema.decode(entry.field, entry.json)
        }
        for (index, field) in schema.fields.enumerated() where values[index] == nil && field.kind.isPacked {
            if !field.absentValue.isNull { values[index] = field.absentValue }
        }
    }

    /// The value of `name`, treating `null` as absent.
    func value(_ name: String) -> JSONValue? {
        guard let index = schema.index(of: name), let value = values[index], !value.isNull else { return nil }
        return value
    }

    /// The string value of `name`.
    func string(_ name: String) -> String? {
        value(name)?.stringValue
    }

    /// The boolean value of `name`.
    func bool(_ name: String) -> Bool? {
        value(name)?.boolValue
    }

    /// The id stored in reference field `name`.
    func reference(_ name: String) -> UUID? {
        string(name).flatMap(SeveraGUID.parse)
    }

    /// Whether the input of this write (not a hook) set `name`.
    func wasTouched(_ name: String) -> Bool {
        guard let index = schema.index(of: name) else { return false }
        return touched.contains(index)
    }

    /// The names of the fields the input of this write set.
    var touchedNames: [String] {
        touched.sorted().map { schema.fields[$0].name }
    }

    /// Sets `name` to `value`.
    mutating func set(_ name: String, _ value: JSONValue?) {
        guard let index = schema.index(of: name) else {
            preconditionFailure("\(kind.displayName) has no field \(name)")
        }
        values[index] = value
    }

    /// Sets `name` to `value` when it has no value yet.
    mutating func setDefault(_ name: String, _ value: JSONValue) {
        if self.value(name) == nil { set(name, value) }
    }
}
