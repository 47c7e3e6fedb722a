import Foundation

/// The words of a digest: its subject and its plain-text body, written from a ``DigestPlan``.
///
/// New failures and reminders are given in full (record, both ids, rule, reason, the fix, since
/// when, and the `brygga log` command that shows the history); resolved ones on one line each;
/// those already reported as a count per entity with the oldest date.
struct DigestText {
    let settings: DigestSettings
    let run: DigestRun
    let plan: DigestPlan

    /// E.g. `[Brygga] run stopped (exit 77), 2 new failures, 1 resolved, 3 still failing (run 812)`.
    var subject: String {
        var parts: [String] = []
        if let fatal = plan.new.lazy.compactMap(Self.fatalCause).first {
            parts.append("run stopped (exit \(fatal.exitCode))")
        }
        let newRecords = plan.new.count { Self.fatalCause(of: $0) == nil }
        if newRecords > 0 { parts.append(Self.counted(newRecords, "new failure", "new failures")) }
        if !plan.resolved.isEmpty { parts.append("\(plan.resolved.count) resolved") }
        if !plan.stillFailing.isEmpty { parts.append("\(plan.stillFailing.count) still failing") }
        var subject = parts.joined(separator: ", ")
        if let runID = run.runID { subject += " (run \(runID))" }
        return settings.subjectPrefix.isEmpty ? subject : settings.subjectPrefix + " " + subject
    }

    /// The body, lines separated by `\n`.
    var body: String {
        var lines = [introduction, ""]
        let newFatal = plan.new.filter { Self.fatalCause(of: $0) != nil }
        let newRecords = plan.new.filter { Self.fatalCause(of: $0) == nil }
        section("THE RUN STOPPED", newFatal, into: &lines)
        section("NEW FAILURES (\(newRecords.count))", newRecords, into: &lines)
        let hours = settings.remindAfterHours ?? 0
        section(
            "STILL FAILING MORE THAN \(Self.counted(hours, "HOUR", "HOURS")) AFTER THE LAST MAIL (\(plan.reminders.count))",
            plan.reminders, into: &lines)
        if !plan.resolved.isEmpty {
            lines.append("RESOLVED SINCE THE LAST MAIL (\(plan.resolved.count))")
            lines += plan.resolved.map { "  " + resolvedLine($0) }
            lines.append("")
        }
        if !plan.stillFailing.isEmpty {
            lines.append("STILL FAILING, REPORTED BEFORE (\(plan.stillFailing.count))")
            lines += stillFailingSummary()
            lines.append("  All failures: " + command("log", "--status", "failed"))
            lines.append("")
        }
        lines.append("-- ")
        var footer = "Sent by Brygga"
        if let host = settings.hostName { footer += " on \(host)" }
        if let path = settings.configurationPath { footer += " for \(path)" }
        lines.append(footer + ". A failure is mailed once, and once more when it is resolved.")
        return lines.joined(separator: "\n") + "\n"
    }

    private var introduction: String {
        let finished = Self.format(run.finishedAt, settings.timeZone)
        let label = run.runID.map { "Run \($0)" } ?? "A run"
        if plan.new.isEmpty && plan.resolved.isEmpty {
            return "\(label) (finished \(finished)): failures reported before are still failing."
        }
        return "\(label) (finished \(finished)) found what is listed below. Failed records are retried by "
            + "every run; once the cause is fixed they go through and are reported here as resolved."
    }

    private func section(_ title: String, _ problems: [CurrentProblem], into lines: inout [String]) {
        guard !problems.isEmpty else { return }
        lines.append(title)
        for problem in problems {
            lines.append("")
            lines += details(problem)
        }
        lines.append("")
    }

    /// One item in full, as an indented block of labelled lines.
    private func details(_ problem: CurrentProblem) -> [String] {
        let firstSeen = plan.stillFailing.first { $0.problem.fingerprint == problem.fingerprint }?.row.firstSeenAt
        let since = Self.format(problem.since(fallback: firstSeen ?? plan.time), settings.timeZone)
        var fields: [(String, String)] = []
        let title: String
        switch problem.origin {
        case .fatal(let cause):
            title = "Exit \(cause.exitCode)" + (cause.api.map { " (\($0.systemName))" } ?? "") + ": " + cause.operation
            if let detail = cause.detail { fields.append(("Error", detail)) }
            fields += [("Fix", cause.hint), ("Since", since), ("Status", command("status"))]
        case .record(let failure):
            title = recordTitle(failure)
            if let side = failure.side, let id = failure.sourceID { fields.append(("\(side.systemName) id", id)) }
            if let side = failure.side, let id = failure.counterpartID {
                fields.append(("\(side.opposite.systemName) id", id))
            }
            if let rule = failure.rule { fields.append(("Rule", rule)) }
            fields.append(("Reason", failure.reason))
            if let hint = failure.hint { fields.append(("Fix", hint)) }
            let attempts = Self.counted(failure.attempts, "attempt", "attempts")
            fields.append(("Since", "\(since) (\(attempts))"))
            if let id = failure.sourceID ?? failure.naturalKey {
                fields.append(("History", command("log", "--record", id)))
            }
        }
        let width = (fields.map(\.0.count).max() ?? 0) + 2
        return ["  " + title]
            + fields.map { label, value in
                "    " + (label + ":").padding(toLength: width, withPad: " ", startingAt: 0) + value
            }
    }

    private func recordTitle(_ failure: DigestFailure) -> String {
        var words = [Self.entityName(failure.entity)]
        if let key = failure.naturalKey { words.append(key) }
        if let name = failure.recordName, name != failure.naturalKey { words.append(name) }
        if failure.naturalKey == nil && failure.recordName == nil && failure.sourceID == nil {
            words.append("(no single record)")
        }
        return words.joined(separator: " ")
    }

    private func resolvedLine(_ row: NotifiedFailure) -> String {
        let reported = Self.format(row.firstSeenAt, settings.timeZone)
        if row.isFatalCause {
            let api = row.side.map { " (\($0.systemName))" } ?? ""
            return "The run no longer stops: \(row.rule ?? "exit ?")\(api): \(row.reason); reported \(reported)"
        }
        var title = Self.entityName(row.entity)
        if let key = row.naturalKey { title += " " + key }
        if let side = row.side, let id = row.sourceID { title += " (\(side.systemName) id \(id))" }
        let rule = row.rule.map { " [\($0)]" } ?? ""
        return "\(title): \(row.reason)\(rule); reported \(reported)"
    }

    /// `entity: N, the oldest failing since …` per entity, in first-seen order.
    private func stillFailingSummary() -> [String] {
        var order: [String] = []
        var groups: [String: (count: Int, oldest: Date)] = [:]
        for (problem, row) in plan.stillFailing {
            let since = problem.since(fallback: row.firstSeenAt)
            if let group = groups[problem.entity] {
                groups[problem.entity] = (group.count + 1, min(group.oldest, since))
            } else {
                order.append(problem.entity)
                groups[problem.entity] = (1, since)
            }
        }
        return order.compactMap { entity in
            guard let group = groups[entity] else { return nil }
            let name = entity == FatalCause.entity ? "run stopped" : Self.entityName(entity)
            let oldest = Self.format(group.oldest, settings.timeZone)
            return "  \(name): \(group.count), " + (group.count == 1 ? "since \(oldest)" : "the oldest since \(oldest)")
        }
    }

    /// A `brygga` command line with `--config` when the configuration path is known.
    private func command(_ words: String...) -> String {
        var line = ["brygga", words[0]]
        if let path = settings.configurationPath { line += ["--config", Self.shellQuoted(path)] }
        line += words.dropFirst().map(Self.shellQuoted)
        return line.joined(separator: " ")
    }

    private static func fatalCause(of problem: CurrentProblem) -> FatalCause? {
        if case .fatal(let cause) = problem.origin { return cause }
        return nil
    }

    private static func entityName(_ entity: String) -> String {
        entity.replacingOccurrences(of: "_", with: " ")
    }

    private static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) " + (count == 1 ? singular : plural)
    }

    /// `word` as the shell reads it back unchanged: as it is when it holds only safe characters,
    /// else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/@%+=:,")
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `2026-03-02 06:00 +01:00` in `zone`.
    static func format(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm xxx"
        return formatter.string(from: date)
    }
}
