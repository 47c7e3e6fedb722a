import HTTPSupport
import Notify
import SyncCore
import SyncStore

/// What stopped a run, as the failure digest recognises it across runs (O5): the exit code, the API and
/// what failed, never the message text (a maintenance page or a request id would make every run look
/// new). The message goes along as the cause's ``FatalCause/detail``, shown in the mail only.
///
/// Only the stops an operator must act on are mailed: 69 (an API unavailable), 74 (the state database or
/// a local file), 77 (credentials refused) and 78 (configuration). A held lock (75), a signal (130, 143),
/// failed items (1) and command-line errors are not.
enum FatalCauses {
    /// The exit codes a cause is mailed for.
    static let mailedExitCodes: Set<Int32> = [69, 74, 77, 78]

    /// The cause of an engine failure, or `nil` when its exit code is not mailed.
    static func cause(of failure: EngineFailure) -> FatalCause? {
        guard mailedExitCodes.contains(failure.exitCode) else { return nil }
        var what = words(for: failure.kind)
        if failure.kind == .configuration, failure.message.hasPrefix("R4.1") {
            what = "the configured invoice statuses do not fit Severa (R4.1)"
        }
        if let request = failure.request { what += ": " + requestShape(request) }
        return FatalCause(
            exitCode: failure.exitCode, api: failure.system.flatMap(side(named:)), operation: what,
            detail: failure.message)
    }

    /// The cause of an error that ended a run before or around the engine, or `nil` when its exit code
    /// is not mailed.
    static func cause(of error: any Error) -> FatalCause? {
        if let failure = error as? EngineFailure { return cause(of: failure) }
        let code = ExitCode(for: error).rawValue
        guard mailedExitCodes.contains(code) else { return nil }
        let detail = ExitCode.message(for: error)
        let what: String
        var api: RecordSide?
        switch error {
        case let configuration as ConfigurationError:
            what =
                "the configuration file \(configuration.file) does not load"
                + (configuration.keyPath.isEmpty ? "" : " (key \(configuration.keyPath))")
        case is BaseURLError:
            what = "a base URL in the configuration is refused"
        case let store as StateStoreError:
            what = "the state database \(store.path) is unusable"
        case is TokenStoreError:
            what = "the token file is unusable"
        case let connector as ConnectorError:
            api = side(named: connector.system)
            what = "\(connector.kind): " + requestShape(connector.operation)
        default:
            what = "the run could not start (exit \(code))"
        }
        return FatalCause(exitCode: code, api: api, operation: what, detail: detail)
    }

    /// Whether `cause` is about the state database being unusable (exit 74), when the digest state
    /// cannot be kept in it.
    static func isStateDatabaseCause(_ cause: FatalCause?) -> Bool {
        cause?.exitCode == ExitCode.ioError.rawValue
    }

    /// `GET /3/customers/{id}`: the request without its query and with ids replaced, so that the same
    /// failure on another record or page is the same cause.
    static func requestShape(_ request: String) -> String {
        let withoutQuery = request.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request
        return withoutQuery.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                isIdentifier(segment) ? "{id}" : String(segment)
            }.joined(separator: "/")
        }.joined(separator: " ")
    }

    /// A path segment that names one record: digits only, or eight or more characters with a digit
    /// (a guid); `v1` and `3` stay.
    private static func isIdentifier(_ segment: Substring) -> Bool {
        guard segment.contains(where: \.isNumber) else { return false }
        return segment.allSatisfy(\.isNumber) && segment.count > 1 || segment.count >= 8
    }

    private static func words(for kind: EngineFailure.Kind) -> String {
        switch kind {
        case .unauthorized: "the credentials were refused"
        case .forbidden: "a scope or licence is missing"
        case .unavailable: "the API could not be reached or kept failing"
        case .unhealthyAnswer: "answers that are not the API's"
        case .connector: "a request the run depends on failed"
        case .configuration: "the configuration does not fit the systems"
        case .stateStore: "the state database failed"
        default: kind.description
        }
    }

    private static func side(named system: String) -> RecordSide? {
        RecordSide.allCases.first { $0.systemName == system }
    }
}
