/// Percentiles of request latencies in nanoseconds.
struct LatencySummary {
    private let sorted: [UInt64]

    /// Summarizes `samples` (nanoseconds).
    init(_ samples: [UInt64]) {
        sorted = samples.sorted()
    }

    /// The latency at `fraction` (0…1) of the sorted samples, in milliseconds; 0 without samples.
    func percentile(_ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
        return Double(sorted[max(0, index)]) / 1_000_000
    }

    /// The largest latency in milliseconds.
    var maximum: Double {
        Double(sorted.last ?? 0) / 1_000_000
    }
}
