import JSONSupport
import SandboxKit

/// The partial form of an entity in a list response: a fixed subset of fields, some written
/// differently than in the full entity (Fortnox lists `"PurchasePrice":"0"` where the article shows
/// `0`, and `""` where the customer shows `null`) [rec].
final class ListItemSchema: Sendable {
    /// How a list item shows a field of the full entity.
    enum Transform: Sendable {
        /// As in the full entity.
        case same
        /// Numbers as JSON strings (`0` → `"0"`); `null` stays `null`.
        case text
        /// `null` as `""`.
        case emptyForNull
        /// `true` when the field holds a non-empty array.
        case nonEmptyArray
    }

    private struct Column: Sendable {
        let keyPrefix: [UInt8]
        let source: Int
        let transform: Transform
    }

    /// The list key, e.g. `Customers`.
    let listKey: String
    private let columns: [Column]

    /// Creates a list schema of `fields` (`(listName, sourceName, transform)`) over `detail`.
    init(listKey: String, detail: EntitySchema, fields: [(name: String, source: String, transform: Transform)]) {
        self.listKey = listKey
        self.columns = fields.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map { field in
            var prefix: [UInt8] = []
            JSONSerializer.write(.string(field.name), to: &prefix)
            prefix.append(UInt8(ascii: ":"))
            return Column(keyPrefix: prefix, source: detail.index(of: field.source), transform: field.transform)
        }
    }

    /// Creates a list schema whose fields keep their names and form, except those in `transforms`.
    convenience init(
        listKey: String, detail: EntitySchema, names: [String], transforms: [String: Transform] = [:],
        renamed: [String: String] = [:]
    ) {
        self.init(
            listKey: listKey, detail: detail,
            fields: names.map { name in
                (name: name, source: renamed[name] ?? name, transform: transforms[name] ?? .same)
            }
        )
    }

    /// Appends the list item of the (decorated) entity `values` to `output`.
    func write(_ values: FieldValues, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (index, column) in columns.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: column.keyPrefix)
            let value = values[position: column.source] ?? values.schema.fields[column.source].absent
            FortnoxText.appendJSON(ListItemSchema.apply(column.transform, to: value), to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    private static func apply(_ transform: Transform, to value: JSONValue) -> JSONValue {
        switch (transform, value) {
        case (.text, .number(let number)): .string(number.literal)
        case (.emptyForNull, .null): .string("")
        case (.nonEmptyArray, .array(let elements)): .bool(!elements.isEmpty)
        case (.nonEmptyArray, _): .bool(false)
        default: value
        }
    }
}
