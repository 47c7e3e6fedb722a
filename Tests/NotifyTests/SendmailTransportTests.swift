import Foundation
import MailTestSupport
import Notify
import Testing

/// The pipe to sendmail: arguments, exit statuses, standard error, and programs that misbehave.
@Suite struct SendmailTransportTests {
    private func message(body: String = "Kund Åkesson & Söner AB.\n.\nSlut.\n") throws -> MailMessage {
        MailMessage(
            from: try MailAddress(parsing: "brygga@firma.test"), to: [try MailAddress(parsing: "ekonomi@firma.test")],
            subject: "[Brygga] 1 nytt fel: Åkesson", body: body)
    }

    @Test("O5: the message goes to sendmail -t -oi -f FROM on standard input, 7-bit safe")
    func pipesTheMessage() async throws {
        let directory = try ScratchDirectory()
        let program = try directory.script(
            "sendmail", "printf '%s\\n' \"$@\" > \(directory.file("arguments"))\ncat > \(directory.file("message"))")
        let receipt = try await SendmailTransport(path: program).send(try message())
        #expect(receipt.destination == "sendmail (\(program))")
        #expect(receipt.acceptedRecipients == ["ekonomi@firma.test"])
        #expect(String(decoding: try directory.bytes("arguments"), as: UTF8.self) == "-t\n-oi\n-f\nbrygga@firma.test\n")
        let mail = try DeliveredMail(try directory.bytes("message"))
        #expect(mail.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(mail.raw.allSatisfy { $0 < 0x80 })
        #expect(mail.subject == "[Brygga] 1 nytt fel: Åkesson")
        #expect(mail.body == "Kund Åkesson & Söner AB.\n.\nSlut.\n")
    }

    @Test("O5: exit 75 is a temporary failure, with what the program wrote to standard error")
    func exit75IsTemporary() async throws {
        let directory = try ScratchDirectory()
        let program = try directory.script(
            "sendmail", "cat > /dev/null\necho 'sendmail: cannot connect to mail.firma.test, port 587' >&2\nexit 75")
        let error = await #expect(throws: MailDeliveryError.self) {
            try await SendmailTransport(path: program).send(try message())
        }
        #expect(error?.kind == .temporary)
        #expect(
            error?.message == "sendmail \(program) could not deliver now (exit 75, temporary; try again later): "
                + "sendmail: cannot connect to mail.firma.test, port 587")
    }

    @Test("O5: another exit status is a failure with the program's standard error")
    func otherExitStatusesFail() async throws {
        let directory = try ScratchDirectory()
        let program = try directory.script(
            "sendmail",
            "cat > /dev/null\nprintf 'sendmail: server message: 550 5.7.1 relaying denied\\nsendmail: could not send mail\\n' >&2\nexit 69"
        )
        let error = await #expect(throws: MailDeliveryError.self) {
            try await SendmailTransport(path: program).send(try message())
        }
        #expect(error?.kind == .rejected)
        #expect(
            error?.message == "sendmail \(program) failed with exit status 69: "
                + "sendmail: server message: 550 5.7.1 relaying denied / sendmail: could not send mail")
    }

    @Test("O5: a missing or non-executable program is named as such")
    func missingPrograms() async throws {
        let directory = try ScratchDirectory()
        let missing = directory.file("no-sendmail")
        let notFound = await #expect(throws: MailDeliveryError.self) {
            try await SendmailTransport(path: missing).send(try message())
        }
        #expect(notFound?.kind == .misconfigured)
        #expect(
            notFound?.message == "sendmail \(missing) does not exist: install a sendmail-compatible MTA "
                + "(e.g. Debian's msmtp-mta) or give the path of one")
        let plain = try directory.write("not a program", to: "plain", mode: 0o644)
        let notExecutable = #expect(throws: MailDeliveryError.self) { try SendmailTransport(path: plain).probe() }
        #expect(notExecutable?.message == "sendmail \(plain) is not an executable file")
        #expect(throws: MailDeliveryError.self) { try SendmailTransport(path: directory.path).probe() }
    }

    @Test("O5: a program that exits without reading cannot kill Brygga with SIGPIPE")
    func aProgramThatDoesNotReadIsAFailure() async throws {
        let directory = try ScratchDirectory()
        let program = try directory.script("sendmail", "exit 0")
        let large = String(repeating: String(repeating: "x", count: 99) + "\n", count: 40_000)
        let error = await #expect(throws: MailDeliveryError.self) {
            try await SendmailTransport(path: program).send(try message(body: large))
        }
        #expect(error?.message == "sendmail \(program) exited before reading the whole message")
    }

    @Test("O5: a program that hangs is stopped after the timeout")
    func aHangingProgramIsStopped() async throws {
        let directory = try ScratchDirectory()
        let program = try directory.script("sendmail", "exec sleep 60")
        let error = await #expect(throws: MailDeliveryError.self) {
            try await SendmailTransport(path: program, timeoutSeconds: 1).send(try message())
        }
        #expect(error?.kind == .temporary)
        #expect(error?.message == "sendmail \(program) did not finish within 1 s and was stopped")
    }
}
