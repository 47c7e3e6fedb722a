/// One SMTP reply (RFC 5321 §4.2): a three-digit code and one or more lines of text; continuation
/// lines are marked `250-…` and the last line `250 …`.
struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The reply code, e.g. 250.
    let code: Int
    /// The text of each line, without the code and separator.
    let lines: [String]

    /// The most lines accepted in one reply, so a misbehaving server cannot make us read forever.
    private static let maximumLines = 100

    /// 2xx: done.
    var isCompletion: Bool { (200..<300).contains(code) }
    /// 4xx: not now, try again later.
    var isTransientFailure: Bool { (400..<500).contains(code) }

    /// The reply as one line for messages, e.g. `550 5.1.1 <x@firma.se>: Recipient address rejected`.
    var description: String {
        let text = lines.filter { !$0.isEmpty }.joined(separator: " / ")
        return text.isEmpty ? String(code) : "\(code) \(text)"
    }

    /// Reads one reply, all of its lines.
    ///
    /// - Parameters:
    ///   - connection: The connection to read from.
    ///   - waitingFor: What the reply answers, for messages ("waiting for the reply to EHLO").
    /// - Returns: The reply.
    /// - Throws: ``MailDeliveryError``: the connection's errors, or misconfigured for text that is not
    ///   an SMTP reply.
    static func read(from connection: SMTPConnection, waitingFor: String) throws(MailDeliveryError) -> SMTPReply {
        var code: Int?
        var lines: [String] = []
        while lines.count < maximumLines {
            let line = try connection.readLine(waitingFor: waitingFor)
            let bytes = Array(line.utf8)
            let digits = bytes.prefix(3)
            guard digits.count == 3, digits.allSatisfy({ (0x30...0x39).contains($0) }),
                bytes.count == 3 || bytes[3] == 0x20 || bytes[3] == 0x2D,
                let lineCode = Int(String(decoding: digits, as: UTF8.self)), (100..<600).contains(lineCode)
            else {
                throw MailDeliveryError(
                    .misconfigured,
                    "SMTP relay \(connection.endpoint) did not answer like an SMTP server (\(waitingFor)): \"\(line.prefix(80))\""
                )
            }
            code = code ?? lineCode
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == 0x20 { return SMTPReply(code: code ?? lineCode, lines: lines) }
        }
        throw MailDeliveryError(
            .misconfigured,
            "SMTP relay \(connection.endpoint) sent a reply of more than \(maximumLines) lines (\(waitingFor))")
    }
}
