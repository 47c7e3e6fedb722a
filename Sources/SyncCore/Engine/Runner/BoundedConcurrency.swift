/// Runs asynchronous work over a list with at most a fixed number of tasks at a time.
enum BoundedConcurrency {
    /// Applies `transform` to every input, at most `limit` at a time, and returns the outputs in input order.
    ///
    /// Once `stop` returns true for an output, no further input is started; the outputs of inputs never
    /// started are `nil`.
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
        await withTaskGroup(of: (Int, Output).self) { group in
            var next = 0
            var stopped = false
            while next < min(limit, inputs.count) {
                let index = next
                group.addTask { (index, await transform(inputs[index])) }
                next += 1
            }
            while let (index, output) = await group.next() {
                outputs[index] = output
                if stop(output) || Task.isCancelled { stopped = true }
                if !stopped, next < inputs.count {
                    let index = next
                    group.addTask { (index, await transform(inputs[index])) }
                    next += 1
                }
            }
        }
        return outputs
    }
}
