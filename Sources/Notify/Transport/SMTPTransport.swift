/// Plain SMTP to a relay over a socket: no STARTTLS and no AUTH (there is no TLS library), so
/// the relay must be on loopback or a trusted network and relay for this host without login.
///
/// Every connect, read and write waits at most ``timeoutSeconds``, so a silent relay cannot hold a
/// cron run. The body goes 8bit when the relay offers 8BITMIME, else quoted-printable.
package struct SMTPTransport: MailTransport {
    /// The relay's host name or IP address.
    package var host: String
    /// The relay's port.
    package var port: UInt16
    /// The name given in EHLO.
    package var heloName: String
    /// How long each connect, read and write may take.
    package var timeoutSeconds: Int

    /// Creates a transport.
    package init(host: String, port: UInt16, heloName: String = LocalHost.name, timeoutSeconds: Int) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.timeoutSeconds = timeoutSeconds
    }

    package var destination: String {
        "the SMTP relay " + (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
    }

    package func send(_ message: MailMessage) async throws(MailDeliveryError) -> MailDeliveryReceipt {
        let transport = self
        return try await BlockingWork.run("brygga-smtp") { () -> Result<MailDeliveryReceipt, MailDeliveryError> in
            Result { () throws(MailDeliveryError) in try transport.sendBlocking(message) }
        }.get()
    }

    /// Connects, greets, and says goodbye without sending anything: what `brygga check` tests.
    ///
    /// - Returns: The relay's greeting and EHLO extensions.
    /// - Throws: ``MailDeliveryError`` naming the relay.
    package func probe() async throws(MailDeliveryError) -> SMTPRelayGreeting {
        let transport = self
        return try await BlockingWork.run("brygga-smtp-probe") { () -> Result<SMTPRelayGreeting, MailDeliveryError> in
            Result { () throws(MailDeliveryError) in
                let session = try transport.session()
                let greeting = try session.open()
                session.quit()
                return SMTPRelayGreeting(banner: greeting.banner, extensions: greeting.extensions)
            }
        }.get()
    }

    private func session() throws(MailDeliveryError) -> SMTPSession {
        SMTPSession(
            connection: try SMTPConnection(host: host, port: port, timeoutSeconds: timeoutSeconds), heloName: heloName)
    }

    private func sendBlocking(_ message: MailMessage) throws(MailDeliveryError) -> MailDeliveryReceipt {
        let session = try session()
        let greeting = try session.open()
        let (bytes, encoding) = message.rendered(eightBitAllowed: greeting.offers8BitMIME)
        let result = try session.transmit(
            bytes, from: message.from.address, to: message.recipientAddresses, eightBit: encoding == .eightBit)
        session.quit()
        return MailDeliveryReceipt(
            destination: destination, acceptedRecipients: result.accepted, refusedRecipients: result.refused,
            reply: result.reply)
    }
}

/// What an SMTP relay said when `brygga check` connected.
package struct SMTPRelayGreeting: Sendable, Hashable {
    /// The 220 greeting, e.g. `220 mail.firma.se ESMTP Postfix`.
    package var banner: String
    /// The EHLO keywords, e.g. `8BITMIME`; empty when the relay only speaks HELO.
    package var extensions: [String]
}
