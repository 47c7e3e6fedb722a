import Foundation
import MailTestSupport
import Notify
import Testing

/// Plain SMTP against a scripted in-process server: the dialog, and every way a relay can fail.
@Suite struct SMTPTransportTests {
    private func message(to recipients: [String] = ["ekonomi@firma.test"], body: String = "Kund Åkesson.\n")
        throws -> MailMessage
    {
        MailMessage(
            from: try MailAddress(parsing: "brygga@firma.test"),
            to: try recipients.map { try MailAddress(parsing: $0) },
            subject: "[Brygga] 1 nytt fel", body: body)
    }

    private func transport(_ server: FakeSMTPServer, timeout: Int = 60) -> SMTPTransport {
        SMTPTransport(host: "127.0.0.1", port: server.port, heloName: "sync1.firma.test", timeoutSeconds: timeout)
    }

    @Test("O5: the dialog is EHLO, MAIL FROM with BODY=8BITMIME, RCPT TO per recipient, DATA, QUIT")
    func speaksTheDialog() async throws {
        let server = try FakeSMTPServer()
        let receipt = try await transport(server).send(try message(to: ["a@firma.test", "b@firma.test"]))
        server.stop()
        #expect(
            server.commands == [
                "EHLO sync1.firma.test", "MAIL FROM:<brygga@firma.test> BODY=8BITMIME", "RCPT TO:<a@firma.test>",
                "RCPT TO:<b@firma.test>", "DATA", "QUIT",
            ])
        #expect(receipt.acceptedRecipients == ["a@firma.test", "b@firma.test"])
        #expect(receipt.reply == "250 2.0.0 Ok: queued as FAKE1")
        #expect(receipt.destination == "the SMTP relay 127.0.0.1:\(server.port)")
        let data = try DeliveredMail(try #require(server.messages.first))
        #expect(data.header("Content-Transfer-Encoding") == "8bit")
        #expect(data.body == "Kund Åkesson.\n")
    }

    @Test("O5: lines starting with a dot are dot-stuffed, so a lone \".\" does not end the data")
    func dotStuffsTheData() async throws {
        let server = try FakeSMTPServer()
        let body = "first\n.\n..two dots\n. leading\nlast\n"
        _ = try await transport(server).send(try message(body: body))
        server.stop()
        let data = try #require(server.messages.first)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\r\n..\r\n...two dots\r\n.. leading\r\n"))
        let unstuffed = text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
        #expect(try DeliveredMail(Array(unstuffed.joined(separator: "\r\n").utf8)).body == body)
    }

    @Test("O5: without 8BITMIME the body goes quoted-printable and MAIL FROM has no BODY parameter")
    func noEightBitWithout8BitMIME() async throws {
        let server = try FakeSMTPServer { command in
            command.hasPrefix("EHLO") ? .lines(["250-old.test", "250 SIZE 1000000"]) : nil
        }
        _ = try await transport(server).send(try message())
        server.stop()
        #expect(server.commands.contains("MAIL FROM:<brygga@firma.test>"))
        let data = try DeliveredMail(try #require(server.messages.first))
        #expect(data.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(data.rawBody.allSatisfy { $0 < 0x80 })
        #expect(data.body == "Kund Åkesson.\n")
    }

    @Test func fallsBackToHELOWhenEHLOIsNotKnown() async throws {
        let server = try FakeSMTPServer { $0.hasPrefix("EHLO") ? "502 5.5.2 Error: command not recognized" : nil }
        _ = try await transport(server).send(try message())
        server.stop()
        #expect(server.commands.prefix(2) == ["EHLO sync1.firma.test", "HELO sync1.firma.test"])
        #expect(server.messages.count == 1)
    }

    @Test("O5: a 4xx reply is a temporary failure naming the relay, the command and the reply")
    func fourHundredsAreTemporary() async throws {
        let server = try FakeSMTPServer {
            $0.hasPrefix("MAIL") ? "451 4.3.0 Mail server temporarily rejected message" : nil
        }
        let error = await #expect(throws: MailDeliveryError.self) { try await transport(server).send(try message()) }
        #expect(error?.kind == .temporary)
        #expect(
            error?.message
                == "SMTP relay 127.0.0.1:\(server.port) answered MAIL FROM:<brygga@firma.test> BODY=8BITMIME "
                + "with 451 4.3.0 Mail server temporarily rejected message (temporary; try again later)")
    }

    @Test("O5: a 5xx reply to the data is a rejection")
    func fiveHundredsAreRejections() async throws {
        let server = try FakeSMTPServer { $0 == FakeSMTPServer.endOfData ? "554 5.7.1 Message rejected as spam" : nil }
        let error = await #expect(throws: MailDeliveryError.self) { try await transport(server).send(try message()) }
        #expect(error?.kind == .rejected)
        #expect(
            error?.message
                == "SMTP relay 127.0.0.1:\(server.port) refused the message: 554 5.7.1 Message rejected as spam")
    }

    @Test("O5: a refused recipient is reported while the others get the mail; all refused is an error")
    func refusedRecipients() async throws {
        let server = try FakeSMTPServer {
            $0 == "RCPT TO:<gone@firma.test>" ? "550 5.1.1 <gone@firma.test>: unknown user" : nil
        }
        let receipt = try await transport(server).send(try message(to: ["gone@firma.test", "ekonomi@firma.test"]))
        #expect(receipt.acceptedRecipients == ["ekonomi@firma.test"])
        #expect(
            receipt.refusedRecipients == [
                RefusedRecipient(address: "gone@firma.test", reply: "550 5.1.1 <gone@firma.test>: unknown user")
            ])
        let error = await #expect(throws: MailDeliveryError.self) {
            try await transport(server).send(try message(to: ["gone@firma.test"]))
        }
        #expect(error?.kind == .rejected)
        #expect(
            error?.message == "SMTP relay 127.0.0.1:\(server.port) refused every recipient: "
                + "<gone@firma.test>: 550 5.1.1 <gone@firma.test>: unknown user")
    }

    @Test("O5: a multi-line reply is read whole, and its text kept for the message")
    func multiLineReplies() async throws {
        let server = try FakeSMTPServer(
            greeting: .lines(["220-mail.firma.test ESMTP", "220-Unauthorised use prohibited", "220 ready"])
        ) {
            $0.hasPrefix("RCPT") ? .lines(["550-5.7.1 Relaying denied.", "550 5.7.1 Ask your postmaster"]) : nil
        }
        let error = await #expect(throws: MailDeliveryError.self) { try await transport(server).send(try message()) }
        #expect(
            error?.message.hasSuffix(
                "refused every recipient: <ekonomi@firma.test>: 550 5.7.1 Relaying denied. / 5.7.1 Ask your postmaster")
                == true)
    }

    @Test("O5: a silent relay times out after timeoutSeconds instead of holding the run")
    func aSilentRelayTimesOut() async throws {
        let server = try FakeSMTPServer { $0.hasPrefix("MAIL") ? .silence : nil }
        let error = await #expect(throws: MailDeliveryError.self) {
            try await transport(server, timeout: 1).send(try message())
        }
        #expect(error?.kind == .temporary)
        #expect(
            error?.message == "SMTP relay 127.0.0.1:\(server.port): no reply within 1 s "
                + "(waiting for the reply to MAIL FROM:<brygga@firma.test> BODY=8BITMIME)")
    }

    @Test("O5: a relay that hangs up, refuses the connection, greets with 554 or is not SMTP gives a clear error")
    func brokenRelays() async throws {
        let hangsUp = try FakeSMTPServer { $0.hasPrefix("DATA") ? .hangUp : nil }
        let closed = await #expect(throws: MailDeliveryError.self) { try await transport(hangsUp).send(try message()) }
        #expect(
            closed?.message
                == "SMTP relay 127.0.0.1:\(hangsUp.port) closed the connection (waiting for the reply to DATA)")

        let port = try unusedLoopbackPort()
        let refused = await #expect(throws: MailDeliveryError.self) {
            try await SMTPTransport(host: "127.0.0.1", port: port, timeoutSeconds: 2).send(try message())
        }
        #expect(refused?.kind == .temporary)
        #expect(refused?.message == "SMTP relay 127.0.0.1:\(port): cannot connect: Connection refused")

        let busy = try FakeSMTPServer(greeting: "554 5.3.2 mail.firma.test does not take mail from you")
        let notWelcome = await #expect(throws: MailDeliveryError.self) { try await transport(busy).send(try message()) }
        #expect(notWelcome?.kind == .rejected)
        #expect(
            notWelcome?.message.hasSuffix(
                "refused the connection: 554 5.3.2 mail.firma.test does not take mail from you") == true)

        let http = try FakeSMTPServer(greeting: "HTTP/1.1 400 Bad Request")
        let notSMTP = await #expect(throws: MailDeliveryError.self) { try await transport(http).send(try message()) }
        #expect(notSMTP?.kind == .misconfigured)
        #expect(
            notSMTP?.message == "SMTP relay 127.0.0.1:\(http.port) did not answer like an SMTP server "
                + "(waiting for the greeting): \"HTTP/1.1 400 Bad Request\"")
    }

    @Test func resolvesHostNamesThroughTheSystem() async throws {
        let server = try FakeSMTPServer()
        let receipt = try await SMTPTransport(host: "localhost", port: server.port, timeoutSeconds: 60).send(
            try message())
        #expect(receipt.destination == "the SMTP relay localhost:\(server.port)")
        #expect(server.messages.count == 1)
    }

    @Test("O5: the probe of brygga check connects, greets and quits without sending mail")
    func probeGreetsAndQuits() async throws {
        let server = try FakeSMTPServer()
        let greeting = try await transport(server).probe()
        server.stop()
        #expect(server.commands == ["EHLO sync1.firma.test", "QUIT"])
        #expect(server.messages.isEmpty)
        #expect(greeting.banner == "220 fake.test ESMTP ready")
        #expect(greeting.extensions == ["PIPELINING", "8BITMIME", "SIZE 1048576"])
    }
}
