import Foundation

/// The diff between what fails now and what was mailed before (MONEY-FLOWS §4.5): which failures
/// are new, still failing (and due a reminder), resolved, or forgotten.
struct DigestPlan: Sendable {
    /// Failing now and not reported yet, or failing again after their resolution was reported.
    private(set) var new: [CurrentProblem] = []
    /// Reported before and still failing (reminders included), each with its row.
    private(set) var stillFailing: [(problem: CurrentProblem, row: NotifiedFailure)] = []
    /// The still-failing ones whose last report is older than the reminder interval.
    private(set) var reminders: [CurrentProblem] = []
    /// Reported as failing, failing no more, resolution not yet reported.
    private(set) var resolved: [NotifiedFailure] = []
    /// Rows of failures that ended without ever being reported: dropped silently.
    private(set) var forgotten: [NotifiedFailure] = []
    /// The digest's "now".
    let time: Date

    /// Diffs `run` against `notified`.
    ///
    /// - Parameters:
    ///   - run: What fails now.
    ///   - notified: The digest state.
    ///   - remindAfter: How long after its last mail a still-failing item is mailed again; `nil` for never.
    init(run: DigestRun, notified: [NotifiedFailure], remindAfter: TimeInterval?) {
        time = run.finishedAt
        let rows = Dictionary(notified.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
        var current: [String: CurrentProblem] = [:]
        for problem in run.fatalCauses.map(CurrentProblem.init) + run.failures.map(CurrentProblem.init)
        where current[problem.fingerprint] == nil {
            current[problem.fingerprint] = problem
            guard let row = rows[problem.fingerprint], row.isOpen else {
                new.append(problem)
                continue
            }
            stillFailing.append((problem, row))
            if let remindAfter, let mailed = row.mailedAt, time.timeIntervalSince(mailed) >= remindAfter {
                reminders.append(problem)
            }
        }
        for row in notified.sorted(by: { $0.firstSeenAt < $1.firstSeenAt }) where current[row.fingerprint] == nil {
            guard row.sourceID != nil || run.ranToTheEnd else { continue }
            if row.isOpen {
                resolved.append(row)
            } else if row.resolvedMailedAt == nil {
                forgotten.append(row)
            }
        }
    }

    /// Whether anything is worth a mail: something new, resolved, or due a reminder.
    var isWorthMailing: Bool { !new.isEmpty || !reminders.isEmpty || !resolved.isEmpty }

    /// The state after this plan's mail was accepted.
    var stateChanges: DigestStateChanges {
        var upserts = new.map { $0.row(firstSeenAt: time, lastSeenAt: time, mailedAt: time) }
        let reminded = Set(reminders.map(\.fingerprint))
        for (problem, row) in stillFailing {
            let mailed = reminded.contains(problem.fingerprint) ? time : row.mailedAt
            var updated = problem.row(firstSeenAt: row.firstSeenAt, lastSeenAt: time, mailedAt: mailed)
            updated.resolvedAt = nil
            upserts.append(updated)
        }
        for row in resolved {
            var updated = row
            updated.resolvedAt = row.resolvedAt ?? time
            updated.resolvedMailedAt = time
            upserts.append(updated)
        }
        return DigestStateChanges(upserts: upserts, deletions: forgotten.map(\.fingerprint))
    }
}
