/// Why a run stopped before the end: the work done until then is committed, the rest waits for the next run.
///
/// Each kind has the process exit code `brygga` uses for it (sysexits; the CLI's `ExitCode(for:)` returns
/// ``exitCode`` unchanged, and the engine records the same code in the runs table):
///
/// | kind | exit code |
/// |---|---|
/// | ``Kind/unauthorized``, ``Kind/forbidden`` | 77 (EX_NOPERM) |
/// | ``Kind/unavailable``, ``Kind/unhealthyAnswer``, ``Kind/connector`` | 69 (EX_UNAVAILABLE) |
/// | ``Kind/stateStore`` | 74 (EX_IOERR); 75 (EX_TEMPFAIL) when the database was busy |
/// | ``Kind/configuration`` | 78 (EX_CONFIG) |
/// | ``Kind/cancelled`` | 130 (128 + SIGINT), or the code the engine's caller gives for the signal |
public struct EngineFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of fatal failure; each maps to one process exit code.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Hashable {
            case unauthorized
            case forbidden
            case unavailable
            case stateStore = "state_store"
            case cancelled
            case connector
            case unhealthyAnswer = "unhealthy_answer"
            case configuration
        }

        private let value: Value

        /// A side refused the credentials (``ConnectorError/Kind/unauthorized``): exit 77 (EX_NOPERM).
        public static let unauthorized = Kind(value: .unauthorized)
        /// The credentials lack a scope or licence (``ConnectorError/Kind/forbidden``): exit 77 (EX_NOPERM).
        ///
        /// Both APIs refuse by scope or licence, never by record, so every further request of the kind
        /// would be refused too: the run stops instead of failing each record the same way.
        public static let forbidden = Kind(value: .forbidden)
        /// A side could not be reached or kept failing (``ConnectorError/Kind/unavailable``): exit 69.
        public static let unavailable = Kind(value: .unavailable)
        /// The state database failed (``StateStoreError``): exit 74 (EX_IOERR), or 75 when it was busy.
        public static let stateStore = Kind(value: .stateStore)
        /// The run's task was cancelled (SIGINT/SIGTERM): exit 130 unless the caller gives the signal's code.
        public static let cancelled = Kind(value: .cancelled)
        /// A side failed in a way that is not about one record (e.g. a pre-flight listing): exit 69.
        public static let connector = Kind(value: .connector)
        /// A side answered with something that is not its API's (``ConnectorError/isUnhealthyAnswer``) to
        /// a request the whole run depends on (the token, a listing page, the units), or to
        /// ``UnhealthyReadStreak/limit`` record reads in a row: exit 69. It is an outage, not a problem
        /// of the records, so monitoring keyed on 69 sees it.
        public static let unhealthyAnswer = Kind(value: .unhealthyAnswer)
        /// The configuration names something the systems do not have (R4.1: an unknown or inactive invoice
        /// status): exit 78 (EX_CONFIG), before any flow ran.
        public static let configuration = Kind(value: .configuration)

        public var description: String { value.rawValue }
    }

    /// The class of failure.
    public let kind: Kind
    /// What happened, naming the system and operation; never contains a secret.
    public let message: String
    /// The process exit code for this failure (sysexits).
    public let exitCode: Int32
    /// The system whose answer stopped the run (`Severa`, `Fortnox`), when one did.
    public let system: String?
    /// The request that failed, as the connector names it (`GET /3/customers`), when one request did.
    ///
    /// With ``kind`` and ``system`` it says what failed without the message text, which may hold a
    /// maintenance page or a request id: the failure digest recognises a cause across runs by them (O5).
    public let request: String?

    /// Creates a failure.
    public init(kind: Kind, message: String, exitCode: Int32, system: String? = nil, request: String? = nil) {
        self.kind = kind
        self.message = message
        self.exitCode = exitCode
        self.system = system
        self.request = request
    }

    public var description: String { message }

    /// 77 (EX_NOPERM): a side refused the credentials or lacks a permission.
    public static let authorizationExitCode: Int32 = 77
    /// 69 (EX_UNAVAILABLE): a side could not be reached or failed as a whole.
    public static let unavailableExitCode: Int32 = 69
    /// 74 (EX_IOERR): the state database failed.
    public static let stateStoreExitCode: Int32 = 74
    /// 75 (EX_TEMPFAIL): the state database stayed busy (another process held it).
    public static let stateStoreBusyExitCode: Int32 = 75
    /// 78 (EX_CONFIG): the configuration does not fit the systems.
    public static let configurationExitCode: Int32 = 78
    /// 130 (128 + SIGINT): the code recorded for a cancelled run when the caller does not give another.
    public static let cancelledExitCode: Int32 = 130

    /// The failure for a connector error, or `nil` when the error concerns one record only.
    ///
    /// ``ConnectorError/Kind/unauthorized``, ``ConnectorError/Kind/forbidden`` and
    /// ``ConnectorError/Kind/unavailable`` stop a run.
    public static func fatal(_ error: ConnectorError) -> EngineFailure? {
        if error.kind == .unauthorized { return EngineFailure(.unauthorized, error, exitCode: authorizationExitCode) }
        if error.kind == .forbidden { return EngineFailure(.forbidden, error, exitCode: authorizationExitCode) }
        if error.kind == .unavailable {
            // A token endpoint that answered with something not its own: no request works without a token.
            return EngineFailure(
                error.isUnhealthyAnswer ? .unhealthyAnswer : .unavailable, error, exitCode: unavailableExitCode)
        }
        return nil
    }

    /// The failure for a state-store error.
    public static func stateStore(_ error: StateStoreError) -> EngineFailure {
        EngineFailure(
            kind: .stateStore, message: error.description,
            exitCode: error.kind == .busy ? stateStoreBusyExitCode : stateStoreExitCode)
    }

    /// The failure for a configuration that does not fit the systems (exit 78).
    public static func configuration(_ message: String) -> EngineFailure {
        EngineFailure(kind: .configuration, message: message, exitCode: configurationExitCode)
    }

    /// The failure for a cancelled run, with exit code ``cancelledExitCode``.
    public static let cancelledRun = cancelled(exitCode: cancelledExitCode)

    /// The failure for a cancelled run that exits with `exitCode` (128 + the signal that stopped it).
    public static func cancelled(exitCode: Int32) -> EngineFailure {
        EngineFailure(
            kind: .cancelled, message: "the run was cancelled; committed work is kept and the next run resumes",
            exitCode: exitCode)
    }

    /// The failure for a connector error of a request the whole run depends on (a listing page, the
    /// token, the settings and registers the flows read): the kinds of ``fatal(_:)``, and any answer
    /// that was not the API's.
    static func fatalToRun(_ error: ConnectorError) -> EngineFailure? {
        if let fatal = fatal(error) { return fatal }
        guard error.isUnhealthyAnswer else { return nil }
        return EngineFailure(.unhealthyAnswer, error, exitCode: unavailableExitCode)
    }

    /// The failure of `kind` for `error`, naming its system and request.
    private init(_ kind: Kind, _ error: ConnectorError, exitCode: Int32) {
        self.init(
            kind: kind, message: error.description, exitCode: exitCode, system: error.system, request: error.operation)
    }

    /// The failure after `count` record reads of one system in a row got an answer that was not the
    /// API's, `last` the last of them.
    static func unhealthyAnswers(_ count: Int, last: ConnectorError) -> EngineFailure {
        EngineFailure(
            kind: .unhealthyAnswer,
            message: "\(last.system) answered \(count) record reads in a row with something that is not its API's "
                + "answer, so it is treated as unavailable; the last: \(last)",
            exitCode: unavailableExitCode, system: last.system)
    }

    /// The failure for any error thrown while listing (a request the run depends on), classified.
    static func classify(_ error: any Error) -> EngineFailure? {
        if let connector = error as? ConnectorError { return fatalToRun(connector) }
        if let store = error as? StateStoreError { return stateStore(store) }
        if error is CancellationError { return cancelledRun }
        return nil
    }
}
