/// The present values of one record, packed into a single byte array.
///
/// Each entry is the field's index in its ``RecordSchema`` (one byte), the length of the value
/// (LEB128) and the value's compact JSON. Entries are sorted by field index, absent and `null`
/// values are not stored, so a record costs little more than the JSON of what it actually holds;
/// writing a response copies the stored JSON bytes without re-serializing anything.
struct PackedFields: Sendable, Hashable {
    /// The packed entries.
    private(set) var storage: [UInt8]

    /// No values.
    static let empty = PackedFields(storage: [])

    /// Wraps bytes produced by ``pack(_:)``.
    init(storage: [UInt8]) {
        self.storage = storage
    }

    /// Packs `(fieldIndex, json)` entries, which must be sorted by field index.
    static func pack(_ entries: [(field: Int, json: [UInt8])]) -> PackedFields {
        var total = 0
        for entry in entries { total += 1 + varintLength(entry.json.count) + entry.json.count }
        let storage = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            var position = 0
            for entry in entries {
                buffer[position] = UInt8(entry.field)
                position += 1
                var length = entry.json.count
                repeat {
                    let low = UInt8(length & 0x7F)
                    length >>= 7
                    buffer[position] = length > 0 ? low | 0x80 : low
                    position += 1
                } while length > 0
                for byte in entry.json {
                    buffer[position] = byte
                    position += 1
                }
            }
            initialized = position
        }
        return PackedFields(storage: storage)
    }

    /// The entry at `offset` and the offset of the following one; `nil` at the end.
    func entry(at offset: Int) -> (field: Int, value: Range<Int>, next: Int)? {
        guard offset < storage.count else { return nil }
        let field = Int(storage[offset])
        var position = offset + 1
        var length = 0
        var shift = 0
        while true {
            let byte = storage[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return (field, position..<(position + length), position + length)
    }

    /// The JSON bytes stored for `field`, or `nil` when it has no value.
    func value(of field: Int) -> ArraySlice<UInt8>? {
        var offset = 0
        while let entry = entry(at: offset) {
            if entry.field == field { return storage[entry.value] }
            if entry.field > field { return nil }
            offset = entry.next
        }
        return nil
    }

    /// Every `(fieldIndex, json)` entry in field order.
    var entries: [(field: Int, json: ArraySlice<UInt8>)] {
        var result: [(field: Int, json: ArraySlice<UInt8>)] = []
        var offset = 0
        while let entry = entry(at: offset) {
            result.append((entry.field, storage[entry.value]))
            offset = entry.next
        }
        return result
    }

    private static func varintLength(_ value: Int) -> Int {
        var remaining = value >> 7
        var count = 1
        while remaining > 0 {
            remaining >>= 7
            count += 1
        }
        return count
    }
}
