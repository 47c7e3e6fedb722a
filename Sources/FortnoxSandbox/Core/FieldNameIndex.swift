/// A lookup of field positions by name: open addressing with an FNV-1a hash of the UTF-8 bytes.
///
/// Every request looks up dozens of field names; `Dictionary<String, Int>` hashes each with seeded
/// SipHash, which showed up as a tenth of the emulator's time. The names are fixed per schema, so a
/// small table with a cheap hash is enough.
struct FieldNameIndex: Sendable {
    private let names: [String]
    private let buckets: [Int32]
    private let mask: Int

    /// Creates the index of `names` (position = index in the array).
    init(_ names: [String]) {
        var size = 8
        while size < names.count * 4 { size <<= 1 }
        var buckets = [Int32](repeating: -1, count: size)
        for (position, name) in names.enumerated() {
            var bucket = FieldNameIndex.hash(name) & (size - 1)
            while buckets[bucket] >= 0 { bucket = (bucket + 1) & (size - 1) }
            buckets[bucket] = Int32(position)
        }
        self.names = names
        self.buckets = buckets
        self.mask = size - 1
    }

    /// The position of `name`, or `nil`.
    func position(of name: String) -> Int? {
        var bucket = FieldNameIndex.hash(name) & mask
        while true {
            let position = Int(buckets[bucket])
            if position < 0 { return nil }
            if names[position] == name { return position }
            bucket = (bucket + 1) & mask
        }
    }

    private static func hash(_ name: String) -> Int {
        func fnv(_ bytes: some Sequence<UInt8>) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: hash ^ (hash >> 29))
        }
        return name.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(name.utf8)
    }
}
