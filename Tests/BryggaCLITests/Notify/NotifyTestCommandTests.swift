import BryggaCLI
import Foundation
import JSONSupport
import MailTestSupport
import Testing

/// `brygga notify test` (O5) and the e-mail part of `brygga check`, in-process.
@Suite struct NotifyTestCommandTests {
    private func brygga(_ words: [String], in directory: TemporaryDirectory) async -> (ExitCode, CapturingConsole) {
        let console = CapturingConsole()
        let code = await BryggaApplication.run(
            arguments: words, environment: [:], currentDirectory: directory.path, console: console)
        return (code, console)
    }

    /// A sendmail stand-in that saves its arguments and the message, then exits with `status`.
    private func fakeSendmail(in directory: TemporaryDirectory, status: Int = 0, stderr: String = "") throws -> String {
        try directory.writeScript(
            "printf '%s\\n' \"$@\" > \(directory.file("arguments"))\ncat > \(directory.file("message"))\n"
                + (stderr.isEmpty ? "" : "echo '\(stderr)' >&2\n") + "exit \(status)",
            to: "sendmail")
    }

    private func configure(_ notify: JSONValue, in directory: TemporaryDirectory) throws {
        try directory.writeJSON(.minimal(setting: "notify", to: notify))
    }

    @Test("O5: notify test sends one mail through sendmail and says where it went")
    func sendsThroughSendmail() async throws {
        let directory = try TemporaryDirectory()
        let sendmail = try fakeSendmail(in: directory)
        try configure(
            [
                "to": ["ekonomi@firma.test", "revisor@firma.test"], "from": "brygga@firma.test",
                "sendmail": ["path": .string(sendmail)],
            ],
            in: directory)
        let (code, console) = await brygga(["notify", "test"], in: directory)
        #expect(code == .success, "\(console.errorOutput)")
        #expect(
            console.output == "Sent a test mail from brygga@firma.test to ekonomi@firma.test, revisor@firma.test "
                + "through sendmail (\(sendmail)).\n")
        #expect(try directory.read("arguments") == "-t\n-oi\n-f\nbrygga@firma.test\n")
        let message = try directory.read("message")
        #expect(message.contains("\r\nTo: ekonomi@firma.test, revisor@firma.test\r\n"))
        #expect(message.contains("\r\nSubject: =?utf-8?B?"), "the Swedish subject is encoded")
        #expect(message.contains("=C3=A5 =C3=A4 =C3=B6"), "å ä ö in the quoted-printable body")
    }

    @Test("O5: notify test exits 78 naming notify.to when no address is set")
    func refusesWithoutAnAddress() async throws {
        let directory = try TemporaryDirectory()
        try configure(["to": []], in: directory)
        let (code, console) = await brygga(["notify", "test"], in: directory)
        #expect(code == .configuration)
        #expect(
            console.errorOutput == "brygga: notify.to in \(directory.file("brygga.json")) lists no address: add at "
                + "least one, e.g. \"notify\": { \"to\": [\"ekonomi@firma.se\"] }\n")
    }

    @Test("O5: notify test exits 69 with the transport's message when the mail cannot be sent")
    func failsWithTheTransportsMessage() async throws {
        let directory = try TemporaryDirectory()
        let sendmail = try fakeSendmail(
            in: directory, status: 75, stderr: "sendmail: cannot connect to mail.firma.test")
        try configure(["to": ["ekonomi@firma.test"], "sendmail": ["path": .string(sendmail)]], in: directory)
        let (code, console) = await brygga(["notify", "test"], in: directory)
        #expect(code == .unavailable)
        #expect(
            console.errorOutput == "brygga: the test mail was not sent: sendmail \(sendmail) could not deliver now "
                + "(exit 75, temporary; try again later): sendmail: cannot connect to mail.firma.test\n")

        let port = try unusedLoopbackPort()
        try configure(
            ["to": ["ekonomi@firma.test"], "transport": "smtp", "smtp": ["port": .number(JSONNumber(Int64(port)))]],
            in: directory)
        let (smtpCode, smtpConsole) = await brygga(["notify", "test"], in: directory)
        #expect(smtpCode == .unavailable)
        #expect(
            smtpConsole.errorOutput
                == "brygga: the test mail was not sent: SMTP relay 127.0.0.1:\(port): cannot connect: Connection refused\n"
        )
    }

    @Test("O5: check warns when no address is set, and tests the transport when one is")
    func checkReportsTheMailSetup() async throws {
        let directory = try TemporaryDirectory()
        let console = CapturingConsole()
        let preflight = NotifyPreflight(console: console)
        let unset = try directory.loadConfiguration(ConfigurationFixture.minimal).notify
        #expect(await preflight.report(unset))
        #expect(console.output.contains("E-mail (O5): warning: notify.to lists no address"))
        #expect(console.output.contains("strongly recommended"))

        let sendmail = try fakeSendmail(in: directory)
        let working = try directory.loadConfiguration(
            .minimal(setting: "notify", to: ["to": ["ekonomi@firma.test"], "sendmail": ["path": .string(sendmail)]])
        ).notify
        #expect(await preflight.report(working))
        #expect(
            console.output.contains(
                "E-mail (O5): sendmail (\(sendmail)) is an executable program; failures go to ekonomi@firma.test."))
        #expect(!FileManager.default.fileExists(atPath: directory.file("arguments")), "the check sends no mail")

        let missing = try directory.loadConfiguration(
            .minimal(
                setting: "notify", to: ["to": ["ekonomi@firma.test"], "sendmail": ["path": "/nonexistent/sendmail"]])
        ).notify
        #expect(await preflight.report(missing) == false)
        #expect(console.output.contains("E-mail (O5): failed: sendmail /nonexistent/sendmail does not exist"))
    }
}
