import SandboxKit

/// The random draws of one generated record: a ``SeededGenerator`` stream that depends only on the
/// generator's seed and the record's identity (its kind and index), so every record is the same
/// whatever else is generated, in whatever order.
///
/// Draws use plain modulo reduction rather than the standard library's `random(in:using:)`, whose
/// algorithm is not promised to stay the same across Swift versions.
struct SampleRandom {
    private var generator: SeededGenerator

    /// The stream of the record named by `salts` (e.g. `["customer", "17"]`) under `seed`.
    init(seed: UInt64, _ salts: String...) {
        self.generator = SeededGenerator(seed: seed, salts: salts)
    }

    /// The next raw 64-bit draw.
    mutating func next() -> UInt64 {
        generator.next()
    }

    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(generator.next() % UInt64(range.count))
    }

    /// A whole number below `bound` (which must be positive).
    mutating func below(_ bound: Int) -> Int {
        Int(generator.next() % UInt64(bound))
    }

    /// One element of `items` (which must not be empty).
    mutating func pick<Element>(_ items: [Element]) -> Element {
        items[below(items.count)]
    }

    /// `true` in `percent` of the draws.
    mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// `count` decimal digits, each 0…9.
    mutating func digits(_ count: Int) -> [Int] {
        (0..<count).map { _ in below(10) }
    }

    /// A version-4-shaped GUID in Severa's text form (lowercase, hyphens), drawn from this stream.
    mutating func guid() -> String {
        SampleRandom.guidText(generator.next(), generator.next())
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `high` and `low` as a GUID with the version (4) and variant bits set.
    static func guidText(_ high: UInt64, _ low: UInt64) -> String {
        let versioned = (high & ~0xF000) | 0x4000
        let varied = (low & ~(0xC000 << 48)) | (0x8000 << 48)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for (index, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if index == 8 || index == 12 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(hexDigits[Int((versioned >> UInt64(shift)) & 0xF)])
        }
        for (index, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if index == 0 || index == 4 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(hexDigits[Int((varied >> UInt64(shift)) & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
