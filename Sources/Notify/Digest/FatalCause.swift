/// Why a run stopped before its end (exit 69, 74, 77 or 78), identified by what failed, not by the
/// error text: a maintenance page or a changing request id must not make every run look new.
package struct FatalCause: Sendable, Hashable {
    /// The process exit code: 69 (an API unavailable), 74 (the state database), 77 (credentials
    /// refused) or 78 (configuration).
    package var exitCode: Int32
    /// The API that failed; `nil` when it was not an API (the state database, the configuration).
    package var api: RecordSide?
    /// What failed, in words that do not change from run to run, e.g. `listing customers`,
    /// `refreshing the access token`.
    package var operation: String
    /// The error message of this run, shown in the mail but not part of the fingerprint.
    package var detail: String?

    /// The entity a fatal cause is stored under in the digest state.
    package static let entity = "run"

    /// Creates a cause.
    package init(exitCode: Int32, api: RecordSide?, operation: String, detail: String? = nil) {
        self.exitCode = exitCode
        self.api = api
        self.operation = operation
        self.detail = detail
    }

    /// The rule column of its digest state row: the exit code, e.g. `exit 77`.
    package var rule: String { "exit \(exitCode)" }

    /// The fingerprint: `run`, the API, the exit code and the operation.
    package var fingerprint: String {
        FailureFingerprint.make(entity: Self.entity, side: api, sourceID: nil, rule: rule, reason: operation)
    }

    /// What to do about an exit code, for the mail.
    package var hint: String {
        switch exitCode {
        case 69: "check the network and the API's status page; the next run resumes by itself"
        case 74: "check the disk and the state database file; restore it from a backup if it is corrupt"
        case 77: "re-authorise ('brygga auth fortnox') or fix the client id, secret or scopes"
        case 78: "fix the configuration file; 'brygga check' names the file and the key"
        default: "see 'brygga status' and the run's output"
        }
    }
}
