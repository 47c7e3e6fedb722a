import Foundation

/// The real SMTP server the mail tests deliver to (NotifyTests and the CLI's digest tests): aiosmtpd (Debian's python3-aiosmtpd) on
/// 127.0.0.1, storing every message in a Maildir (`scripts/smtp-test-server.py`).
///
/// `scripts/test.sh` starts one for the whole test run and exports `BRYGGA_TEST_SMTP_PORT` and
/// `BRYGGA_TEST_MAILDIR`. Without them (a plain `swift test`), the first test that needs the server
/// starts the same script itself; it stops and deletes its Maildir when this process ends (its
/// standard input closes). When the package is missing the tests fail with the script's message,
/// they never pass silently.
package struct TestMailServer: Sendable {
    /// The port on 127.0.0.1.
    package let port: UInt16
    /// The Maildir; delivered messages are files in `new/`.
    package let maildir: String

    /// The server for this test process, started on first use.
    package static func shared() throws -> TestMailServer {
        try instance.get()
    }

    private static let instance: Result<TestMailServer, TestMailServerError> = {
        let environment = ProcessInfo.processInfo.environment
        if let portText = environment["BRYGGA_TEST_SMTP_PORT"], let port = UInt16(portText),
            let maildir = environment["BRYGGA_TEST_MAILDIR"]
        {
            return .success(TestMailServer(port: port, maildir: maildir))
        }
        return Result { () throws(TestMailServerError) in try start() }
    }()

    /// Every message delivered to `recipient` (an envelope recipient), oldest first.
    package func messages(to recipient: String) throws -> [DeliveredMail] {
        let directory = maildir + "/new"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        let mails = try names.map { name in
            let path = directory + "/" + name
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let modified = attributes[.modificationDate] as? Date ?? .distantPast
            return (modified, try DeliveredMail(Array(Data(contentsOf: URL(fileURLWithPath: path)))))
        }
        return mails.filter { $0.1.envelopeRecipients.contains(recipient) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A recipient address no other test uses, so each test finds its own messages.
    package static func uniqueRecipient(_ label: String = "ekonomi") -> String {
        "\(label)-\(UUID().uuidString.prefix(8).lowercased())@brygga.test"
    }

    private static func start() throws(TestMailServerError) -> TestMailServer {
        let python = "/usr/bin/python3"
        guard let root = packageRoot() else { throw TestMailServerError("cannot find the package root") }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestMailServerError(
                "\(python) is missing: install python3-aiosmtpd (scripts/install-dependencies.sh does)")
        }
        let maildir = FileManager.default.temporaryDirectory.path + "/brygga-test-mail-" + UUID().uuidString
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            root + "/scripts/smtp-test-server.py", "--maildir", maildir, "--until-stdin-closes", "--remove-on-exit",
        ]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw TestMailServerError("cannot start scripts/smtp-test-server.py: \(error)")
        }
        // The first line is "port N" once it listens; end of file means it failed to start.
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("port "), let port = UInt16(text.dropFirst(5).prefix { $0.isNumber }) else {
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw TestMailServerError("the test mail server did not start: \(message)")
        }
        // Kept for the life of the process: the server stops when the write end of its stdin closes.
        ServerProcess.keep(process, input)
        return TestMailServer(port: port, maildir: maildir)
    }

    private static func packageRoot(from file: String = #filePath) -> String? {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}

/// Why the test mail server is not there.
package struct TestMailServerError: Error, CustomStringConvertible {
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Holds the started server process and its stdin pipe for the life of the test process.
private enum ServerProcess {
    // Written once, under the static initializer's lock; never read.
    nonisolated(unsafe) private static var kept: [AnyObject] = []

    static func keep(_ process: Process, _ input: Pipe) {
        kept = [process, input]
    }
}
