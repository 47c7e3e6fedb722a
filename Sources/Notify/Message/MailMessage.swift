package import Foundation

/// A plain-text e-mail before it is put on the wire: who, what and when.
///
/// ``rendered(eightBitAllowed:)`` turns it into RFC 5322 bytes (CRLF line endings, folded
/// headers, RFC 2047 subject, a transfer encoding the path can carry); each ``MailTransport``
/// renders it for its own path.
package struct MailMessage: Sendable, Hashable {
    /// The sender (`From`, and the envelope sender).
    package var from: MailAddress
    /// The recipients (`To`, and the envelope recipients); at least one.
    package var to: [MailAddress]
    /// The subject, any text (encoded when not plain ASCII).
    package var subject: String
    /// The body text; line breaks may be `\n` or `\r\n`.
    package var body: String
    /// The `Date` header.
    package var date: Date
    /// The `Message-ID` header without the angle brackets, e.g. `1f2e…@firma.se`.
    package var messageID: String

    /// Creates a message dated `date` with a fresh message id in the sender's domain.
    package init(from: MailAddress, to: [MailAddress], subject: String, body: String, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = Self.newMessageID(date: date, domain: String(from.domain))
    }

    /// The envelope recipients' addresses.
    package var recipientAddresses: [String] { to.map(\.address) }

    /// The message as RFC 5322 bytes with CRLF line endings, ending in CRLF.
    ///
    /// - Parameter eightBitAllowed: Whether the path carries 8-bit bodies (the SMTP server offered
    ///   8BITMIME); otherwise a non-ASCII body is quoted-printable.
    /// - Returns: The bytes and the body encoding used (SMTP announces `BODY=8BITMIME` for 8bit).
    package func rendered(eightBitAllowed: Bool) -> (bytes: [UInt8], encoding: BodyEncoding) {
        let lines = bodyLines()
        let encoding = BodyEncoding.choose(for: lines, eightBitAllowed: eightBitAllowed)
        var headers = [
            "Date: " + Self.formatDate(date),
            HeaderText.fold(name: "From", words: Self.addressWords([from])),
            HeaderText.fold(name: "To", words: Self.addressWords(to)),
            HeaderText.fold(name: "Subject", words: HeaderText.unstructuredWords(subject)),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: \(encoding.rawValue)",
        ]
        // RFC 3834: machine-made, so vacation responders stay quiet.
        headers.append("Auto-Submitted: auto-generated")
        let text =
            headers.joined(separator: "\r\n") + "\r\n\r\n"
            + encoding.encode(lines).map { $0 + "\r\n" }.joined()
        return (Array(text.utf8), encoding)
    }

    /// The body's lines without line endings (a final line break adds no empty line).
    private func bodyLines() -> [[UInt8]] {
        var lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false
        ).map { Array($0.utf8) }
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Address-list words for folding: each address's phrase and `<addr>`, commas between addresses.
    private static func addressWords(_ addresses: [MailAddress]) -> [String] {
        var words: [String] = []
        for (index, address) in addresses.enumerated() {
            var parts =
                address.displayName.map { HeaderText.phraseWords($0) + ["<\(address.address)>"] }
                ?? [address.address]
            if index < addresses.count - 1, let last = parts.popLast() { parts.append(last + ",") }
            words += parts
        }
        return words
    }

    /// RFC 5322 §3.3 date-time in the process's time zone, e.g. `Mon, 02 Mar 2026 06:00:00 +0100`.
    package static func formatDate(_ date: Date, timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// A globally unique id: random hex, the time, and the sender's domain.
    private static func newMessageID(date: Date, domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: ".")
        return "brygga.\(Int64(date.timeIntervalSince1970)).\(random)@\(domain)"
    }
}
