import BryggaCLI
import Foundation
import JSONSupport
import MailTestSupport
import Sandbox
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import SyncStore
import Testing

/// The failure digest after runs (O5) and the log that stays small (O4), through the `brygga` binary
/// against a loopback sandbox, delivered to a real SMTP server (aiosmtpd) and read back from its
/// Maildir. The sandbox holds only the customers a test seeds, with the customer flow on, so each run is
/// small; serialized, because each test starts a sandbox and several `brygga` processes, and running
/// them all at once loads a 2-core machine enough to upset the timing of other suites.
@Suite(.serialized) struct DigestEndToEndTests {
    /// A sandbox, its `brygga.json` with a `notify` section, and the mailbox of a recipient no other test uses.
    private struct MailBed {
        let bed: SyncTestbed
        let server: TestMailServer
        let recipient = TestMailServer.uniqueRecipient()

        init() async throws {
            bed = try await SyncTestbed(
                flows: ["products": false, "customers": true, "projects": false], populate: false)
            server = try TestMailServer.shared()
            try configure()
        }

        /// Seeds a Severa customer with a billing address and `vat`, as a Severa user would have entered it.
        func seedCustomer(_ number: Int64, _ name: String, vat: String? = "SE556677889901") throws {
            let references = try SeveraReferenceIDs(state: bed.sandbox.severa.exportState())
            let country = try #require(references.countries["SE"])
            var model: [String: JSONValue] = ["number": .number(JSONNumber(number)), "name": .string(name)]
            if let vat { model["vatNumber"] = .string(vat) }
            let guid = try #require(try bed.sandbox.severa.seed(.customers, .object(model))["guid"]?.stringValue)
            _ = try bed.sandbox.severa.seedAddress(
                customerGuid: guid,
                [
                    "addressline": "Storgatan 1", "postalCode": "702 10", "city": "Örebro",
                    "country": ["guid": .string(country)], "isBillingAddress": true, "isPostalAddress": false,
                    "isVisitAddress": false,
                ])
        }

        /// Writes `brygga.json` with `notify` delivering through SMTP on `port` (the test server's by default).
        func configure(port: UInt16? = nil, notify extra: [String: JSONValue] = [:]) throws {
            var notify: [String: JSONValue] = [
                "to": [.string(recipient)], "from": "Brygga på sync1 <brygga@firma.test>", "transport": "smtp",
                "smtp": [
                    "host": "127.0.0.1", "port": .number(JSONNumber(Int64(port ?? server.port))), "timeoutSeconds": 10,
                ],
            ]
            notify.merge(extra) { $1 }
            var document = try bed.configuration().objectValue ?? [:]
            document["notify"] = .object(notify)
            try bed.directory.writeJSON(.object(document))
        }

        /// The items in the retry queue, every flow.
        func queued() throws -> Int {
            let runtime = try bed.runtime()
            defer { runtime.shutdown() }
            var count = 0
            for entity in EntityKind.flowOrder { count += try runtime.store.pendingRetries(entity: entity).count }
            return count
        }

        func brygga(_ arguments: [String]) async throws -> BryggaProcessResult {
            try await bed.brygga(arguments)
        }

        /// The digests delivered so far, oldest first.
        func mails() throws -> [DeliveredMail] {
            try server.messages(to: recipient)
        }

        /// Gives Severa customer `number` a Swedish name and an invalid VAT number, as a user would;
        /// returns its Severa id.
        func breakTheCustomer(_ number: String) async throws -> String {
            let runtime = try bed.runtime()
            defer { runtime.shutdown() }
            var customer = try #require(try await runtime.severa.customers.find(naturalKey: number))
            customer.record.name = "Åkesson & Söner AB"
            customer.record.vatNumber = "SE123"
            _ = try await runtime.severa.customers.update(
                id: customer.id, fields: ["name", "vatNumber"], to: customer.record)
            return customer.id
        }

        /// Gives the customer `number` a valid VAT number.
        func fixTheCustomer(_ number: String) async throws {
            let runtime = try bed.runtime()
            defer { runtime.shutdown() }
            var customer = try #require(try await runtime.severa.customers.find(naturalKey: number))
            customer.record.vatNumber = "SE556677889901"
            _ = try await runtime.severa.customers.update(id: customer.id, fields: ["vatNumber"], to: customer.record)
        }
    }

    @Test(
        "O5 (Done means): a broken VAT number is mailed once naming the customer and the fix, not again, and once resolved"
    )
    func aBrokenCustomerIsMailedOnceAndResolvedOnce() async throws {
        let mail = try await MailBed()
        try mail.seedCustomer(1042, "Kund 1042 AB")
        let first = try await mail.brygga(["run"])
        #expect(first.status == 0, "\(first.errorOutput)")
        #expect(try mail.mails().isEmpty, "nothing failed, nothing is mailed")

        let number = "1042"
        let id = try await mail.breakTheCustomer(number)
        let broken = try await mail.brygga(["run"])
        #expect(broken.status == 1, "\(broken.errorOutput)")
        #expect(
            broken.output.contains("Mailed a failure digest to \(mail.recipient) through the SMTP relay 127.0.0.1:"))
        for _ in 0..<2 { #expect(try await mail.brygga(["run"]).status == 1) }

        var mails = try mail.mails()
        try #require(mails.count == 1, "one mail for the new failure, none for the runs after it")
        #expect(mails[0].subject == "[Brygga] 1 new failure (run 2)")
        let body = mails[0].body
        #expect(body.contains("NEW FAILURES (1)\n\n  customer \(number) Åkesson & Söner AB\n"), "\(body)")
        #expect(body.contains("Severa id:  \(id)\n"), "\(body)")
        #expect(body.contains("Fortnox id: \(number)\n"), "both ids: \(body)")
        #expect(body.contains("Rule:       R2.2\n"))
        #expect(body.contains("Reason:     customer \(number) \"Åkesson & Söner AB\": VAT number \"SE123\""))
        #expect(body.contains("Fix:        enter a valid VAT number (e.g. SE556677889901) on the customer"))
        #expect(body.contains("Since:      "))
        #expect(
            body.contains("History:    brygga log --config \(mail.bed.directory.file("brygga.json")) --record \(id)"))
        #expect(
            DeliveredMail.decodeEncodedWords(mails[0].header("From") ?? "") == "Brygga på sync1 <brygga@firma.test>")

        // O4: the customer's failure is logged once; the runs after it count attempts.
        let history = try await mail.brygga(["log", "--record", "Åkesson & Söner AB"])
        #expect(history.status == 0, "\(history.errorOutput)")
        let failedLines = history.output.split(separator: "\n").filter { $0.contains(" failed ") }
        #expect(failedLines.count == 1, "\(history.output)")
        #expect(failedLines.first?.contains("\"Åkesson & Söner AB\"") == true)
        #expect(history.output.contains("    still failing: 3 attempts, the last "), "\(history.output)")
        let status = try await mail.brygga(["status"])
        #expect(status.output.contains("customer \(number) \"Åkesson & Söner AB\" from Severa, 3 attempt(s) since"))
        #expect(status.output.contains("Failure digest: last sent "), "\(status.output)")
        #expect(status.output.contains("to \(mail.recipient) through the SMTP relay 127.0.0.1:"))
        #expect(status.output.contains(": 1 new, 0 resolved, 0 still failing, after run 2"))

        try await mail.fixTheCustomer(number)
        #expect(try await mail.brygga(["run"]).status == 0)
        #expect(try await mail.brygga(["run"]).status == 0)

        mails = try mail.mails()
        try #require(mails.count == 2, "one resolved mail, and nothing after it")
        #expect(mails[1].subject == "[Brygga] 1 resolved (run 5)")
        #expect(mails[1].body.contains("RESOLVED SINCE THE LAST MAIL (1)\n  customer \(number) (Severa id \(id)): "))
        let log = try await mail.brygga(["log", "--record", id])
        let actions = log.output.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map {
            $0.split(separator: " ")[4]
        }
        #expect(actions == ["created", "failed", "updated"], "first failure and resolution only: \(log.output)")
    }

    @Test("O5: with the mail server down the run's status is unchanged; the next run sends it and nothing is lost")
    func aFailedSendIsSentByTheNextRun() async throws {
        let mail = try await MailBed()
        try mail.seedCustomer(2001, "Ogiltig Moms AB", vat: nil)
        try mail.seedCustomer(2002, "Västerviks Måleri AB", vat: "SE55667788")
        let closed = try unusedLoopbackPort()
        try mail.configure(port: closed)

        let down = try await mail.brygga(["run"])
        #expect(down.status == 1, "failed items, as without mail: \(down.errorOutput)")
        #expect(
            down.errorOutput.contains(
                "brygga: the failure digest was not sent: SMTP relay 127.0.0.1:\(closed): cannot connect: Connection "
                    + "refused; the next run tries again (the run's exit status is not affected)"),
            "\(down.errorOutput)")
        #expect(try mail.mails().isEmpty)
        let status = try await mail.brygga(["status"])
        #expect(status.output.contains("Failure digest: the last one ("), "\(status.output)")
        #expect(status.output.contains("was NOT sent "))
        #expect(status.output.contains("cannot connect: Connection refused; the next run tries again"))

        try mail.configure()
        let up = try await mail.brygga(["run"])
        #expect(up.status == 1)
        let queued = try mail.queued()
        let mails = try mail.mails()
        try #require(mails.count == 1)
        #expect(queued == 2)
        #expect(mails[0].subject == "[Brygga] 2 new failures (run 2)", "every failure of run 1 is in it")
        #expect(mails[0].body.contains("  customer 2002 Västerviks Måleri AB\n"), "\(mails[0].body)")
        #expect(try await mail.brygga(["run"]).status == 1)
        #expect(try mail.mails().count == 1, "and not again")
    }

    @Test("O5: a run stopped by an unavailable API (69) is mailed once over several runs, and once when resolved")
    func aFatalStopIsMailedOncePerCause() async throws {
        let mail = try await MailBed()
        try mail.seedCustomer(2001, "Ogiltig Moms AB", vat: nil)
        mail.bed.sandbox.injectFaults(try FaultPlan.parse("GET /3/customers: html200=1"))
        for _ in 0..<3 {
            let stopped = try await mail.brygga(["run"])
            #expect(stopped.status == 69, "\(stopped.errorOutput)")
        }
        var mails = try mail.mails()
        try #require(mails.count == 1, "one mail for the cause, though every run stopped")
        #expect(mails[0].subject.hasPrefix("[Brygga] run stopped (exit 69)"), "\(mails[0].subject)")
        #expect(
            mails[0].body.contains(
                "THE RUN STOPPED\n\n  Exit 69 (Fortnox): answers that are not the API's: GET /3/customers\n"))
        #expect(mails[0].body.contains("Fix:    check the network and the API's status page"), "\(mails[0].body)")

        mail.bed.sandbox.injectFaults(nil)
        let recovered = try await mail.brygga(["run"])
        #expect(recovered.status == 1, "the bad customer fails now that customers are read")
        mails = try mail.mails()
        try #require(mails.count == 2)
        #expect(mails[1].subject == "[Brygga] 1 new failure, 1 resolved (run 4)", "\(mails[1].subject)")
        #expect(
            mails[1].body.contains(
                "The run no longer stops: exit 69 (Fortnox): answers that are not the API's: GET /3/customers"))
    }

    @Test("O5: the sendmail transport delivers the digest through a real sendmail (msmtp), Swedish text intact")
    func theDigestGoesThroughARealSendmail() async throws {
        let mail = try await MailBed()
        let msmtp = "/usr/bin/msmtp"
        try #require(
            FileManager.default.isExecutableFile(atPath: msmtp),
            "msmtp is missing: install Debian's msmtp (scripts/install-dependencies.sh does)")
        let rc = try mail.bed.directory.write(
            "defaults\nauth off\ntls off\naccount default\nhost 127.0.0.1\nport \(mail.server.port)\n", to: "msmtprc")
        let sendmail = try mail.bed.directory.write(
            "#!/bin/sh\nexec \(msmtp) -C \(rc) \"$@\"\n", to: "sendmail", mode: 0o700)
        try mail.configure(notify: ["transport": "sendmail", "sendmail": ["path": .string(sendmail)]])
        try mail.seedCustomer(2001, "Åkesson & Söner AB", vat: "SE123")

        let run = try await mail.brygga(["run"])
        #expect(run.output.contains("through sendmail (\(sendmail))"), "\(run.output)\(run.errorOutput)")

        let mails = try mail.mails()
        try #require(mails.count == 1)
        #expect(mails[0].header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(mails[0].envelopeSender == "brygga@firma.test")
        #expect(mails[0].subject == "[Brygga] 1 new failure (run 1)")
        #expect(mails[0].body.contains("  customer 2001 Åkesson & Söner AB\n"), "\(mails[0].body)")
    }

    @Test(
        "O5: a configuration that stops loading (78) is mailed once when its notify key still reads; fixed, once more")
    func aBrokenConfigurationIsMailedOnce() async throws {
        let mail = try await MailBed()
        try mail.seedCustomer(1042, "Kund 1042 AB")
        #expect(try await mail.brygga(["run"]).status == 0)
        let good = try mail.bed.directory.read("brygga.json")
        _ = try mail.bed.directory.write(
            good.replacingOccurrences(of: "\"enabled\"", with: "\"metricsFile\": 5, \"enabled\""), to: "brygga.json")
        for _ in 0..<2 {
            let broken = try await mail.brygga(["run"])
            #expect(broken.status == 78, "\(broken.errorOutput)")
        }
        var mails = try mail.mails()
        try #require(mails.count == 1, "one mail for the broken file, though two runs stopped")
        #expect(mails[0].subject == "[Brygga] run stopped (exit 78)", "\(mails[0].subject)")
        #expect(mails[0].body.contains("does not load (key metricsFile)"), "\(mails[0].body)")

        _ = try mail.bed.directory.write(good, to: "brygga.json")
        #expect(try await mail.brygga(["run"]).status == 0)
        mails = try mail.mails()
        try #require(mails.count == 2)
        #expect(mails[1].subject == "[Brygga] 1 resolved (run 2)", "\(mails[1].subject)")
    }

    @Test("O5: an unusable state database (74) is mailed once; a marker beside it, owner-only, remembers it")
    func anUnusableStateDatabaseIsMailedOnce() async throws {
        let mail = try await MailBed()
        let database = mail.bed.directory.file("state.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        _ = try mail.bed.directory.write(String(repeating: "not a database\n", count: 20), to: "state.sqlite")
        for _ in 0..<3 {
            let broken = try await mail.brygga(["run"])
            #expect(broken.status == 74, "\(broken.errorOutput)")
        }
        var mails = try mail.mails()
        try #require(mails.count == 1)
        #expect(mails[0].subject == "[Brygga] run stopped (exit 74)")
        #expect(mails[0].body.contains("Exit 74: the state database \(database) is unusable"), "\(mails[0].body)")
        let marker = database + ".notified"
        let attributes = try FileManager.default.attributesOfItem(atPath: marker)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        try FileManager.default.removeItem(atPath: database)
        #expect(try await mail.brygga(["run"]).status == 0, "a new state database")
        mails = try mail.mails()
        try #require(mails.count == 2)
        #expect(mails[1].subject == "[Brygga] 1 resolved (run 1)", "\(mails[1].subject)")
        #expect(mails[1].body.contains("The run no longer stops: exit 74"))
        #expect(!FileManager.default.fileExists(atPath: marker), "the marker goes once the resolution is mailed")
    }

    @Test("O5: a dry run mails nothing")
    func aDryRunMailsNothing() async throws {
        let mail = try await MailBed()
        try mail.seedCustomer(2001, "Ogiltig Moms AB", vat: nil)
        #expect(try await mail.brygga(["run", "--dry-run"]).status == 1)
        #expect(try mail.mails().isEmpty)
    }
}
