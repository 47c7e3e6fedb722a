import BryggaCLI
import HTTPSupport
import SyncCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ExitCodeMappingTests {
    @Test(arguments: [
        (UsageError("x") as any Error, ExitCode.usage),
        (ConfigurationError(file: "f", problem: "p"), .configuration),
        (JSONDocumentError(file: "f", keyPath: "k", problem: "p"), .configuration),
        (RunLockError.held(path: "l", holderProcessID: 7), .lockHeld),
        (RunLockError.failed(path: "l", code: EACCES), .cannotCreate),
        (FileSystemError(path: "p", operation: "create", code: EEXIST), .cannotCreate),
        (FileSystemError(path: "p", operation: "sync", code: EIO), .ioError),
        (StateStoreError(kind: .busy, path: "db", message: "m"), .lockHeld),
        (StateStoreError(kind: .corrupt, path: "db", message: "m"), .ioError),
        (ConnectorError(kind: .unauthorized, system: "Fortnox", operation: "GET /3/x", message: "m"), .unauthorized),
        (ConnectorError(kind: .unavailable, system: "Severa", operation: "GET /v1/x", message: "m"), .unavailable),
        (APIClientError(kind: .unauthorized, apiName: "Fortnox", message: "m"), .unauthorized),
        (APIClientError(kind: .unavailable, apiName: "Fortnox", message: "m"), .unavailable),
        (InterruptedError(signal: SIGINT), .interruptedByInterrupt),
        (InterruptedError(signal: SIGTERM), .interruptedByTermination),
        (CommandFailure(.partialFailure, "m"), .partialFailure),
    ])
    func mapsEachErrorToItsDocumentedStatus(error: any Error, expected: ExitCode) {
        #expect(ExitCode(for: error) == expected)
        #expect(ExitCode.documented.contains { $0.code == expected })
    }

    @Test func documentsDistinctCodes() {
        let codes = ExitCode.documented.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(ExitCode.interrupted(by: SIGTERM).rawValue == 143)
    }

    @Test func describesAnInterruptionWithWhatFailedWhileStopping() {
        let error = InterruptedError(signal: SIGTERM, underlying: CommandFailure(.ioError, "disk full"))
        #expect(ExitCode.message(for: error) == "interrupted by SIGTERM; stopped cleanly; while stopping: disk full")
    }
}
