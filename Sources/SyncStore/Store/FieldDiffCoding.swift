import JSONSupport
import SyncCore

/// The canonical JSON form of a transfer-log entry's field changes and conflicts.
///
/// Changes are `[{"field":…,"old":…,"new":…}]` and conflicts `[{"field":…,"pm":…,"acct":…,"winner":…}]`.
/// A value that is absent (`nil`) has no member, which keeps it apart from a JSON `null` value.
enum FieldDiffCoding {
    /// Appends the canonical JSON of `changes` to `output`.
    ///
    /// Written member by member in sorted key order ("field" < "new" < "old"), which gives the same
    /// bytes as ``JSONSerializer`` on the equivalent object without building dictionaries per entry.
    static func write(_ changes: [FieldChange], to output: inout [UInt8]) {
        writeArray(changes, to: &output) { change, output in
            writeMember("field", .string(change.field), first: true, to: &output)
            writeMember("new", change.new, to: &output)
            writeMember("old", change.old, to: &output)
        }
    }

    /// Appends the canonical JSON of `conflicts` to `output` (keys "acct" < "field" < "pm" < "winner").
    static func write(_ conflicts: [FieldConflict], to output: inout [UInt8]) {
        writeArray(conflicts, to: &output) { conflict, output in
            writeMember("acct", conflict.accountingValue, first: true, to: &output)
            writeMember("field", .string(conflict.field), first: conflict.accountingValue == nil, to: &output)
            writeMember("pm", conflict.pmValue, to: &output)
            writeMember("winner", .string(conflict.winner.rawValue), to: &output)
        }
    }

    private static func writeArray<Element>(
        _ elements: [Element], to output: inout [UInt8], _ writeMembers: (Element, inout [UInt8]) -> Void
    ) {
        output.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "{"))
            writeMembers(element, &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "]"))
    }

    /// Appends `"key":value` (preceded by a comma unless `first`); nothing when `value` is absent.
    private static func writeMember(_ key: String, _ value: JSONValue?, first: Bool = false, to output: inout [UInt8]) {
        guard let value else { return }
        if !first { output.append(UInt8(ascii: ",")) }
        JSONSerializer.write(.string(key), to: &output)
        output.append(UInt8(ascii: ":"))
        JSONSerializer.write(value, to: &output)
    }

    /// The changes stored as `value`, or `nil` when it does not have the expected shape.
    static func changes(from value: JSONValue) -> [FieldChange]? {
        guard let elements = value.arrayValue else { return nil }
        var changes: [FieldChange] = []
        for element in elements {
            guard let field = element["field"]?.stringValue else { return nil }
            changes.append(FieldChange(field: field, old: element["old"], new: element["new"]))
        }
        return changes
    }

    /// The conflicts stored as `value`, or `nil` when it does not have the expected shape.
    static func conflicts(from value: JSONValue) -> [FieldConflict]? {
        guard let elements = value.arrayValue else { return nil }
        var conflicts: [FieldConflict] = []
        for element in elements {
            guard let field = element["field"]?.stringValue,
                let winner = element["winner"]?.stringValue.flatMap(SystemSide.init(rawValue:))
            else { return nil }
            conflicts.append(
                FieldConflict(field: field, pmValue: element["pm"], accountingValue: element["acct"], winner: winner))
        }
        return conflicts
    }
}
