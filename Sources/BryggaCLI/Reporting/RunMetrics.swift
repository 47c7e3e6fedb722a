import Foundation
import JSONSupport
import SyncCore

/// One line of the metrics file (`metricsFile`): what one `run`, `retry` or `bootstrap` did, as a JSON
/// object for monitoring tools.
///
/// ```json
/// {"command":"run","run":12,"kind":"incremental","startedAt":"2026-12-07T08:30:00.120Z",
///  "finishedAt":"2026-12-07T08:30:03.480Z","durationSeconds":3.36,"exitCode":1,
///  "counts":{"customer":{"created":2,"updated":0,"linked":0,"skipped":0,"conflicts":0,"failed":1},…},
///  "requests":{"severa":14,"fortnox":9}}
/// ```
///
/// `run` and `kind` are null when the command stopped before the run was recorded (a missing
/// secret); `counts` has a member per flow the run covered or logged; `requests` counts every HTTP
/// exchange per API (null when the runtime was never built).
struct RunMetrics {
    /// The command: `run`, `retry` or `bootstrap`.
    var command: String
    /// The recorded run, if the command got that far.
    var run: SyncRun?
    /// When the command took the run lock (the run's recorded start when there is one).
    var startedAt: Date
    /// When it ended.
    var finishedAt: Date
    /// The exit status the command ends with.
    var exitCode: ExitCode
    /// What the run logged, per flow.
    var counts: [EntityKind: RunSummary]
    /// Requests sent to Severa and Fortnox.
    var requests: (severa: Int, fortnox: Int)?

    /// The JSON object.
    var json: JSONValue {
        let milliseconds = Int64((finishedAt.timeIntervalSince(startedAt) * 1000).rounded())
        let duration = JSONNumber(Decimal(milliseconds) / 1000)
        var countMembers: [String: JSONValue] = [:]
        for (entity, summary) in counts {
            countMembers[entity.rawValue] = [
                "created": .number(JSONNumber(summary.created)), "updated": .number(JSONNumber(summary.updated)),
                "linked": .number(JSONNumber(summary.linked)), "skipped": .number(JSONNumber(summary.skipped)),
                "conflicts": .number(JSONNumber(summary.conflicts)), "failed": .number(JSONNumber(summary.failed)),
            ]
        }
        let requestMembers: JSONValue =
            requests.map {
                ["severa": .number(JSONNumber($0.severa)), "fortnox": .number(JSONNumber($0.fortnox))]
            } ?? .null
        return [
            "command": .string(command), "run": run.map { .number(JSONNumber($0.id)) } ?? .null,
            "kind": run.map { .string($0.kind.rawValue) } ?? .null, "startedAt": .string(Self.timestamp(startedAt)),
            "finishedAt": .string(Self.timestamp(finishedAt)), "durationSeconds": .number(duration),
            "exitCode": .number(JSONNumber(Int64(exitCode.rawValue))), "counts": .object(countMembers),
            "requests": requestMembers,
        ]
    }

    /// ISO 8601 in UTC with milliseconds, as `brygga log --json` writes times.
    private static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
