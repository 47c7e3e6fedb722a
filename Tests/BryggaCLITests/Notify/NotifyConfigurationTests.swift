import BryggaCLI
import JSONSupport
import Notify
import Testing

/// The `notify` key (O5): defaults, every member, and the errors that name the key.
@Suite struct NotifyConfigurationTests {
    @Test("O5: without a notify key nobody is mailed, through sendmail, and the file still loads")
    func defaultsWhenAbsent() throws {
        let directory = try TemporaryDirectory()
        let notify = try directory.loadConfiguration(ConfigurationFixture.minimal).notify
        #expect(notify.recipients.isEmpty && !notify.isConfigured)
        #expect(notify.sender == .local(user: "brygga"))
        #expect(notify.subjectPrefix == "[Brygga]")
        #expect(notify.transport == .sendmail)
        #expect(notify.sendmailPath == "/usr/sbin/sendmail")
        #expect(notify.smtp == SMTPRelaySettings(host: "127.0.0.1", port: 25, heloName: nil, timeoutSeconds: 30))
        #expect(notify.remindAfterHours == nil)
        #expect(notify.makeTransport().destination == "sendmail (/usr/sbin/sendmail)")
        let empty = try directory.loadConfiguration(.minimal(setting: "notify", to: ["to": []])).notify
        #expect(!empty.isConfigured, "an empty list, as brygga init writes it, loads")
    }

    @Test func readsEveryMember() throws {
        let directory = try TemporaryDirectory()
        let notify = try directory.loadConfiguration(
            .minimal(
                setting: "notify",
                to: [
                    "to": ["ekonomi@firma.se", "Åsa Öberg <asa@firma.se>"], "from": "Brygga <brygga@firma.se>",
                    "subjectPrefix": "", "transport": "smtp", "sendmail": ["path": "/usr/local/bin/msmtp"],
                    "smtp": ["host": "mail.firma.se", "port": 587, "heloName": "sync1.firma.se", "timeoutSeconds": 10],
                    "remindAfterHours": 24,
                ])
        ).notify
        #expect(notify.recipients.map(\.address) == ["ekonomi@firma.se", "asa@firma.se"])
        #expect(notify.recipients[1].displayName == "Åsa Öberg")
        #expect(notify.recipientList == "ekonomi@firma.se, asa@firma.se")
        #expect(notify.sender.description == "Brygga <brygga@firma.se>")
        #expect(notify.subjectPrefix.isEmpty)
        #expect(notify.transport == .smtp)
        #expect(notify.sendmailPath == "/usr/local/bin/msmtp")
        #expect(
            notify.smtp
                == SMTPRelaySettings(host: "mail.firma.se", port: 587, heloName: "sync1.firma.se", timeoutSeconds: 10))
        #expect(notify.remindAfterHours == 24)
        let transport = try #require(notify.makeTransport() as? SMTPTransport)
        #expect(transport.destination == "the SMTP relay mail.firma.se:587")
        #expect(transport.heloName == "sync1.firma.se" && transport.timeoutSeconds == 10)
    }

    static let malformed: [MalformedConfiguration] = [
        .init(
            "O5: bad address", .minimal(setting: "notify.to", to: ["ekonomi@firma.se", "ekonomi"]),
            keyPath: "notify.to[1]",
            mentions: ["\"ekonomi\" is not a usable e-mail address: it has no @"]),
        .init(
            "O5: one address as a string", .minimal(setting: "notify.to", to: "ekonomi@firma.se"), keyPath: "notify.to",
            mentions: ["expected an array of e-mail addresses, e.g. [\"ekonomi@firma.se\"], found \"ekonomi@firma.se\""]
        ),
        .init(
            "O5: an address twice", .minimal(setting: "notify.to", to: ["a@firma.se", "A@firma.se"]),
            keyPath: "notify.to[1]",
            mentions: ["A@firma.se is listed twice"]),
        .init(
            "O5: a number as an address", .minimal(setting: "notify.to", to: [42]), keyPath: "notify.to[0]",
            mentions: ["expected an e-mail address such as \"ekonomi@firma.se\", found 42"]),
        .init(
            "O5: bad sender", .minimal(setting: "notify.from", to: "brygga@"), keyPath: "notify.from",
            mentions: ["\"brygga@\" is not a usable e-mail address"]),
        .init(
            "O5: unknown transport", .minimal(setting: "notify.transport", to: "smpt"), keyPath: "notify.transport",
            mentions: ["expected one of \"sendmail\", \"smtp\", found \"smpt\""]),
        .init(
            "O5: port out of range", .minimal(setting: "notify.smtp", to: ["port": 70000]), keyPath: "notify.smtp.port",
            mentions: ["expected a positive integer (at most 65535), found 70000"]),
        .init(
            "O5: port zero", .minimal(setting: "notify.smtp", to: ["port": 0]), keyPath: "notify.smtp.port",
            mentions: ["found 0"]),
        .init(
            "O5: port in the host", .minimal(setting: "notify.smtp", to: ["host": "mail.firma.se:587"]),
            keyPath: "notify.smtp.host", mentions: ["write the port in \"port\""]),
        .init(
            "O5: no timeout", .minimal(setting: "notify.smtp", to: ["timeoutSeconds": 0]),
            keyPath: "notify.smtp.timeoutSeconds", mentions: ["expected a positive integer (at most 600)"]),
        .init(
            "O5: relative sendmail path", .minimal(setting: "notify.sendmail", to: ["path": "bin/sendmail"]),
            keyPath: "notify.sendmail.path", mentions: ["expected the absolute path of a sendmail-compatible program"]),
        .init(
            "O5: misspelt key", .minimal(setting: "notify.remindAfterHour", to: 24), keyPath: "notify.remindAfterHour",
            mentions: ["did you mean \"remindAfterHours\"?"]),
        .init(
            "O5: reminders every zero hours", .minimal(setting: "notify.remindAfterHours", to: 0),
            keyPath: "notify.remindAfterHours", mentions: ["expected a positive integer (at most 8760), found 0"]),
        .init(
            "O5: subject prefix on two lines", .minimal(setting: "notify.subjectPrefix", to: "[Brygga]\nBcc: x"),
            keyPath: "notify.subjectPrefix", mentions: ["expected a string on one line"]),
    ]

    @Test(arguments: malformed)
    func namesTheKey(_ malformed: MalformedConfiguration) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(malformed.text, to: "brygga.json")
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path) }
        #expect(error.keyPath == malformed.keyPath)
        #expect(error.description.hasPrefix("\(path): \(malformed.keyPath): "), "\(error.description)")
        for mention in malformed.mentions { #expect(error.description.contains(mention), "\(error.description)") }
    }
}
