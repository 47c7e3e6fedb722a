/// Where a ``MailMessage`` goes: the seam between the digest and the mail system.
///
/// Two real transports exist, ``SendmailTransport`` (a pipe to a sendmail-compatible program) and
/// ``SMTPTransport`` (plain SMTP to a relay); tests add in-memory ones.
package protocol MailTransport: Sendable {
    /// Where mail goes, for messages: e.g. `sendmail (/usr/sbin/sendmail)` or `the SMTP relay 127.0.0.1:25`.
    var destination: String { get }

    /// Hands `message` over for delivery and returns once the mail system accepted it (or failed).
    ///
    /// - Returns: What was accepted, for the operator.
    /// - Throws: ``MailDeliveryError``: temporary (try again next run), rejected or misconfigured.
    func send(_ message: MailMessage) async throws(MailDeliveryError) -> MailDeliveryReceipt
}

/// What a transport accepted.
package struct MailDeliveryReceipt: Sendable, Hashable {
    /// Where the mail went (``MailTransport/destination``).
    package var destination: String
    /// The recipients the mail system took.
    package var acceptedRecipients: [String]
    /// Recipients the SMTP relay refused while it took the others, each with its reply.
    package var refusedRecipients: [RefusedRecipient]
    /// The mail system's last word, e.g. `250 2.0.0 Ok: queued as 4F1A2`; `nil` for sendmail.
    package var reply: String?

    /// Creates a receipt.
    package init(
        destination: String, acceptedRecipients: [String], refusedRecipients: [RefusedRecipient] = [],
        reply: String? = nil
    ) {
        self.destination = destination
        self.acceptedRecipients = acceptedRecipients
        self.refusedRecipients = refusedRecipients
        self.reply = reply
    }
}

/// A recipient an SMTP relay refused, with its reply.
package struct RefusedRecipient: Sendable, Hashable {
    /// The address.
    package var address: String
    /// The reply, e.g. `550 5.1.1 <x@firma.se>: Recipient address rejected`.
    package var reply: String

    /// Creates an entry.
    package init(address: String, reply: String) {
        self.address = address
        self.reply = reply
    }
}
