import Foundation
package import Notify

/// The `notify` section: who is e-mailed about failures (O5) and how the mail leaves the machine.
package struct NotifySettings: Sendable, Hashable {
    /// `notify.to`: the recipients; empty means nobody is mailed (`brygga check` warns).
    package var recipients: [MailAddress]
    /// `notify.from`: the sender.
    package var sender: MailAddress
    /// `notify.subjectPrefix`, e.g. `[Brygga]`.
    package var subjectPrefix: String
    /// `notify.transport`.
    package var transport: NotifyTransportKind
    /// `notify.sendmail.path`.
    package var sendmailPath: String
    /// `notify.smtp`.
    package var smtp: SMTPRelaySettings
    /// `notify.remindAfterHours`: hours before a still-failing item is mailed again; `nil` for never.
    package var remindAfterHours: Int?

    /// `notify.subjectPrefix` when not given.
    package static let defaultSubjectPrefix = "[Brygga]"
    /// `notify.sendmail.path` when not given.
    package static let defaultSendmailPath = "/usr/sbin/sendmail"

    /// The settings when the file has no `notify` key: nobody to mail, sendmail as the transport.
    package static var defaults: NotifySettings {
        NotifySettings(
            recipients: [], sender: .local(user: "brygga"), subjectPrefix: defaultSubjectPrefix, transport: .sendmail,
            sendmailPath: defaultSendmailPath, smtp: SMTPRelaySettings(), remindAfterHours: nil)
    }

    /// Whether there is anyone to mail.
    package var isConfigured: Bool { !recipients.isEmpty }

    /// The configured transport.
    package func makeTransport() -> any MailTransport {
        transport == .sendmail ? sendmailTransport : smtpTransport
    }

    /// Tests the transport without sending mail: the sendmail program is executable, or the relay
    /// greets and takes EHLO.
    ///
    /// - Returns: What was found, e.g. `the SMTP relay 127.0.0.1:25 answered "220 mail ESMTP"`.
    /// - Throws: ``MailDeliveryError`` naming the program or relay.
    package func probeTransport() async throws(MailDeliveryError) -> String {
        switch transport {
        case .sendmail:
            try sendmailTransport.probe()
            return "\(sendmailTransport.destination) is an executable program"
        case .smtp:
            let greeting = try await smtpTransport.probe()
            let eightBit = greeting.extensions.contains("8BITMIME") ? ", 8BITMIME" : ""
            return "\(smtpTransport.destination) answered \"\(greeting.banner)\"\(eightBit)"
        }
    }

    private var sendmailTransport: SendmailTransport { SendmailTransport(path: sendmailPath) }

    private var smtpTransport: SMTPTransport {
        SMTPTransport(
            host: smtp.host, port: smtp.port, heloName: smtp.heloName ?? LocalHost.name,
            timeoutSeconds: smtp.timeoutSeconds)
    }

    /// The recipients as a list for messages: `a@firma.se, b@firma.se`.
    package var recipientList: String { recipients.map(\.address).joined(separator: ", ") }
}

/// The values of `notify.transport`.
package enum NotifyTransportKind: String, Sendable, Hashable, CaseIterable {
    /// A pipe to a sendmail-compatible program (recommended: TLS and auth are the MTA's job).
    case sendmail
    /// Plain SMTP to a relay on loopback or a trusted network.
    case smtp
}

/// `notify.smtp`: the relay for ``NotifyTransportKind/smtp``.
package struct SMTPRelaySettings: Sendable, Hashable {
    /// `host`.
    package var host: String
    /// `port`.
    package var port: UInt16
    /// `heloName`; `nil` for this machine's host name.
    package var heloName: String?
    /// `timeoutSeconds`: how long each connect, read and write may take.
    package var timeoutSeconds: Int

    /// `notify.smtp.host` when not given.
    package static let defaultHost = "127.0.0.1"
    /// `notify.smtp.port` when not given.
    package static let defaultPort: UInt16 = 25
    /// `notify.smtp.timeoutSeconds` when not given.
    package static let defaultTimeoutSeconds = 30

    /// Creates settings; the defaults are a relay on this machine's port 25 with 30 s timeouts.
    package init(
        host: String = defaultHost, port: UInt16 = defaultPort, heloName: String? = nil,
        timeoutSeconds: Int = defaultTimeoutSeconds
    ) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.timeoutSeconds = timeoutSeconds
    }
}
