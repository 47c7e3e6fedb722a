import Foundation
import MailTestSupport
import Notify
import Testing

/// The message builder: RFC 5322 headers, RFC 2047 subjects, transfer encodings, line limits.
@Suite struct MailMessageTests {
    private static let swedishSubject = "[Brygga] 2 nya fel: kund 1042 Åkesson & Söner AB, Örebro – ärende"
    private static let swedishBody =
        "Kund 1042 Åkesson & Söner AB i Örebro kunde inte föras över.\nÅtgärd: rätta momsnumret.\n"

    private func message(
        subject: String = swedishSubject, body: String = swedishBody, to: [String] = ["ekonomi@firma.se"]
    )
        throws -> MailMessage
    {
        MailMessage(
            from: try MailAddress(parsing: "Brygga <brygga@firma.se>"), to: try to.map { try MailAddress(parsing: $0) },
            subject: subject, body: body, date: Date(timeIntervalSince1970: 1_772_427_600))
    }

    private func parse(_ message: MailMessage, eightBit: Bool) throws -> DeliveredMail {
        try DeliveredMail(message.rendered(eightBitAllowed: eightBit).bytes)
    }

    @Test("O5: a message has every RFC 5322 and MIME header, CRLF lines and ASCII headers of at most 78 characters")
    func rendersAValidMessage() throws {
        let mail = try parse(try message(), eightBit: true)
        let lines = try #require(mail.crlfLines, "every line ends in CRLF")
        let headerLines = lines.prefix { !$0.isEmpty }
        for line in headerLines {
            #expect(line.count <= 78, "\(line)")
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)")
        }
        #expect(
            mail.header("Date")?.wholeMatch(
                of: #/[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/#) != nil)
        #expect(mail.header("From") == "Brygga <brygga@firma.se>")
        #expect(mail.header("To") == "ekonomi@firma.se")
        #expect(mail.header("Message-ID")?.wholeMatch(of: #/<brygga\.\d+\.[0-9a-f.]+@firma\.se>/#) != nil)
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(mail.header("Auto-Submitted") == "auto-generated")
    }

    @Test("O5: a Swedish subject is RFC 2047 encoded in words of at most 75 characters and decodes intact")
    func encodesTheSubject() throws {
        let long = Self.swedishSubject + " " + String(repeating: "åäö ÅÄÖ 😀👩‍👩‍👧 ", count: 12)
        for subject in [Self.swedishSubject, long] {
            let mail = try parse(try message(subject: subject), eightBit: true)
            #expect(mail.subject == subject)
            let raw = try #require(mail.header("Subject"))
            for word in raw.split(separator: " ") {
                #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?=") && word.count <= 75, "\(word)")
            }
        }
    }

    @Test func anASCIISubjectStaysReadableAndLongOnesFoldAtSpaces() throws {
        let subject = "[Brygga] " + Array(repeating: "3 new failures, 1 resolved", count: 6).joined(separator: "; ")
        let mail = try parse(try message(subject: subject), eightBit: true)
        #expect(mail.header("Subject") == subject)
        #expect(mail.subject == subject)
        let raw = String(decoding: mail.raw, as: UTF8.self)
        #expect(raw.contains("\r\n 3 new failures") || raw.contains("\r\n resolved"), "folded")
    }

    @Test("O5: the body goes 8bit, as UTF-8, when the path allows it; 7bit when it is ASCII")
    func chooses8bitOr7bit() throws {
        let eight = try parse(try message(), eightBit: true)
        #expect(eight.header("Content-Transfer-Encoding") == "8bit")
        #expect(eight.rawBody == Array(Self.swedishBody.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        #expect(eight.body == Self.swedishBody)
        let ascii = try parse(try message(body: "All good.\n"), eightBit: false)
        #expect(ascii.header("Content-Transfer-Encoding") == "7bit")
        #expect(ascii.body == "All good.\n")
    }

    @Test("O5: without 8BITMIME the body is quoted-printable: ASCII, lines of at most 76, decoding to the text")
    func fallsBackToQuotedPrintable() throws {
        let body = Self.swedishBody + "a=b, trailing space \nlong: " + String(repeating: "åäö-", count: 60) + "\n.\n"
        let mail = try parse(try message(body: body), eightBit: false)
        #expect(mail.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(mail.rawBody.allSatisfy { $0 < 0x80 })
        let lines = String(decoding: mail.rawBody, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(mail.body == body)
    }

    @Test("O5: a line longer than 998 octets is never sent raw, even when 8bit is allowed")
    func longLinesAreQuotedPrintable() throws {
        let body = String(repeating: "Öresavrundning ", count: 80) + "\n"
        let mail = try parse(try message(body: body), eightBit: true)
        #expect(mail.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(mail.body == body)
    }

    @Test func namesAreEncodedOrQuotedAndRecipientListsFold() throws {
        let recipients =
            (1...8).map { "Ekonomi Åberg \($0) <ekonomi\($0)@firma.se>" } + ["\"Berg, Anna\" <anna@firma.se>"]
        let mail = try parse(try message(to: recipients), eightBit: true)
        let to = try #require(mail.header("To"))
        let decoded = DeliveredMail.decodeEncodedWords(to)
        for number in 1...8 { #expect(decoded.contains("Ekonomi Åberg \(number) <ekonomi\(number)@firma.se>")) }
        #expect(to.hasSuffix("\"Berg, Anna\" <anna@firma.se>"))
        let raw = String(decoding: mail.raw, as: UTF8.self)
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
    }

    @Test func everyMessageGetsItsOwnID() throws {
        #expect(try message().messageID != message().messageID)
    }
}
