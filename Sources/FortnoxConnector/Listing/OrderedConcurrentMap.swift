import SyncCore

/// Runs an operation over a list with at most `limit` operations at once, keeping the list's order.
enum OrderedConcurrentMap {
    /// The results of `transform` over `items`, in the order of `items`.
    ///
    /// - Parameters:
    ///   - items: The inputs.
    ///   - limit: The most operations running at once (at least 1).
    ///   - transform: The operation; the first error cancels the ones still running.
    /// - Returns: One result per item.
    /// - Throws: The first ``ConnectorError`` an operation threw.
    static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], limit: Int, _ transform: @escaping @Sendable (Item) async throws(ConnectorError) -> Output
    ) async throws(ConnectorError) -> [Output] {
        let work: @Sendable (Int, Item) async -> (Int, Result<Output, ConnectorError>) = { index, item in
            do throws(ConnectorError) {
                return (index, .success(try await transform(item)))
            } catch {
                return (index, .failure(error))
            }
        }
        let outcome: Result<[Output], ConnectorError> = await withTaskGroup(
            of: (Int, Result<Output, ConnectorError>).self
        ) { group in
            var pending = items.enumerated().makeIterator()
            for _ in 0..<max(1, limit) {
                guard let (index, item) = pending.next() else { break }
                group.addTask { await work(index, item) }
            }
            var results = [Output?](repeating: nil, count: items.count)
            var failure: ConnectorError?
            while let (index, result) = await group.next() {
                switch result {
                case .success(let output):
                    results[index] = output
                    if failure == nil, let (nextIndex, item) = pending.next() {
                        group.addTask { await work(nextIndex, item) }
                    }
                case .failure(let error):
                    if failure == nil {
                        failure = error
                        group.cancelAll()
                    }
                }
            }
            if let failure { return .failure(failure) }
            return .success(results.compactMap { $0 })
        }
        return try outcome.get()
    }
}
