import Synchronization

/// Runs asynchronous work over a list with at most a fixed number of tasks at a time.
enum BoundedConcurrency {
    /// Applies `transform` to every input, at most `limit` at a time, and returns the outputs in input order.
    ///
    /// `limit` worker tasks each take the next input until none is left, so a batch costs `limit` tasks,
    /// not one per input. Once `stop` returns true for an output, no further input is started; the
    /// outputs of inputs never started are `nil`.
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], limit: Int, stop: @escaping @Sendable (Output) -> Bool = { _ in false },
        transform: @escaping @Sendable (Input) async -> Output
    ) async -> [Output?] {
        var outputs = [Output?](repeating: nil, count: inputs.count)
        if limit <= 1 || inputs.count <= 1 {
            for (index, input) in inputs.enumerated() {
                if Task.isCancelled { break }
                let output = await transform(input)
                outputs[index] = output
                if stop(output) { break }
            }
            return outputs
        }
        let progress = Progress()
        await withTaskGroup(of: [(Int, Output)].self) { group in
            for _ in 0..<min(limit, inputs.count) {
                group.addTask {
                    var done: [(Int, Output)] = []
                    while !progress.stopped.load(ordering: .relaxed), !Task.isCancelled {
                        let index = progress.next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < inputs.count else { break }
                        let output = await transform(inputs[index])
                        done.append((index, output))
                        if stop(output) { progress.stopped.store(true, ordering: .relaxed) }
                    }
                    return done
                }
            }
            for await done in group {
                for (index, output) in done { outputs[index] = output }
            }
        }
        return outputs
    }
}

/// The shared state of one ``BoundedConcurrency/map(_:limit:stop:transform:)`` call's workers.
private final class Progress: Sendable {
    /// The index of the next input to start.
    let next = Atomic<Int>(0)
    /// Whether an output asked to stop.
    let stopped = Atomic<Bool>(false)
}
