/// A fast deterministic random number generator (SplitMix64): the same seed gives the same sequence
/// on every machine, which makes generated data and injected faults reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from `seed`.
    public init(seed: UInt64) {
        self.state = seed
    }

    /// Creates a generator whose sequence depends on `seed` and on every one of `salts` (e.g. a rule
    /// index or a route), so independent streams do not repeat each other.
    public init(seed: UInt64, salts: [String]) {
        var mixed = seed
        for salt in salts {
            for byte in salt.utf8 { mixed = (mixed ^ UInt64(byte)) &* 0x100_0000_01b3 }
            mixed = SeededGenerator.mix(mixed &+ 0x9E37_79B9_7F4A_7C15)
        }
        self.state = mixed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SeededGenerator.mix(state)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
