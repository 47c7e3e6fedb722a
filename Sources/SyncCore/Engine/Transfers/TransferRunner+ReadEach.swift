/// Reading queued records again one by one: the retries of the money flows.
extension TransferRunner {
    /// Reads every one of `inputs` on `side` with the configured concurrency and returns the answers
    /// in the order of `inputs`.
    ///
    /// Every answer counts towards the unhealthy-answer streak (O7): the third answer in a row that is
    /// not the API's stops the run before any answer is used, and the records stay queued for the next
    /// run.
    ///
    /// - Parameters:
    ///   - inputs: What to read.
    ///   - side: The system read.
    ///   - read: Reads one input.
    /// - Returns: One result per input.
    /// - Throws: ``EngineFailure`` when the answers stop the run, or the run was cancelled.
    func readEach<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], on side: SystemSide,
        read: @escaping @Sendable (Input) async throws(ConnectorError) -> Output
    ) async throws(EngineFailure) -> [Result<Output, ConnectorError>] {
        let answers = await map(inputs) { input -> Result<Output, ConnectorError> in
            do throws(ConnectorError) {
                return .success(try await read(input))
            } catch {
                return .failure(error)
            }
        }
        var results: [Result<Output, ConnectorError>] = []
        for answer in answers {
            guard let answer else { throw EngineFailure.cancelledRun }
            switch answer {
            case .success: _ = noteRead(on: side, nil)
            case .failure(let error): if let stop = noteRead(on: side, error) { throw stop }
            }
            results.append(answer)
        }
        return results
    }
}
