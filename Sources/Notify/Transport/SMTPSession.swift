/// The client side of one SMTP dialog (RFC 5321) over an ``SMTPConnection``: greeting, EHLO (HELO
/// when EHLO is refused), one mail transaction, QUIT.
struct SMTPSession {
    /// The connection.
    let connection: SMTPConnection
    /// The name we give in EHLO/HELO.
    let heloName: String

    /// What the relay said about itself.
    struct Greeting: Sendable, Hashable {
        /// The 220 greeting, e.g. `220 mail.firma.se ESMTP Postfix`.
        var banner: String
        /// The EHLO keywords in upper case, e.g. `["8BITMIME", "PIPELINING", "SIZE 10240000"]`; empty after HELO.
        var extensions: [String]

        /// Whether the relay takes 8-bit bodies (RFC 6152).
        var offers8BitMIME: Bool { extensions.contains { $0 == "8BITMIME" || $0.hasPrefix("8BITMIME ") } }
    }

    /// Reads the greeting and introduces us.
    ///
    /// - Throws: ``MailDeliveryError`` for a refusing greeting or EHLO/HELO reply.
    func open() throws(MailDeliveryError) -> Greeting {
        let banner = try SMTPReply.read(from: connection, waitingFor: "waiting for the greeting")
        guard banner.code == 220 else { throw refusal(banner, of: "the connection") }
        try send("EHLO \(heloName)")
        let ehlo = try SMTPReply.read(from: connection, waitingFor: "waiting for the reply to EHLO")
        if ehlo.isCompletion {
            return Greeting(banner: banner.description, extensions: ehlo.lines.dropFirst().map { $0.uppercased() })
        }
        guard ehlo.code >= 500 else { throw refusal(ehlo, of: "EHLO \(heloName)") }
        try send("HELO \(heloName)")
        try expect(completionOf: "HELO \(heloName)")
        return Greeting(banner: banner.description, extensions: [])
    }

    /// Runs one mail transaction: MAIL FROM, RCPT TO for each recipient, DATA with the dot-stuffed
    /// message; recipients the relay refuses are reported while the others get the mail.
    ///
    /// - Returns: The accepted and refused recipients and the relay's final reply.
    /// - Throws: ``MailDeliveryError`` when the sender, every recipient or the data is refused.
    func transmit(
        _ bytes: [UInt8], from sender: String, to recipients: [String], eightBit: Bool
    ) throws(MailDeliveryError) -> (accepted: [String], refused: [RefusedRecipient], reply: String) {
        let mailFrom = "MAIL FROM:<\(sender)>" + (eightBit ? " BODY=8BITMIME" : "")
        try send(mailFrom)
        try expect(completionOf: mailFrom)
        var accepted: [String] = []
        var refused: [RefusedRecipient] = []
        var refusals: [SMTPReply] = []
        for recipient in recipients {
            try send("RCPT TO:<\(recipient)>")
            let reply = try SMTPReply.read(
                from: connection, waitingFor: "waiting for the reply to RCPT TO:<\(recipient)>")
            if reply.isCompletion {
                accepted.append(recipient)
            } else {
                refused.append(RefusedRecipient(address: recipient, reply: reply.description))
                refusals.append(reply)
            }
        }
        guard !accepted.isEmpty else {
            let temporary = refusals.contains { $0.isTransientFailure }
            let list = refused.map { "<\($0.address)>: \($0.reply)" }.joined(separator: "; ")
            throw MailDeliveryError(
                temporary ? .temporary : .rejected,
                "SMTP relay \(connection.endpoint) refused every recipient: \(list)"
                    + (temporary ? " (temporary; try again later)" : ""))
        }
        try send("DATA")
        let go = try SMTPReply.read(from: connection, waitingFor: "waiting for the reply to DATA")
        guard go.code == 354 else { throw refusal(go, of: "DATA") }
        try connection.write(Self.dotStuffed(bytes) + Array(".\r\n".utf8), sending: "the message")
        let done = try SMTPReply.read(from: connection, waitingFor: "waiting for the reply to the message")
        guard done.isCompletion else { throw refusal(done, of: "the message") }
        return (accepted, refused, done.description)
    }

    /// Says goodbye; a relay that does not answer QUIT politely has taken the mail all the same.
    func quit() {
        try? send("QUIT")
        _ = try? SMTPReply.read(from: connection, waitingFor: "waiting for the reply to QUIT")
    }

    /// `message` (CRLF lines, ending in CRLF) with a `.` added before every line that starts with
    /// one (RFC 5321 §4.5.2), so a line holding only `.` does not end the data early.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 16)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == 0x2E { output.append(0x2E) }
            output.append(byte)
            atLineStart = byte == 0x0A
        }
        return output
    }

    private func send(_ command: String) throws(MailDeliveryError) {
        let verb = command.prefix { $0 != " " && $0 != ":" }
        try connection.write(Array((command + "\r\n").utf8), sending: String(verb))
    }

    private func expect(completionOf command: String) throws(MailDeliveryError) {
        let reply = try SMTPReply.read(from: connection, waitingFor: "waiting for the reply to \(command)")
        guard reply.isCompletion else { throw refusal(reply, of: command) }
    }

    /// The error for an unwelcome `reply` to `what`: 4xx temporary, 5xx rejected, anything else a
    /// relay that does not speak SMTP as expected.
    private func refusal(_ reply: SMTPReply, of what: String) -> MailDeliveryError {
        let endpoint = connection.endpoint
        if reply.isTransientFailure {
            return MailDeliveryError(
                .temporary, "SMTP relay \(endpoint) answered \(what) with \(reply) (temporary; try again later)")
        }
        if reply.code >= 500 {
            return MailDeliveryError(.rejected, "SMTP relay \(endpoint) refused \(what): \(reply)")
        }
        return MailDeliveryError(.misconfigured, "SMTP relay \(endpoint) answered \(what) unexpectedly: \(reply)")
    }
}
