import Foundation
import HTTPSupport
import SyncCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension ExitCode {
    /// The exit status for an error that ended a command: the one place where errors meet exit codes.
    ///
    /// Add a case here when a module gains an error type that can reach the top of a command.
    public init(for error: any Error) {
        switch error {
        case let interrupted as InterruptedError:
            self = .interrupted(by: interrupted.signal)
        case let failure as CommandFailure:
            self = failure.exitCode
        case let failure as EngineFailure:
            self = ExitCode(rawValue: failure.exitCode)
        case is UsageError:
            self = .usage
        case is ConfigurationError, is JSONDocumentError, is BaseURLError:
            self = .configuration
        case is RateWindowFileError:
            self = .cannotCreate
        case let lock as RunLockError:
            self = lock.isHeldByAnotherRun ? .lockHeld : .cannotCreate
        case let file as FileSystemError:
            self = file.isCreation ? .cannotCreate : .ioError
        case let store as StateStoreError:
            self = store.kind == .busy ? .lockHeld : .ioError
        case is TokenStoreError:
            self = .ioError
        case let connector as ConnectorError:
            self = ExitCode(connector: connector)
        case let client as APIClientError:
            self = ExitCode(client: client)
        case is TransportError, is URLError:
            self = .unavailable
        case is CancellationError:
            self = .interruptedByInterrupt
        default:
            self = .internalError
        }
    }

    /// The message printed after `brygga: ` for an error that ended a command.
    public static func message(for error: any Error) -> String {
        switch error {
        case let interrupted as InterruptedError:
            return interrupted.description
        case is UsageError, is ConfigurationError, is JSONDocumentError, is BaseURLError, is CommandFailure,
            is RunLockError, is FileSystemError, is EngineFailure, is StateStoreError, is ConnectorError,
            is APIClientError, is TokenStoreError, is RateWindowFileError,
            is TransportError:
            return String(describing: error)
        case is CancellationError:
            return "cancelled"
        default:
            return "internal error: \(String(describing: error))"
        }
    }

    /// Whether `error` only reports that work was cancelled (and so adds nothing to "interrupted").
    static func isCancellation(_ error: any Error) -> Bool {
        switch error {
        case is CancellationError: return true
        case let client as APIClientError: return client.kind == .cancelled
        case let transport as TransportError: return transport.kind == .cancelled
        case let url as URLError: return url.code == .cancelled
        default: return false
        }
    }

    private init(connector error: ConnectorError) {
        switch error.kind {
        case .unauthorized, .forbidden: self = .unauthorized
        case .unavailable, .outcomeUnknown, .malformedResponse: self = .unavailable
        default: self = .internalError
        }
    }

    private init(client error: APIClientError) {
        switch error.kind {
        case .unauthorized: self = .unauthorized
        case .unavailable, .outcomeUnknown, .malformedResponse: self = .unavailable
        case .refused: self = .configuration
        case .tokenStorage: self = .ioError
        case .cancelled: self = .interruptedByInterrupt
        default: self = .internalError
        }
    }
}
