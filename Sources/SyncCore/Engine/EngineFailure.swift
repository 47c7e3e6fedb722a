/// Why a run stopped before the end: the work done until then is committed, the rest waits for the next run.
public struct EngineFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of fatal failure; each maps to one process exit code.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Hashable {
            case unauthorized
            case unavailable
            case stateStore = "state_store"
            case cancelled
            case connector
        }

        private let value: Value

        /// A side refused the credentials (``ConnectorError/Kind/unauthorized``): exit 77 (EX_NOPERM).
        public static let unauthorized = Kind(value: .unauthorized)
        /// A side could not be reached or kept failing (``ConnectorError/Kind/unavailable``): exit 69.
        public static let unavailable = Kind(value: .unavailable)
        /// The state database failed (``StateStoreError``): exit 74 (EX_IOERR), or 75 when it was busy.
        public static let stateStore = Kind(value: .stateStore)
        /// The run's task was cancelled (SIGTERM/SIGINT): exit 75; the CLI may use 128 + signal instead.
        public static let cancelled = Kind(value: .cancelled)
        /// A side failed in a way that is not about one record (e.g. a pre-flight listing): exit 69.
        public static let connector = Kind(value: .connector)

        public var description: String { value.rawValue }
    }

    /// The class of failure.
    public let kind: Kind
    /// What happened, naming the system and operation; never contains a secret.
    public let message: String
    /// The process exit code for this failure (sysexits).
    public let exitCode: Int32

    /// Creates a failure.
    public init(kind: Kind, message: String, exitCode: Int32) {
        self.kind = kind
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }

    /// The failure for a connector error, or `nil` when the error concerns one record only.
    ///
    /// Only ``ConnectorError/Kind/unauthorized`` and ``ConnectorError/Kind/unavailable`` stop a run.
    public static func fatal(_ error: ConnectorError) -> EngineFailure? {
        if error.kind == .unauthorized {
            return EngineFailure(kind: .unauthorized, message: error.description, exitCode: 77)
        }
        if error.kind == .unavailable {
            return EngineFailure(kind: .unavailable, message: error.description, exitCode: 69)
        }
        return nil
    }

    /// The failure for a state-store error.
    public static func stateStore(_ error: StateStoreError) -> EngineFailure {
        EngineFailure(kind: .stateStore, message: error.description, exitCode: error.kind == .busy ? 75 : 74)
    }

    /// The failure for a cancelled run.
    public static let cancelledRun = EngineFailure(
        kind: .cancelled, message: "the run was cancelled; committed work is kept and the next run resumes",
        exitCode: 75)

    /// The failure for any error thrown while listing or reading, classified.
    static func classify(_ error: any Error) -> EngineFailure? {
        if let connector = error as? ConnectorError { return fatal(connector) }
        if let store = error as? StateStoreError { return stateStore(store) }
        if error is CancellationError { return cancelledRun }
        return nil
    }
}
