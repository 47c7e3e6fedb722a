import Foundation
import SyncCore

/// `brygga status --max-age AGE`: the integration's health as a check in the monitoring-plugin
/// convention (Nagios, Icinga, and anything that reads their output): one line
/// `BRYGGA <STATE> - <text> | <performance data>` and the exit status of the state.
///
/// | status | state | when |
/// |---|---|---|
/// | 0 | OK | the last run finished without failed items, and a run completed within AGE |
/// | 1 | WARNING | the last run finished with failed items, was stopped by a signal, or died; or runs are disabled |
/// | 2 | CRITICAL | the last run stopped on a fatal error (exit 69, 74, 77, 78 …), or no run completed within AGE |
/// | 3 | UNKNOWN | the state cannot be read (any error, a bad configuration or command line included) |
///
/// "Run" means `run`, `retry` and `bootstrap`; dry runs and prunes are ignored. A run *completed* when it
/// finished with exit 0 or 1 (it went through the records; 1 means some failed). The last run's
/// problems and the age are both checked; the worse state wins and the text names every problem.
struct MonitoringCheck {
    /// A monitoring-plugin state and its exit status.
    enum State: Int32, Comparable, Sendable {
        case ok = 0
        case warning = 1
        case critical = 2
        case unknown = 3

        /// `OK`, `WARNING`, `CRITICAL`, `UNKNOWN`.
        var word: String {
            switch self {
            case .ok: "OK"
            case .warning: "WARNING"
            case .critical: "CRITICAL"
            case .unknown: "UNKNOWN"
            }
        }

        static func < (lhs: State, rhs: State) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What the check found.
    struct Outcome: Sendable {
        /// The state.
        var state: State
        /// The text after `BRYGGA <STATE> - `.
        var text: String
        /// The performance data after `|`, e.g. `age=240s;;7200;0 failed=0;;;0`; empty for none.
        var performanceData: String = ""

        /// The one status line.
        var line: String {
            "BRYGGA \(state.word) - \(text)" + (performanceData.isEmpty ? "" : " | \(performanceData)")
        }
    }

    /// What the state database says.
    struct Observation: Sendable {
        /// The recent runs, newest first.
        var runs: [SyncRun]
        /// The run lock.
        var lock: RunLockState
        /// The items waiting in the retry queue.
        var pendingRetries: Int
    }

    /// The longest time without a completed run that is still OK.
    let maxAge: TimeInterval
    /// The time of the check.
    let now: Date
    /// How times are written.
    let time: TimeDisplay

    /// The outcome when runs are switched off (`"enabled": false`): nothing is transferred, on purpose.
    func disabled(configurationFile: String) -> Outcome {
        Outcome(
            state: .warning,
            text: "the integration is disabled (\"enabled\": false in \(configurationFile)); no run transfers anything")
    }

    /// The outcome when there is no state database: no run has ever completed.
    func noStateDatabase(_ path: String) -> Outcome {
        Outcome(state: .critical, text: "no run has completed yet: the state database \(path) does not exist")
    }

    /// The outcome for `observation`.
    func evaluate(_ observation: Observation) -> Outcome {
        let runs = observation.runs.filter { $0.kind != .dryRun && $0.kind != .prune }
        let lastFinished = runs.first { $0.finishedAt != nil }
        let lastCompleted = runs.first { run in run.finishedAt != nil && [0, 1].contains(run.exitCode ?? -1) }
        // A finish later than now (the clock was set back) counts as just now.
        let age = lastCompleted?.finishedAt.map { max(0, now.timeIntervalSince($0)) }
        var notes: [String] = []
        var problems = [ageProblem(lastCompleted, age: age)].compactMap { $0 }
        if let newest = runs.first, let activity = RunActivity(of: newest, newest: newest, lock: observation.lock) {
            if case .interrupted = activity {
                problems.append(
                    Problem(
                        .warning, "run \(newest.id) died without finishing (started \(time.string(newest.startedAt)))"))
            } else {
                notes.append("run \(newest.id) \(activity.description) since \(time.string(newest.startedAt))")
            }
        }
        if let lastFinished, let problem = Self.exitProblem(lastFinished) { problems.append(problem) }
        var text: String
        if problems.isEmpty, let run = lastFinished, let finishedAt = run.finishedAt {
            text =
                "run \(run.id) (\(run.kind.rawValue)) finished \(time.string(finishedAt)), "
                + "\(Self.duration(now.timeIntervalSince(finishedAt))) ago: \(RunReporter.counts(run.summary))"
        } else {
            text = problems.sorted { $0.state > $1.state }.map(\.text).joined(separator: "; ")
        }
        text += (notes + ["\(observation.pendingRetries) item(s) waiting for a retry"]).map { "; " + $0 }.joined()
        var performance: [String] = []
        if let age { performance.append("age=\(Int(age.rounded()))s;;\(Int(maxAge));0") }
        if let failed = lastFinished?.summary.failed { performance.append("failed=\(failed);;;0") }
        performance.append("pending_retries=\(observation.pendingRetries);;;0")
        return Outcome(
            state: problems.map(\.state).max() ?? .ok, text: text, performanceData: performance.joined(separator: " "))
    }

    /// A finding that makes the state worse than OK.
    private struct Problem {
        let state: State
        let text: String

        init(_ state: State, _ text: String) {
            self.state = state
            self.text = text
        }
    }

    /// CRITICAL when no run completed within ``maxAge``.
    private func ageProblem(_ lastCompleted: SyncRun?, age: TimeInterval?) -> Problem? {
        guard let lastCompleted, let finishedAt = lastCompleted.finishedAt, let age else {
            return Problem(.critical, "no run has completed yet")
        }
        guard age > maxAge else { return nil }
        return Problem(
            .critical,
            "no run completed within \(Self.duration(maxAge)); the last, run \(lastCompleted.id), finished "
                + "\(time.string(finishedAt)) (\(Self.duration(age)) ago)")
    }

    /// What the exit status of the last finished run says, when it is not 0.
    private static func exitProblem(_ run: SyncRun) -> Problem? {
        guard let exitCode = run.exitCode, exitCode != 0 else { return nil }
        switch exitCode {
        case 1:
            return Problem(
                .warning,
                "run \(run.id) finished with \(run.summary.failed) failed item(s); "
                    + "see 'brygga status' and 'brygga log --status failed'")
        case ExitCode.interruptedByInterrupt.rawValue, ExitCode.interruptedByTermination.rawValue:
            return Problem(.warning, "run \(run.id) was stopped by a signal (exit \(exitCode))")
        default:
            return Problem(.critical, "run \(run.id) stopped on a fatal error: exit \(exitCode) (\(meaning(exitCode)))")
        }
    }

    /// The meaning of a documented exit status, e.g. "an API refused the credentials; re-authorise".
    static func meaning(_ exitCode: Int32) -> String {
        ExitCode.documented.first { $0.code.rawValue == exitCode }?.meaning ?? "see docs/OPERATIONS.md"
    }

    /// `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`.
    static func duration(_ interval: TimeInterval) -> String {
        let seconds = max(0, Int(interval.rounded()))
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3600: return "\(seconds / 60) min"
        case ..<86_400:
            return seconds % 3600 / 60 == 0 ? "\(seconds / 3600) h" : "\(seconds / 3600) h \(seconds % 3600 / 60) min"
        default:
            return seconds % 86_400 / 3600 == 0
                ? "\(seconds / 86_400) d" : "\(seconds / 86_400) d \(seconds % 86_400 / 3600) h"
        }
    }
}
