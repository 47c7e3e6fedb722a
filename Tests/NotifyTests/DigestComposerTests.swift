import Foundation
import Notify
import Testing

/// The digest composer (O5): one mail per run at most, only when something is new, resolved or
/// due a reminder; the same failure is not mailed again each run.
@Suite struct DigestComposerTests {
    private static let start = Date(timeIntervalSince1970: 1_772_427_600)  // 2026-03-02 06:00 +01:00
    private static let stockholm = TimeZone(identifier: "Europe/Stockholm") ?? .current

    private static func hours(_ count: Double) -> Date { start.addingTimeInterval(count * 3600) }

    private static let vatFailure = DigestFailure(
        entity: "customer", side: .severa, sourceID: "6f1c0a2e-severa", counterpartID: "1042", naturalKey: "1042",
        recordName: "Åkesson & Söner AB", rule: "R2.2", reason: "the VAT number \"SE123\" is not valid",
        hint: "correct the VAT number in Severa; the next run retries it",
        firstFailedAt: start.addingTimeInterval(-600),
        attempts: 1)

    private static let unitFailure = DigestFailure(
        entity: "product", side: .fortnox, sourceID: "9001", naturalKey: "9001", rule: "R1.3",
        reason: "the unit \"pall\" does not exist in Fortnox", firstFailedAt: start.addingTimeInterval(-7200),
        attempts: 4)

    private static let tokenCause = FatalCause(
        exitCode: 77, api: .fortnox, operation: "refreshing the access token",
        detail: "Fortnox refused the refresh token (invalid_grant, request 7f3a)")

    private func composer(remindAfterHours: Int? = nil) -> DigestComposer {
        DigestComposer(
            settings: DigestSettings(
                remindAfterHours: remindAfterHours, timeZone: Self.stockholm,
                configurationPath: "/etc/brygga/brygga.json", hostName: "sync1"))
    }

    /// Composes and, when there is a digest, applies its state as an accepted send would.
    private func runDigest(
        _ composer: DigestComposer, _ run: DigestRun, state: inout [NotifiedFailure]
    ) -> Digest? {
        let digest = composer.compose(run: run, notified: state)
        if let digest { state = digest.stateChanges.applied(to: state) }
        return digest
    }

    private func run(_ id: Int64, at time: Date, _ failures: [DigestFailure], fatal: [FatalCause] = []) -> DigestRun {
        DigestRun(runID: id, finishedAt: time, failures: failures, fatalCauses: fatal)
    }

    @Test("O5: a failure seen in two runs is mailed once")
    func aFailureSeenTwiceIsMailedOnce() throws {
        let composer = composer()
        var state: [NotifiedFailure] = []
        let first = try #require(runDigest(composer, run(1, at: Self.start, [Self.vatFailure]), state: &state))
        #expect(first.counts == DigestCounts(new: 1, stillFailing: 0, reminders: 0, resolved: 0))
        #expect(first.subject == "[Brygga] 1 new failure (run 1)")
        var again = Self.vatFailure
        again.attempts = 2
        #expect(runDigest(composer, run(2, at: Self.hours(0.1), [again]), state: &state) == nil)
        #expect(runDigest(composer, run(3, at: Self.hours(5), [again]), state: &state) == nil)
    }

    @Test("O5: a new failure is given in full: record, both ids, rule, reason, fix, since when, the log command")
    func aNewFailureIsGivenInFull() throws {
        let digest = try #require(composer().compose(run: run(812, at: Self.start, [Self.vatFailure]), notified: []))
        let expected = """
              customer 1042 Åkesson & Söner AB
                Severa id:  6f1c0a2e-severa
                Fortnox id: 1042
                Rule:       R2.2
                Reason:     the VAT number "SE123" is not valid
                Fix:        correct the VAT number in Severa; the next run retries it
                Since:      2026-03-02 05:50 +01:00 (1 attempt)
                History:    brygga log --config /etc/brygga/brygga.json --record 6f1c0a2e-severa
            """
        #expect(digest.body.contains("NEW FAILURES (1)\n\n" + expected + "\n"), "\(digest.body)")
        #expect(digest.body.hasPrefix("Run 812 (finished 2026-03-02 06:00 +01:00) found what is listed below."))
        #expect(
            digest.body.hasSuffix(
                "-- \nSent by Brygga on sync1 for /etc/brygga/brygga.json. "
                    + "A failure is mailed once, and once more when it is resolved.\n"))
    }

    @Test("O5: a fixed failure is reported as resolved once, then nothing more")
    func aResolvedFailureIsMailedOnce() throws {
        let composer = composer()
        var state: [NotifiedFailure] = []
        _ = runDigest(composer, run(1, at: Self.start, [Self.vatFailure, Self.unitFailure]), state: &state)
        let resolved = try #require(runDigest(composer, run(2, at: Self.hours(1), [Self.unitFailure]), state: &state))
        #expect(resolved.counts == DigestCounts(new: 0, stillFailing: 1, reminders: 0, resolved: 1))
        #expect(resolved.subject == "[Brygga] 1 resolved, 1 still failing (run 2)")
        #expect(
            resolved.body.contains(
                """
                RESOLVED SINCE THE LAST MAIL (1)
                  customer 1042 (Severa id 6f1c0a2e-severa): the VAT number "SE123" is not valid [R2.2]; \
                reported 2026-03-02 06:00 +01:00
                """))
        #expect(
            resolved.body.contains(
                """
                STILL FAILING, REPORTED BEFORE (1)
                  product: 1, since 2026-03-02 04:00 +01:00
                  All failures: brygga log --config /etc/brygga/brygga.json --status failed
                """))
        #expect(!resolved.body.contains("NEW FAILURES"))
        #expect(runDigest(composer, run(3, at: Self.hours(2), [Self.unitFailure]), state: &state) == nil)
        #expect(runDigest(composer, run(4, at: Self.hours(3), [Self.unitFailure]), state: &state) == nil)
    }

    @Test("O5: nothing new, nothing resolved: no mail, and the state is left as it was")
    func nothingChangedMeansNoMail() {
        let composer = composer()
        var state: [NotifiedFailure] = []
        #expect(runDigest(composer, run(1, at: Self.start, []), state: &state) == nil)
        _ = runDigest(composer, run(2, at: Self.hours(1), [Self.vatFailure, Self.unitFailure]), state: &state)
        let before = state
        #expect(
            runDigest(composer, run(3, at: Self.hours(2), [Self.unitFailure, Self.vatFailure]), state: &state) == nil)
        #expect(state == before)
    }

    @Test("O5: with remindAfterHours, a still-failing item is mailed in full again once the interval has passed")
    func remindersComeAfterTheInterval() throws {
        let composer = composer(remindAfterHours: 24)
        var state: [NotifiedFailure] = []
        _ = runDigest(composer, run(1, at: Self.start, [Self.vatFailure, Self.unitFailure]), state: &state)
        #expect(
            runDigest(composer, run(2, at: Self.hours(23.9), [Self.vatFailure, Self.unitFailure]), state: &state) == nil
        )
        let reminder = try #require(
            runDigest(composer, run(3, at: Self.hours(24), [Self.vatFailure, Self.unitFailure]), state: &state))
        #expect(reminder.counts == DigestCounts(new: 0, stillFailing: 2, reminders: 2, resolved: 0))
        #expect(reminder.subject == "[Brygga] 2 still failing (run 3)")
        #expect(reminder.body.contains("STILL FAILING MORE THAN 24 HOURS AFTER THE LAST MAIL (2)"))
        #expect(reminder.body.contains("Reason:     the VAT number \"SE123\" is not valid"))
        #expect(reminder.body.hasPrefix("Run 3 (finished 2026-03-03 06:00 +01:00): failures reported before are still"))
        #expect(
            runDigest(composer, run(4, at: Self.hours(30), [Self.vatFailure, Self.unitFailure]), state: &state) == nil)
        #expect(
            runDigest(composer, run(5, at: Self.hours(48), [Self.vatFailure]), state: &state)?.counts.reminders == 1)
    }

    @Test("O5: without remindAfterHours a still-failing item is never mailed again")
    func noRemindersByDefault() {
        let composer = composer()
        var state: [NotifiedFailure] = []
        _ = runDigest(composer, run(1, at: Self.start, [Self.vatFailure]), state: &state)
        #expect(runDigest(composer, run(2, at: Self.hours(24 * 365), [Self.vatFailure]), state: &state) == nil)
    }

    @Test("O5: a fatal cause is mailed once whatever its message says, and again when it is resolved")
    func aFatalCauseIsMailedOnceAndWhenResolved() throws {
        let composer = composer()
        var state: [NotifiedFailure] = []
        let stopped = try #require(
            runDigest(composer, run(1, at: Self.start, [], fatal: [Self.tokenCause]), state: &state))
        #expect(stopped.subject == "[Brygga] run stopped (exit 77) (run 1)")
        #expect(
            stopped.body.contains(
                """
                THE RUN STOPPED

                  Exit 77 (Fortnox): refreshing the access token
                    Error:  Fortnox refused the refresh token (invalid_grant, request 7f3a)
                    Fix:    re-authorise ('brygga auth fortnox') or fix the client id, secret or scopes
                    Since:  2026-03-02 06:00 +01:00
                    Status: brygga status --config /etc/brygga/brygga.json
                """))
        var sameCause = Self.tokenCause
        sameCause.detail = "Fortnox refused the refresh token (invalid_grant, request 9b21)"
        #expect(runDigest(composer, run(2, at: Self.hours(0.1), [], fatal: [sameCause]), state: &state) == nil)
        let resolved = try #require(runDigest(composer, run(3, at: Self.hours(1), []), state: &state))
        #expect(resolved.subject == "[Brygga] 1 resolved (run 3)")
        #expect(
            resolved.body.contains(
                "The run no longer stops: exit 77 (Fortnox): refreshing the access token; reported 2026-03-02 06:00 +01:00"
            ))
        #expect(runDigest(composer, run(4, at: Self.hours(2), []), state: &state) == nil)
    }

    @Test("O5: a run that stopped early resolves records whose queue rows are gone, not failures of no record")
    func aStoppedRunResolvesOnlyWhatItKnows() throws {
        let composer = composer()
        let unitsUnreadable = DigestFailure(
            entity: "unit", side: .fortnox, sourceID: nil, reason: "reading the units failed: 500",
            firstFailedAt: Self.start)
        var state: [NotifiedFailure] = []
        _ = runDigest(composer, run(1, at: Self.start, [Self.vatFailure, unitsUnreadable]), state: &state)
        let stopped = try #require(
            runDigest(composer, run(2, at: Self.hours(1), [], fatal: [Self.tokenCause]), state: &state))
        #expect(stopped.counts == DigestCounts(new: 1, stillFailing: 0, reminders: 0, resolved: 1))
        #expect(stopped.body.contains("customer 1042 (Severa id 6f1c0a2e-severa)"))
        #expect(!stopped.body.contains("reading the units failed"))
        let finished = try #require(runDigest(composer, run(3, at: Self.hours(2), []), state: &state))
        #expect(finished.counts.resolved == 2, "the unit failure and the fatal cause")
    }

    @Test("O5: fingerprints ignore attempts, dates, hints and fatal details, but a new reason is a new failure")
    func fingerprintsAreStable() throws {
        var later = Self.vatFailure
        later.attempts = 9
        later.firstFailedAt = Self.hours(-100)
        later.hint = "another hint"
        later.recordName = "Åkesson & Söner"
        #expect(later.fingerprint == Self.vatFailure.fingerprint)
        #expect(Self.vatFailure.fingerprint.count == 64)
        var otherReason = Self.vatFailure
        otherReason.reason = "the VAT number \"SE1234\" is not valid"
        #expect(otherReason.fingerprint != Self.vatFailure.fingerprint)
        var otherSide = Self.vatFailure
        otherSide.side = .fortnox
        #expect(otherSide.fingerprint != Self.vatFailure.fingerprint)
        let a = DigestFailure(entity: "customer", side: nil, sourceID: "a|b", reason: "c", firstFailedAt: Self.start)
        let b = DigestFailure(
            entity: "customer", side: nil, sourceID: "a", rule: "b", reason: "c", firstFailedAt: Self.start)
        #expect(a.fingerprint != b.fingerprint, "a | in a part cannot make two failures collide")

        let composer = composer()
        var state: [NotifiedFailure] = []
        _ = runDigest(composer, run(1, at: Self.start, [Self.vatFailure]), state: &state)
        let changed = try #require(runDigest(composer, run(2, at: Self.hours(1), [otherReason]), state: &state))
        #expect(changed.counts == DigestCounts(new: 1, stillFailing: 0, reminders: 0, resolved: 1))
    }

    @Test("O5: a failure that comes back after its resolution was mailed is new again")
    func aRecurringFailureIsNewAgain() throws {
        let composer = composer()
        var state: [NotifiedFailure] = []
        _ = runDigest(composer, run(1, at: Self.start, [Self.vatFailure]), state: &state)
        _ = runDigest(composer, run(2, at: Self.hours(1), []), state: &state)
        let back = try #require(runDigest(composer, run(3, at: Self.hours(2), [Self.vatFailure]), state: &state))
        #expect(back.counts == DigestCounts(new: 1, stillFailing: 0, reminders: 0, resolved: 0))
        let row = try #require(state.first)
        #expect(row.firstSeenAt == Self.hours(2) && row.resolvedAt == nil && row.resolvedMailedAt == nil)
    }

    @Test("O5: the state rows are the notified_failures columns, dated by the digest that was sent")
    func stateRowsMapOntoTheTable() throws {
        let composer = composer()
        var state: [NotifiedFailure] = []
        _ = runDigest(composer, run(1, at: Self.start, [Self.vatFailure], fatal: [Self.tokenCause]), state: &state)
        let record = try #require(state.first { $0.entity == "customer" })
        #expect(
            record
                == NotifiedFailure(
                    fingerprint: Self.vatFailure.fingerprint, entity: "customer", side: .severa,
                    sourceID: "6f1c0a2e-severa",
                    naturalKey: "1042", rule: "R2.2", reason: "the VAT number \"SE123\" is not valid",
                    firstSeenAt: Self.start,
                    lastSeenAt: Self.start, mailedAt: Self.start))
        let fatal = try #require(state.first { $0.isFatalCause })
        #expect(fatal.side == .fortnox && fatal.sourceID == nil && fatal.rule == "exit 77")
        #expect(fatal.reason == "refreshing the access token" && fatal.fingerprint == Self.tokenCause.fingerprint)
        _ = runDigest(composer, run(2, at: Self.hours(1), [Self.vatFailure]), state: &state)
        let resolved = try #require(state.first { $0.isFatalCause })
        #expect(resolved.resolvedAt == Self.hours(1) && resolved.resolvedMailedAt == Self.hours(1))
        #expect(state.first { $0.entity == "customer" }?.lastSeenAt == Self.hours(1))
    }

    @Test("O5: a row for a failure that ended before it was ever mailed is dropped without a word")
    func neverMailedRowsAreDropped() throws {
        let unmailed = NotifiedFailure(
            fingerprint: Self.unitFailure.fingerprint, entity: "product", side: .fortnox, sourceID: "9001",
            naturalKey: "9001", rule: "R1.3", reason: Self.unitFailure.reason, firstSeenAt: Self.start,
            lastSeenAt: Self.start, mailedAt: nil)
        let digest = try #require(
            composer().compose(run: run(2, at: Self.hours(1), [Self.vatFailure]), notified: [unmailed]))
        #expect(digest.counts.resolved == 0)
        #expect(digest.stateChanges.deletions == [Self.unitFailure.fingerprint])
        #expect(composer().compose(run: run(2, at: Self.hours(1), []), notified: [unmailed]) == nil)
    }

    @Test("O5: when the mail is not accepted nothing is recorded, and the next run sends it")
    func aFailedSendIsRetriedByTheNextRun() async throws {
        let transport = RecordingMailTransport()
        var loop = try DigestLoop(recipients: ["ekonomi@firma.test"])
        transport.fail(
            with: MailDeliveryError(.temporary, "SMTP relay 127.0.0.1:25: cannot connect: Connection refused"))
        let failed = await loop.afterRun(run(1, at: Self.start, [Self.vatFailure]), transport: transport)
        #expect(
            failed
                == .failed(MailDeliveryError(.temporary, "SMTP relay 127.0.0.1:25: cannot connect: Connection refused"))
        )
        #expect(loop.state.isEmpty)
        transport.fail(with: nil)
        guard
            case .sent(let digest) = await loop.afterRun(
                run(2, at: Self.hours(1), [Self.vatFailure]), transport: transport)
        else {
            Issue.record("the next run should send the digest")
            return
        }
        #expect(digest.counts.new == 1)
        #expect(transport.sent.count == 1)
        #expect(
            await loop.afterRun(run(3, at: Self.hours(2), [Self.vatFailure]), transport: transport) == .nothingToSend)
    }
}
