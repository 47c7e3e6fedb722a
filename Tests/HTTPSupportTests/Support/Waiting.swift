import Testing

/// A latch that suspends callers until it is opened.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}

/// Counts callers inside a region and remembers the most seen at once.
actor ConcurrencyTracker {
    private(set) var current = 0
    private(set) var maximum = 0
    private(set) var entered = 0

    func enter() {
        current += 1
        entered += 1
        maximum = max(maximum, current)
    }

    func leave() {
        current -= 1
    }
}

/// Yields until `condition` holds; records an issue if it never does. No sleeping: other tasks run
/// while this one yields, and the bound only guards against a hang.
func yieldUntil(
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: @Sendable () async -> Bool
) async {
    for _ in 0..<200_000 {
        if await condition() { return }
        await Task.yield()
    }
    Issue.record("never reached: \(what)", sourceLocation: sourceLocation)
}
