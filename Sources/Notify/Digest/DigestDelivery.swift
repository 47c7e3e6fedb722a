package import Foundation

/// One digest sent or tried: a row of the `digests` table, member for column, for `brygga status`.
package struct DigestDelivery: Sendable, Hashable {
    /// `run_id`: the run it reported on; `nil` when the run was not recorded.
    package var runID: Int64?
    /// `attempted_at`: when it was handed to the transport.
    package var attemptedAt: Date
    /// `transport`: where it went, e.g. `SMTP relay 127.0.0.1:25` or `sendmail (/usr/sbin/sendmail)`.
    package var transport: String
    /// `recipients`: the addresses, in order (stored comma-separated).
    package var recipients: [String]
    /// `new_count`, `still_count`, `reminder_count`, `resolved_count`.
    package var counts: DigestCounts
    /// `error`: why the transport did not take it; `nil` when it was accepted.
    package var error: String?

    /// Creates a row.
    package init(
        runID: Int64?, attemptedAt: Date, transport: String, recipients: [String], counts: DigestCounts,
        error: String? = nil
    ) {
        self.runID = runID
        self.attemptedAt = attemptedAt
        self.transport = transport
        self.recipients = recipients
        self.counts = counts
        self.error = error
    }

    /// Whether the transport accepted the mail.
    package var wasAccepted: Bool { error == nil }
}
