import Foundation
import JSONSupport
import SandboxKit

/// A stored record in a few bytes: only the fields that differ from their default, each as
/// `position, tag, payload`, in position order.
///
/// A typical customer (name, numbers, an address, e-mail, phone) takes 150–250 bytes this way instead of
/// the kilobytes a dictionary of ``JSONValue`` would; the full entity with its nulls and defaults is
/// rebuilt on output from the ``EntitySchema``.
struct CompactRecord: Sendable, Equatable {
    private enum Tag: UInt8 {
        case null = 0
        case falseValue = 1
        case trueValue = 2
        case string = 3
        case number = 4
        case json = 5
    }

    /// The encoded fields.
    private(set) var bytes: [UInt8]

    /// Encodes the values in `values` that differ from their field's default.
    init(_ values: FieldValues) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        let fields = values.schema.fields
        for position in fields.indices {
            guard let value = values[position: position], value != fields[position].absent else { continue }
            bytes.append(UInt8(position))
            switch value {
            case .null: bytes.append(Tag.null.rawValue)
            case .bool(let flag): bytes.append(flag ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
            case .string(let text): CompactRecord.append(.string, text, to: &bytes)
            case .number(let number): CompactRecord.append(.number, number.literal, to: &bytes)
            case .array, .object:
                var nested: [UInt8] = []
                JSONSerializer.write(value, to: &nested)
                CompactRecord.append(.json, nested, to: &bytes)
            }
        }
        self.bytes = bytes
    }

    /// The values of this record for `schema` (unset fields `nil`).
    func values(_ schema: EntitySchema) -> FieldValues {
        var values = FieldValues(schema: schema)
        var offset = 0
        while offset < bytes.count {
            let position = Int(bytes[offset])
            let (value, next) = decodeValue(at: offset + 1)
            values[position: position] = value
            offset = next
        }
        return values
    }

    /// The stored value of one field without decoding the others, or `nil` when it has its default.
    func value(at position: Int) -> JSONValue? {
        var offset = 0
        while offset < bytes.count {
            let current = Int(bytes[offset])
            if current > position { return nil }
            if current == position { return decodeValue(at: offset + 1).value }
            offset = skipValue(at: offset + 1)
        }
        return nil
    }

    private static func append(_ tag: Tag, _ text: String, to bytes: inout [UInt8]) {
        if let appended: Void = text.utf8.withContiguousStorageIfAvailable({ append(tag, $0, to: &bytes) }) {
            return appended
        }
        append(tag, Array(text.utf8), to: &bytes)
    }

    private static func append<Bytes: Collection<UInt8>>(_ tag: Tag, _ payload: Bytes, to bytes: inout [UInt8]) {
        bytes.append(tag.rawValue)
        var length = payload.count
        while length >= 0x80 {
            bytes.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        bytes.append(contentsOf: payload)
    }

    private func readLength(at start: Int) -> (length: Int, next: Int) {
        var length = 0
        var shift = 0
        var offset = start
        while true {
            let byte = bytes[offset]
            offset += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return (length, offset) }
            shift += 7
        }
    }

    private func skipValue(at offset: Int) -> Int {
        switch Tag(rawValue: bytes[offset]) {
        case .string, .number, .json:
            let (length, next) = readLength(at: offset + 1)
            return next + length
        default:
            return offset + 1
        }
    }

    private func decodeValue(at offset: Int) -> (value: JSONValue, next: Int) {
        let tag = Tag(rawValue: bytes[offset]) ?? .null
        switch tag {
        case .null: return (.null, offset + 1)
        case .falseValue: return (.bool(false), offset + 1)
        case .trueValue: return (.bool(true), offset + 1)
        case .string, .number, .json:
            let (length, start) = readLength(at: offset + 1)
            let end = start + length
            let value: JSONValue = bytes.withUnsafeBufferPointer { buffer in
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
                switch tag {
                case .string: return .string(String(decoding: slice, as: UTF8.self))
                case .number:
                    let literal = String(decoding: slice, as: UTF8.self)
                    return JSONNumber(literal: literal).map(JSONValue.number) ?? .null
                default:
                    // The bytes were written by JSONSerializer, so they parse.
                    return (try? JSONParser.parse(Data(slice))) ?? .null
                }
            }
            return (value, end)
        }
    }
}
