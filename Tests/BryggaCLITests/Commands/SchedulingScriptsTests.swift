import BryggaCLI
import Foundation
import Testing

/// The scheduling examples in `scripts/` (issue 9, O5): the cron wrapper prints (so cron mails)
/// exactly when a run failed, and the systemd failure unit's script mails the failed run's output.
/// Through the built binary against a sandbox.
@Suite struct SchedulingScriptsTests {
    private static func script(_ name: String) throws -> String {
        try #require(PackageRoot.path()) + "/scripts/" + name
    }

    /// Runs `scripts/brygga-cron --config brygga.json` in the testbed with the built binary.
    private func cronRun(_ bed: SyncTestbed, log: String, extra: [String: String] = [:]) async throws
        -> BryggaProcessResult
    {
        let binary = try #require(BryggaProcess.binaryPath())
        return try await ToolProcess.run(
            Self.script("brygga-cron"), ["--config", bed.directory.file("brygga.json")],
            environment: bed.environment.merging(["BRYGGA": binary, "BRYGGA_LOG": log]) { $1 }.merging(extra) { $1 },
            in: bed.directory.path)
    }

    @Test("O5: brygga-cron prints nothing on success and the run's output with its status on exit 1")
    func cronWrapperIsQuietOnlyOnSuccess() async throws {
        let bed = try await SyncTestbed()
        let log = bed.directory.file("run.log")

        let failing = try await cronRun(bed, log: log)

        #expect(failing.status == 1, "the sample data holds bad customers: \(failing.errorOutput)")
        #expect(failing.output.hasPrefix("brygga run exited 1: some records failed"), "\(failing.output)")
        #expect(failing.output.contains("'brygga status' lists them"))
        #expect(try bed.directory.read("run.log").contains("exit 1\nrun 1: products"))

        let quiet = try await cronRun(bed, log: log, extra: ["BRYGGA_ALERT_ON_PARTIAL": "no"])
        #expect(quiet.status == 1)
        #expect(quiet.output.isEmpty && quiet.errorOutput.isEmpty, "\(quiet.output)")

        try bed.directory.writeJSON(bed.configuration(enabled: false))
        let disabled = try await cronRun(bed, log: log)
        #expect(disabled.status == 0)
        #expect(disabled.output.isEmpty && disabled.errorOutput.isEmpty, "cron mails nothing: \(disabled.output)")
        #expect(try bed.directory.read("run.log").contains("The integration is disabled"))
    }

    @Test("O5: brygga-cron is quiet when another run holds the lock (75) and loud on a fatal stop")
    func cronWrapperOnLockAndFatalErrors() async throws {
        let bed = try await SyncTestbed()
        let configuration = try ConfigurationLoader.load(path: bed.directory.file("brygga.json"))
        let lock = try configuration.acquireRunLock()
        let locked = try await cronRun(bed, log: "")
        lock.release()
        #expect(locked.status == 75)
        #expect(locked.output.isEmpty, "\(locked.output)")

        let refused = try await cronRun(bed, log: "", extra: [ClientSecrets.severaVariable: "wrong-secret"])
        #expect(refused.status == 77)
        #expect(refused.output.hasPrefix("brygga run exited 77;"), "\(refused.output)")
        #expect(refused.output.contains("Severa"))
    }

    @Test("O5: brygga-cron says so when it cannot write its log, so the problem is mailed")
    func cronWrapperReportsAnUnwritableLog() async throws {
        let bed = try await SyncTestbed(enabled: false)
        let result = try await cronRun(bed, log: bed.directory.file("missing/run.log"))
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("brygga-cron: cannot append to \(bed.directory.file("missing/run.log"))"))
    }

    @Test("O5: brygga-failure-mail hands sendmail a mail naming the unit, the host and the exit status")
    func failureMailGoesToSendmail() async throws {
        let directory = try TemporaryDirectory()
        let captured = directory.file("mail.txt")
        let sendmail = try directory.write(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" > \(captured).args\ncat > \(captured)\n", to: "sendmail", mode: 0o755)

        let result = try await ToolProcess.run(
            Self.script("brygga-failure-mail"), ["brygga.service"],
            environment: [
                "BRYGGA_ALERT_MAILTO": "ops@example.com", "BRYGGA_SENDMAIL": sendmail,
                "MONITOR_SERVICE_RESULT": "exit-code", "MONITOR_EXIT_STATUS": "77",
                "MONITOR_INVOCATION_ID": "0123456789abcdef0123456789abcdef",
            ])

        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(try directory.read("mail.txt.args") == "-t -oi\n")
        let mail = try directory.read("mail.txt")
        let (headers, body) = try #require(mail.split(separator: "\n\n", maxSplits: 1).map(String.init).pair)
        #expect(headers.hasPrefix("To: ops@example.com\nSubject: [brygga] brygga.service failed on "))
        #expect(headers.contains("(exit status 77)"))
        #expect(headers.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(body.contains("brygga.service on ") && body.contains("failed: result exit-code, exit status 77."))
    }

    @Test("O5: brygga-failure-mail without a sendmail program says what to install and fails")
    func failureMailWithoutSendmail() async throws {
        let result = try await ToolProcess.run(
            Self.script("brygga-failure-mail"), ["brygga.service"],
            environment: ["BRYGGA_SENDMAIL": "/nonexistent/sendmail"])
        #expect(result.status == 69)
        #expect(result.errorOutput.contains("install msmtp-mta, nullmailer, postfix or exim4"))
    }
}

extension Array {
    /// The two elements of a two-element array, else `nil`.
    fileprivate var pair: (Element, Element)? {
        count == 2 ? (self[0], self[1]) : nil
    }
}
