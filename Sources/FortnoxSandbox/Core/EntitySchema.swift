import JSONSupport
import SandboxKit

/// The fields of one Fortnox entity, sorted by name so that rendering writes keys in the same
/// byte order as ``JSONSerializer`` without sorting per response.
final class EntitySchema: Sendable {
    /// The wrapper key of a single entity, e.g. `Customer`.
    let wrapper: String
    /// The fields sorted by the UTF-8 bytes of their names.
    let fields: [FieldSpec]
    /// Precomputed output bytes: for each field `,"Name":` (no comma before the first) directly followed
    /// by its serialized default, in one buffer so rendering copies one slice per unset field.
    private let blob: [UInt8]
    private let keyRanges: [Range<Int>]
    private let keyAndAbsentRanges: [Range<Int>]
    private let indexByName: FieldNameIndex

    /// Creates a schema; `fields` may come in any order.
    init(wrapper: String, fields: [FieldSpec]) {
        self.wrapper = wrapper
        self.fields = fields.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var blob: [UInt8] = []
        var keyRanges: [Range<Int>] = []
        var keyAndAbsentRanges: [Range<Int>] = []
        for field in self.fields {
            let keyStart = blob.count
            if keyStart > 0 { blob.append(UInt8(ascii: ",")) }
            JSONSerializer.write(.string(field.name), to: &blob)
            blob.append(UInt8(ascii: ":"))
            keyRanges.append(keyStart..<blob.count)
            JSONSerializer.write(field.absent, to: &blob)
            keyAndAbsentRanges.append(keyStart..<blob.count)
        }
        self.blob = blob
        self.keyRanges = keyRanges
        self.keyAndAbsentRanges = keyAndAbsentRanges
        self.indexByName = FieldNameIndex(self.fields.map(\.name))
    }

    /// The position of the field named `name`, or `nil` when the entity has no such field.
    func position(of name: String) -> Int? {
        indexByName.position(of: name)
    }

    /// The position of a field the emulator itself names; a wrong name is a programming error.
    func index(of name: String) -> Int {
        guard let position = indexByName.position(of: name) else {
            preconditionFailure("\(wrapper) has no field \(name)")
        }
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
            if let position = indexByName.position(of: name) {
                positions.append((position, value))
            } else if unknown.map({ name.utf8.lexicographicallyPrecedes($0.utf8) }) ?? true {
                unknown = name
            }
        }
        if let unknown { throw .invalidFieldName(unknown) }
        positions.sort { $0.position < $1.position }
        var values = FieldValues(schema: self)
        for (position, value) in positions where fields[position].access != .readOnly {
            values[position: position] = try fields[position].coerce(value)
        }
        return values
    }

    /// Appends the entity object (every field, unset ones with their default) to `output`.
    func write(_ values: FieldValues, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        blob.withUnsafeBufferPointer { blob in
            // Consecutive unset fields are one contiguous run of the blob: copy it at once.
            var runStart: Int?
            for position in fields.indices {
                guard let value = values[position: position] else {
                    if runStart == nil { runStart = keyAndAbsentRanges[position].lowerBound }
                    continue
                }
                if let start = runStart {
                    output.append(
                        contentsOf: UnsafeBufferPointer(rebasing: blob[start..<keyRanges[position].lowerBound]))
                    runStart = nil
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: blob[keyRanges[position]]))
                FortnoxText.appendJSON(value, to: &output)
            }
            if let start = runStart {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: blob[start..<blob.count]))
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// The entity object as a ``JSONValue`` (every field, unset ones with their default).
    func json(_ values: FieldValues) -> JSONValue {
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(fields.count)
        for (position, field) in fields.enumerated() {
            members[field.name] = values[position: position] ?? field.absent
        }
        return .object(members)
    }
}
