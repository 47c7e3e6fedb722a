import Foundation
import MailTestSupport
import Notify
import Testing

/// Mail delivered to a real SMTP server (aiosmtpd, see ``TestMailServer``) and read back from its
/// Maildir: through SMTP, through a real sendmail (msmtp), and the digest over several runs.
@Suite struct RealMailServerTests {
    private static let subject = "[Brygga] 1 nytt fel: kund 1042 Åkesson & Söner AB, Örebro"
    private static let body =
        "Kund 1042 Åkesson & Söner AB (Örebro) kunde inte föras över.\n.\nÅtgärd: rätta momsnumret.\n"

    private func message(to recipients: [String]) throws -> MailMessage {
        MailMessage(
            from: try MailAddress(parsing: "Brygga på sync1 <brygga@firma.test>"),
            to: try recipients.map { try MailAddress(parsing: $0) }, subject: Self.subject, body: Self.body)
    }

    /// Checks what every delivered message must be: CRLF lines within the limits, the headers, and
    /// Swedish text intact in the subject, the sender's name and the body.
    private func expectIntact(_ mail: DeliveredMail, to recipients: [String]) throws {
        let lines = try #require(mail.crlfLines, "only CRLF line endings")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(
            lines.prefix { !$0.isEmpty }.allSatisfy { $0.count <= 78 && $0.unicodeScalars.allSatisfy { $0.isASCII } })
        #expect(mail.subject == Self.subject)
        #expect(DeliveredMail.decodeEncodedWords(mail.header("From") ?? "") == "Brygga på sync1 <brygga@firma.test>")
        #expect(mail.header("To") == recipients.joined(separator: ", "))
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(mail.header("Date") != nil && mail.header("Message-ID") != nil)
        #expect(mail.body == Self.body)
        #expect(mail.envelopeSender == "brygga@firma.test")
        #expect(mail.envelopeRecipients == recipients)
    }

    @Test("O5: SMTP delivers to a real server with the UTF-8 subject and body intact")
    func smtpDeliversToARealServer() async throws {
        let server = try TestMailServer.shared()
        let recipients = [TestMailServer.uniqueRecipient(), TestMailServer.uniqueRecipient("revisor")]
        let transport = SMTPTransport(host: "127.0.0.1", port: server.port, timeoutSeconds: 60)
        let receipt = try await transport.send(try message(to: recipients))
        #expect(receipt.acceptedRecipients == recipients)
        let delivered = try server.messages(to: recipients[0])
        try #require(delivered.count == 1)
        try expectIntact(delivered[0], to: recipients)
        #expect(delivered[0].header("Content-Transfer-Encoding") == "8bit", "aiosmtpd offers 8BITMIME")
        #expect(try server.messages(to: recipients[1]).count == 1)
    }

    @Test("O5: a real sendmail (msmtp) delivers to the same server")
    func sendmailDeliversThroughMsmtp() async throws {
        let server = try TestMailServer.shared()
        let msmtp = "/usr/bin/msmtp"
        try #require(
            FileManager.default.isExecutableFile(atPath: msmtp),
            "msmtp is missing: install Debian's msmtp (scripts/install-dependencies.sh does)")
        let directory = try ScratchDirectory()
        let configuration = try directory.write(
            "defaults\nauth off\ntls off\naccount default\nhost 127.0.0.1\nport \(server.port)\n", to: "msmtprc")
        let wrapper = try directory.script("sendmail", "exec \(msmtp) -C \(configuration) \"$@\"")
        let recipient = TestMailServer.uniqueRecipient()
        _ = try await SendmailTransport(path: wrapper).send(try message(to: [recipient]))
        let delivered = try server.messages(to: recipient)
        try #require(delivered.count == 1)
        try expectIntact(delivered[0], to: [recipient])
        #expect(delivered[0].header("Content-Transfer-Encoding") == "quoted-printable")
    }

    @Test("O5: over several runs the server gets one digest, then one resolved mail, nothing when nothing changed")
    func digestsOverSeveralRuns() async throws {
        let server = try TestMailServer.shared()
        let recipient = TestMailServer.uniqueRecipient()
        let relay = SMTPTransport(host: "127.0.0.1", port: server.port, timeoutSeconds: 60)
        let down = SMTPTransport(host: "127.0.0.1", port: try unusedLoopbackPort(), timeoutSeconds: 2)
        var loop = try DigestLoop(
            settings: DigestSettings(configurationPath: "/etc/brygga/brygga.json"), recipients: [recipient])
        let start = Date()
        let failure = DigestFailure(
            entity: "customer", side: .severa, sourceID: "6f1c0a2e", counterpartID: "1042", naturalKey: "1042",
            recordName: "Åkesson & Söner AB", rule: "R2.2", reason: "momsnumret \"SE123\" är ogiltigt",
            hint: "rätta momsnumret i Severa", firstFailedAt: start)
        func run(_ id: Int64, _ failures: [DigestFailure]) -> DigestRun {
            DigestRun(runID: id, finishedAt: start.addingTimeInterval(Double(id) * 300), failures: failures)
        }

        guard case .failed(let error) = await loop.afterRun(run(1, [failure]), transport: down) else {
            Issue.record("the relay is down: the send must fail")
            return
        }
        #expect(error.kind == .temporary)
        #expect(try server.messages(to: recipient).isEmpty)

        guard case .sent = await loop.afterRun(run(2, [failure]), transport: relay) else {
            Issue.record("the next run must send the digest")
            return
        }
        #expect(await loop.afterRun(run(3, [failure]), transport: relay) == .nothingToSend)
        var mails = try server.messages(to: recipient)
        try #require(mails.count == 1)
        #expect(mails[0].subject == "[Brygga] 1 new failure (run 2)")
        #expect(mails[0].body.contains("customer 1042 Åkesson & Söner AB"))
        #expect(mails[0].body.contains("Reason:     momsnumret \"SE123\" är ogiltigt"))
        #expect(mails[0].body.contains("History:    brygga log --config /etc/brygga/brygga.json --record 6f1c0a2e"))

        guard case .sent = await loop.afterRun(run(4, []), transport: relay) else {
            Issue.record("the fix must be reported")
            return
        }
        #expect(await loop.afterRun(run(5, []), transport: relay) == .nothingToSend)
        mails = try server.messages(to: recipient)
        try #require(mails.count == 2)
        #expect(mails[1].subject == "[Brygga] 1 resolved (run 4)")
        #expect(mails[1].body.contains("customer 1042 (Severa id 6f1c0a2e): momsnumret \"SE123\" är ogiltigt [R2.2]"))
    }
}
