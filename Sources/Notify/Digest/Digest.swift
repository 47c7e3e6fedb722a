/// One digest mail and the state it commits: the composer's result when something is worth a mail.
package struct Digest: Sendable, Hashable {
    /// The subject, e.g. `[Brygga] 2 new failures, 1 resolved (run 812)`.
    package var subject: String
    /// The plain-text body.
    package var body: String
    /// How many items of each kind the mail reports (the `digests` table's counts).
    package var counts: DigestCounts
    /// The digest state after this mail; apply only once the transport accepted it.
    package var stateChanges: DigestStateChanges

    /// The mail for `recipients` from `sender`.
    package func message(from sender: MailAddress, to recipients: [MailAddress]) -> MailMessage {
        MailMessage(from: sender, to: recipients, subject: subject, body: body)
    }
}

/// The numbers behind a digest.
package struct DigestCounts: Sendable, Hashable {
    /// Failures and fatal causes reported for the first time (or again after a resolution).
    package var new: Int
    /// Failures reported before and failing still (reminders included).
    package var stillFailing: Int
    /// Of those, the ones mailed in full again because the reminder interval passed.
    package var reminders: Int
    /// Failures reported before that stopped failing.
    package var resolved: Int

    /// Creates counts.
    package init(new: Int, stillFailing: Int, reminders: Int, resolved: Int) {
        self.new = new
        self.stillFailing = stillFailing
        self.reminders = reminders
        self.resolved = resolved
    }
}
