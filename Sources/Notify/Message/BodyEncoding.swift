/// How a text body travels (RFC 2045 `Content-Transfer-Encoding`), chosen per message and transport.
package enum BodyEncoding: String, Sendable, Hashable {
    /// ASCII lines of at most 998 octets: sent as they are.
    case sevenBit = "7bit"
    /// UTF-8 lines of at most 998 octets, as they are: only to a server that offers 8BITMIME.
    case eightBit = "8bit"
    /// Quoted-printable: 7-bit safe, lines of at most 76 characters, and still readable for mostly
    /// ASCII text such as Swedish.
    case quotedPrintable = "quoted-printable"

    /// The longest line RFC 5322 §2.1.1 allows, without its CRLF.
    static let maximumLineOctets = 998

    /// The encoding for `lines` (the body's lines without line endings): 7bit when they are ASCII,
    /// else 8bit when the path is 8-bit clean, else quoted-printable; quoted-printable also when a line
    /// is too long or holds a control character that may not travel raw.
    static func choose(for lines: [[UInt8]], eightBitAllowed: Bool) -> BodyEncoding {
        var ascii = true
        for line in lines {
            guard line.count <= maximumLineOctets else { return .quotedPrintable }
            for byte in line {
                if byte == 0 || byte == 0x0D { return .quotedPrintable }
                if byte >= 0x80 { ascii = false }
            }
        }
        if ascii { return .sevenBit }
        return eightBitAllowed ? .eightBit : .quotedPrintable
    }

    /// `lines` encoded, each output line without its CRLF.
    func encode(_ lines: [[UInt8]]) -> [String] {
        switch self {
        case .sevenBit, .eightBit:
            return lines.map { String(decoding: $0, as: UTF8.self) }
        case .quotedPrintable:
            return lines.flatMap(QuotedPrintable.encode)
        }
    }
}

/// Quoted-printable (RFC 2045 §6.7) for one line of text at a time.
enum QuotedPrintable {
    /// The longest encoded line, soft line break included.
    static let lineLimit = 76

    /// One body line encoded: bytes outside printable ASCII and `=` become `=XX`, a space or tab at
    /// the end of the line is encoded, and soft line breaks (`=`) keep every line within 76 characters.
    static func encode(_ line: [UInt8]) -> [String] {
        var output: [String] = []
        var current = ""
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let literal = (byte >= 0x21 && byte <= 0x7E && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !isLast)
            let token = literal ? String(UnicodeScalar(byte)) : escape(byte)
            // Leave room for the soft break "=" unless this token ends the line.
            let room = isLast ? lineLimit : lineLimit - 1
            if current.count + token.count > room {
                output.append(current + "=")
                current = ""
            }
            current += token
        }
        output.append(current)
        return output
    }

    private static func escape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
