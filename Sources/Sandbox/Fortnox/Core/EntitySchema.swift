import JSONSupport

/// The fields of one Fortnox entity, sorted by name so that rendering writes keys in the same
/// byte order as ``JSONSerializer`` without sorting per response.
final class EntitySchema: Sendable {
    /// The wrapper key of a single entity, e.g. `Customer`.
    let wrapper: String
    /// The fields sorted by the UTF-8 bytes of their names.
    let fields: [FieldSpec]
    private let keyPrefixes: [[UInt8]]
    private let indexByName: [String: Int]

    /// Creates a schema; `fields` may come in any order.
    init(wrapper: String, fields: [FieldSpec]) {
        self.wrapper = wrapper
        self.fields = fields.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.keyPrefixes = self.fields.map { field in
            var bytes: [UInt8] = []
            JSONSerializer.write(.string(field.name), to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            return bytes
        }
        var index: [String: Int] = [:]
        for (position, field) in self.fields.enumerated() { index[field.name] = position }
        self.indexByName = index
    }

    /// The position of the field named `name`, or `nil` when the entity has no such field.
    func position(of name: String) -> Int? {
        indexByName[name]
    }

    /// The position of a field the emulator itself names; a wrong name is a programming error.
    func index(of name: String) -> Int {
        guard let position = indexByName[name] else { preconditionFailure("\(wrapper) has no field \(name)") }
        return position
    }

    /// Validates a client's entity object and returns the values it sets, canonicalised.
    ///
    /// Unknown names fail with 2001399 (the alphabetically first one is reported); read-only fields
    /// are ignored; `createOnly` fields are kept so the resource can compare them with the stored key.
    /// Fields are checked in name order so the same body always reports the same error.
    ///
    /// - Throws: ``FortnoxError`` naming the field.
    func input(from members: [String: JSONValue]) throws(FortnoxError) -> FieldValues {
        var positions: [(position: Int, value: JSONValue)] = []
        positions.reserveCapacity(members.count)
        var unknown: String?
        for (name, value) in members {
            if let position = indexByName[name] {
                positions.append((position, value))
            } else if unknown.map({ name.utf8.lexicographicallyPrecedes($0.utf8) }) ?? true {
                unknown = name
            }
        }
        if let unknown { throw .invalidFieldName(unknown) }
        positions.sort { $0.position < $1.position }
        var values = FieldValues(schema: self)
        for (position, value) in positions where fields[position].access != .readOnly {
            values.slots[position] = try fields[position].coerce(value)
        }
        return values
    }

    /// Appends the entity object (every field, unset ones with their default) to `output`.
    func write(_ values: FieldValues, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for position in fields.indices {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: keyPrefixes[position])
            JSONSerializer.write(values.slots[position] ?? fields[position].absent, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// The entity object as a ``JSONValue`` (every field, unset ones with their default).
    func json(_ values: FieldValues) -> JSONValue {
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(fields.count)
        for (position, field) in fields.enumerated() {
            members[field.name] = values.slots[position] ?? field.absent
        }
        return .object(members)
    }
}
