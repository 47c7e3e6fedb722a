import Foundation
import JSONSupport
import Testing

@testable import SyncCore

/// The decisions of resends, credit notes, fees and paid states (R4.4, R5.4, R6.1, R6.2).
@Suite("Transfer decisions")
struct TransferDecisionTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    static func transfer(
        _ kind: InvoiceTransferKind = .invoice, number: String? = "5", stage: InvoiceTransferStage = .moved
    ) -> InvoiceTransfer {
        InvoiceTransfer(
            severaID: "guid-1", generation: 1, severaNumber: "10001", kind: kind, fortnoxNumber: number, stage: stage,
            createdAt: now)
    }

    static func fortnox(booked: Bool = true, cancelled: Bool = false, creditedBy: String? = nil) -> AccountingInvoice {
        AccountingInvoice(
            remote: RemoteRecord(id: "5", record: InvoiceStageTests.invoice()), isBooked: booked,
            isCancelled: cancelled,
            isCreditNote: false, creditedBy: creditedBy, balance: 0)
    }

    static func withTotal(_ total: String, creditNote: Bool) -> Invoice {
        var invoice = InvoiceStageTests.invoice()
        invoice.isCreditNote = creditNote
        invoice.creditedInvoiceID = creditNote ? "guid-1" : nil
        let money = InvoiceStageTests.money(total)
        invoice.totals = InvoiceTotals(net: money, vat: InvoiceStageTests.money("0"), total: money)
        return invoice
    }

    @Test("R4.4: the trigger status reached again: move only, refuse a resend without a credit, resend after one")
    func repeatedTransfers() {
        #expect(
            RepeatedTransferDecision.decide(Self.transfer(stage: .created), fortnox: Self.fortnox())
                == .moveStatus(Self.transfer(stage: .created)))
        #expect(
            RepeatedTransferDecision.decide(Self.transfer(), fortnox: Self.fortnox())
                == .alreadyInFortnox(Self.transfer()))
        guard
            case .resend(_, let why) = RepeatedTransferDecision.decide(
                Self.transfer(), fortnox: Self.fortnox(creditedBy: "9"))
        else {
            Issue.record("a credited invoice is not sent again")
            return
        }
        #expect(why == "Fortnox invoice 5 was credited by 9")
        guard
            case .resend = RepeatedTransferDecision.decide(
                Self.transfer(), fortnox: Self.fortnox(booked: false, cancelled: true))
        else {
            Issue.record("a cancelled invoice is not sent again")
            return
        }
        #expect(
            RepeatedTransferDecision.decide(Self.transfer(stage: .created), fortnox: Self.fortnox(creditedBy: "9"))
                == .voidedBeforeMove(Self.transfer(stage: .created), what: "Fortnox invoice 5 was credited by 9"),
            "a pending move of a credited invoice is neither made nor followed by a resend")
        #expect(
            RepeatedTransferDecision.decide(
                Self.transfer(stage: .created), fortnox: Self.fortnox(booked: false, cancelled: true))
                == .voidedBeforeMove(Self.transfer(stage: .created), what: "Fortnox invoice 5 was cancelled"))
        #expect(
            RepeatedTransferDecision.decide(Self.transfer(stage: .created), fortnox: nil)
                == .voidedBeforeMove(Self.transfer(stage: .created), what: "Fortnox invoice 5 no longer exists"))
        #expect(
            RepeatedTransferDecision.decide(Self.transfer(.credit, number: "9"), fortnox: nil)
                == .alreadyInFortnox(Self.transfer(.credit, number: "9")), "a credit note is never credited twice")
    }

    @Test("R4.4: a pending move of an invoice that Brygga's own transfer of its credit note voided is made")
    func pendingMoveAfterItsOwnCreditNote() {
        let pending = Self.transfer(stage: .created)
        var creditNote = Self.transfer(.cancel, number: nil)
        creditNote.severaID = "guid-2"
        creditNote.severaNumber = "10002"
        creditNote.creditedNumber = "5"
        #expect(
            RepeatedTransferDecision.decide(
                pending, fortnox: Self.fortnox(booked: false, cancelled: true), voidingCreditNote: creditNote)
                == .moveStatusAfterItsCreditNote(
                    pending, what: "Fortnox invoice 5 was cancelled by the transfer of credit note 10002"))
        #expect(
            RepeatedTransferDecision.decide(pending, fortnox: nil, voidingCreditNote: creditNote)
                == .voidedBeforeMove(pending, what: "Fortnox invoice 5 no longer exists"),
            "an invoice gone from Fortnox is not explained by a credit note")
        #expect(
            RepeatedTransferDecision.decide(
                Self.transfer(), fortnox: Self.fortnox(booked: false, cancelled: true), voidingCreditNote: creditNote)
                == .resend(previous: Self.transfer(), why: "Fortnox invoice 5 was cancelled"),
            "an invoice moved on and back after its credit is still sent again")
    }

    @Test(
        "decision 3: a full credit note credits a booked invoice or cancels an unbooked one; a partial one is refused")
    func creditNotes() {
        let original = Self.withTotal("1000", creditNote: false)
        let full = Self.withTotal("-1000", creditNote: true)
        let partial = Self.withTotal("-400", creditNote: true)
        func plan(_ note: Invoice, _ fortnox: AccountingInvoice?) -> CreditNotePlan {
            CreditNotePlan.plan(
                note, original: Self.transfer(), originalInvoice: original, fortnox: fortnox, received: "Överförd")
        }
        #expect(plan(full, Self.fortnox()) == .credit(number: "5"))
        #expect(plan(full, Self.fortnox(booked: false)) == .cancel(number: "5"))
        #expect(plan(full, Self.fortnox(creditedBy: "9")) == .alreadyCredited(number: "5", creditNumber: "9"))
        guard case .refused(let violation) = plan(partial, Self.fortnox()) else {
            Issue.record("a partial credit note was planned")
            return
        }
        #expect(violation.reason.contains("a partial credit"))
        #expect(violation.hint?.contains("move the Severa credit note to \"Överförd\" by hand") == true)
        guard
            case .refused(let untransferred) = CreditNotePlan.plan(
                full, original: nil, originalInvoice: nil, fortnox: nil, received: "Överförd")
        else {
            Issue.record("a credit note of an invoice Brygga did not transfer was planned")
            return
        }
        #expect(untransferred.reason.contains("which Brygga did not transfer"))
    }

    @Test("R5.4: a fee row is created once, reported once when it changed, and its invoice's new rows held back")
    func feeDecisions() {
        func fee(_ row: Int, amount: String) -> ProjectFee {
            ProjectFee(
                sourceReference: "fortnox:supplierinvoice/17/row/\(row)", projectNumber: "5100", productCode: "9100",
                description: "Material", date: nil, quantity: 1, unitAmount: InvoiceStageTests.money(amount))
        }
        func link(_ fee: ProjectFee, snapshot: JSONValue? = nil) -> RecordLink {
            RecordLink(
                entity: .projectFee, pmID: "fee-\(fee.sourceReference.suffix(1))", accountingID: fee.sourceReference,
                naturalKey: fee.sourceReference, pmSnapshot: .object([:]),
                accountingSnapshot: snapshot ?? fee.canonicalJSON,
                syncedAt: Self.now)
        }
        let first = fee(1, amount: "10")
        let second = fee(2, amount: "20")
        let third = fee(3, amount: "30")
        #expect(
            FeeDecision.decide([first, second], links: [first.sourceReference: link(first)]) == [.unchanged, .create])
        let changed = fee(1, amount: "15")
        let decisions = FeeDecision.decide(
            [changed, third], links: [changed.sourceReference: link(first)])
        guard case .changedAfterTransfer(_, let changes) = decisions[0], case .heldBack(let reason) = decisions[1]
        else {
            Issue.record("\(decisions)")
            return
        }
        #expect(changes.map(\.field) == ["unitAmount"])
        #expect(reason.contains("supplier invoice 17 changed after some of its rows were transferred"))
        #expect(
            FeeDecision.decide([first], links: [first.sourceReference: link(first, snapshot: .object([:]))])
                == [.refresh(link(first, snapshot: .object([:])))], "an adopted fee learns its row's content")
    }

    @Test("R6.1, R6.2: only an invoice still in the received status moves to paid; a hand-set status is named")
    func paidDecisions() {
        let statuses = ResolvedInvoiceStatuses(
            trigger: InvoiceStatus(id: "T", name: "Klar"), received: InvoiceStatus(id: "R", name: "Överförd"),
            paid: InvoiceStatus(id: "P", name: "Betald"),
            all: ["t": InvoiceStatus(id: "T", name: "Klar"), "x": InvoiceStatus(id: "X", name: "Skickad till kund")])
        #expect(PaidStateDecision.decide(statusID: "r", statuses: statuses) == .move)
        #expect(PaidStateDecision.decide(statusID: "P", statuses: statuses) == .alreadyPaid)
        #expect(PaidStateDecision.decide(statusID: "T", statuses: statuses) == .resendInFlight)
        #expect(
            PaidStateDecision.decide(statusID: "X", statuses: statuses) == .manualStep(statusName: "Skickad till kund"))
        #expect(PaidStateDecision.decide(statusID: nil, statuses: statuses) == .deleted)
    }
}
