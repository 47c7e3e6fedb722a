import BryggaCLI
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Real signals, delivered to this process. SIGUSR2 stands in for SIGINT/SIGTERM so the test runner's
/// own handling of those is untouched; the suite is serialized because signal dispositions are global.
@Suite(.serialized) struct SignalCancellationTests {
    /// Suspends until the current task is cancelled (no timer involved).
    private static func waitUntilCancelled() async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        await withTaskCancellationHandler {
            for await _ in stream {}
        } onCancel: {
            continuation.finish()
        }
    }

    @Test func aSignalCancelsTheWorkWhichFinishesItsItemAndReportsTheInterruption() async throws {
        let error = try await #require(throws: InterruptedError.self) {
            try await SignalCancellation.run(signals: [SIGUSR2]) { () async throws -> String in
                kill(getpid(), SIGUSR2)
                await Self.waitUntilCancelled()
                return "committed the current item"
            }
        }
        #expect(error.signal == SIGUSR2)
        #expect(error.underlying == nil)
        #expect(ExitCode(for: error) == ExitCode(rawValue: 128 + SIGUSR2))
    }

    @Test func keepsARealFailureThatHappensWhileStopping() async throws {
        let error = try await #require(throws: InterruptedError.self) {
            try await SignalCancellation.run(signals: [SIGUSR2]) { () async throws -> Int in
                kill(getpid(), SIGUSR2)
                await Self.waitUntilCancelled()
                throw CommandFailure(.ioError, "could not commit")
            }
        }
        #expect((error.underlying as? CommandFailure)?.message == "could not commit")
        #expect(error.description.hasSuffix("; while stopping: could not commit"))
    }

    @Test func dropsTheCancellationErrorItself() async throws {
        let error = try await #require(throws: InterruptedError.self) {
            try await SignalCancellation.run(signals: [SIGUSR2]) { () async throws -> Int in
                kill(getpid(), SIGUSR2)
                await Self.waitUntilCancelled()
                throw CancellationError()
            }
        }
        #expect(error.underlying == nil)
    }

    @Test func returnsTheResultWhenNoSignalArrives() async throws {
        let value = try await SignalCancellation.run(signals: [SIGUSR2]) { 42 }
        #expect(value == 42)
    }
}
