import Foundation

/// A message as a mail server stored or received it, taken apart with decoders written for the
/// tests (not the product's encoders): envelope, unfolded headers, the RFC 2047 subject and the body
/// decoded by its transfer encoding.
package struct DeliveredMail: Sendable {
    /// The bytes of the message (after the test server's envelope lines).
    package let raw: [UInt8]
    /// The envelope recipients (from the test server's `X-RcptTo` line); empty when not given.
    package let envelopeRecipients: [String]
    /// The envelope sender (`X-MailFrom`), if given.
    package let envelopeSender: String?
    /// The header fields, unfolded, in order.
    package let headers: [(name: String, value: String)]
    /// The body bytes as transferred.
    package let rawBody: [UInt8]

    package struct Malformed: Error, CustomStringConvertible {
        package let description: String
    }

    /// Parses `bytes`; the test server's two leading lines `X-MailFrom:` and `X-RcptTo:` are taken as
    /// the envelope and are not part of ``raw``.
    package init(_ bytes: [UInt8]) throws {
        var message = bytes[...]
        var sender: String?
        var recipients: [String] = []
        if message.starts(with: Array("X-MailFrom:".utf8)) {
            for _ in 0..<2 {
                guard let end = message.firstRange(of: Array("\r\n".utf8)) else {
                    throw Malformed(description: "no envelope")
                }
                let line = String(decoding: message[..<end.lowerBound], as: UTF8.self)
                message = message[end.upperBound...]
                if line.hasPrefix("X-MailFrom: ") { sender = Self.stripBrackets(String(line.dropFirst(12))) }
                if line.hasPrefix("X-RcptTo: ") {
                    recipients = line.dropFirst(10).components(separatedBy: ", ").map(Self.stripBrackets)
                }
            }
        }
        envelopeSender = sender
        envelopeRecipients = recipients
        raw = Array(message)
        guard let split = raw.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw Malformed(description: "no header/body separator")
        }
        var fields: [(name: String, value: String)] = []
        for line in String(decoding: raw[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n") {
            if line.first == " " || line.first == "\t", let last = fields.popLast() {
                fields.append((last.name, last.value + line))
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
            } else {
                throw Malformed(description: "not a header line: \(line)")
            }
        }
        headers = fields
        rawBody = Array(raw[split.upperBound...])
    }

    /// The value of the first header field `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The subject with RFC 2047 encoded words decoded.
    package var subject: String { Self.decodeEncodedWords(header("Subject") ?? "") }

    /// The body decoded by its `Content-Transfer-Encoding`, line endings as `\n`.
    package var body: String {
        let encoding = (header("Content-Transfer-Encoding") ?? "7bit").lowercased()
        let bytes: [UInt8]
        switch encoding {
        case "quoted-printable": bytes = Self.decodeQuotedPrintable(rawBody)
        case "base64":
            let text = String(decoding: rawBody, as: UTF8.self).filter { !$0.isWhitespace }
            bytes = Array(Data(base64Encoded: text) ?? Data())
        default: bytes = rawBody
        }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Every line of the raw message without its CRLF; `nil` when a line ends in a bare LF or CR.
    package var crlfLines: [String]? {
        let text = String(decoding: raw, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        guard lines.allSatisfy({ !$0.contains("\n") && !$0.contains("\r") }) else { return nil }
        return lines.last == "" ? Array(lines.dropLast()) : lines
    }

    private static func stripBrackets(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
    }

    /// RFC 2047: `=?charset?B|Q?text?=` words decoded, whitespace between adjacent words dropped.
    package static func decodeEncodedWords(_ text: String) -> String {
        let pattern = #/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/#
        var result = ""
        var rest = Substring(text)
        var previousWasEncoded = false
        while let match = rest.firstMatch(of: pattern) {
            let between = rest[..<match.range.lowerBound]
            if !(previousWasEncoded && between.allSatisfy(\.isWhitespace)) { result += between }
            let payload = String(match.output.3)
            let bytes: [UInt8]
            if match.output.2.uppercased() == "B" {
                bytes = Array(Data(base64Encoded: payload) ?? Data())
            } else {
                bytes = decodeQuotedPrintable(Array(payload.replacingOccurrences(of: "_", with: " ").utf8))
            }
            result += String(decoding: bytes, as: UTF8.self)
            previousWasEncoded = true
            rest = rest[match.range.upperBound...]
        }
        return result + rest
    }

    /// Quoted-printable decoded: `=XX` escapes and soft line breaks (`=` before CRLF) removed.
    package static func decodeQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x3D {
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                if index + 2 < bytes.count,
                    let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                {
                    output.append(value)
                    index += 3
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
        return output
    }
}
