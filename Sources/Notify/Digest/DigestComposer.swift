/// Turns what fails now and what was mailed before into at most one digest mail (O5): no I/O, no
/// database; the caller loads the state, sends the mail and then applies the state changes.
///
/// ```swift
/// let composer = DigestComposer(settings: DigestSettings(remindAfterHours: 24))
/// if let digest = composer.compose(run: run, notified: rows) {
///     _ = try await transport.send(digest.message(from: sender, to: recipients))
///     store.apply(digest.stateChanges)   // only after the transport accepted the mail
/// }
/// ```
package struct DigestComposer: Sendable {
    /// How digests are written.
    package var settings: DigestSettings

    /// Creates a composer.
    package init(settings: DigestSettings) {
        self.settings = settings
    }

    /// The digest for `run`, or `nil` when nothing is new, resolved or due a reminder.
    ///
    /// - Parameters:
    ///   - run: Everything failing now (the whole retry queue and the run's fatal causes).
    ///   - notified: The digest state as left by the last accepted digest.
    /// - Returns: The mail and the state it commits, or `nil` when no mail is due.
    package func compose(run: DigestRun, notified: [NotifiedFailure]) -> Digest? {
        let plan = DigestPlan(run: run, notified: notified, remindAfter: settings.remindAfter)
        guard plan.isWorthMailing else { return nil }
        let text = DigestText(settings: settings, run: run, plan: plan)
        return Digest(
            subject: text.subject, body: text.body,
            counts: DigestCounts(
                new: plan.new.count, stillFailing: plan.stillFailing.count, reminders: plan.reminders.count,
                resolved: plan.resolved.count),
            stateChanges: plan.stateChanges)
    }
}
