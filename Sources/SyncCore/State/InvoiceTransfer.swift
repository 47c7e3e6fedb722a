public import Foundation

/// How far an invoice's transfer went (R4.1, R4.4).
public enum InvoiceTransferStage: String, Sendable, Hashable, Codable {
    /// The Fortnox invoice exists (or the credit note's action was done); the Severa status move has not
    /// been confirmed yet.
    case created
    /// The Severa invoice was moved to the received status.
    case moved
}

/// What an invoice's transfer made in Fortnox.
public enum InvoiceTransferKind: String, Sendable, Hashable, Codable {
    /// A new Fortnox invoice.
    case invoice
    /// A full credit note that credited a booked Fortnox invoice: Fortnox made a credit invoice.
    case credit
    /// A full credit note that cancelled an unbooked Fortnox invoice: nothing new was made.
    case cancel
}

/// How the paid state of a transferred invoice was settled (R6).
public enum PaidOutcome: String, Sendable, Hashable, Codable {
    /// Moved to the paid status (R6.1).
    case moved
    /// Already in the paid status.
    case alreadyPaid = "already_paid"
    /// Someone set another status by hand; not overwritten (R6.2).
    case manualStep = "manual_step"
    /// The Severa invoice no longer exists.
    case deleted
}

/// One Severa invoice's transfer to Fortnox in one generation: a resend after a credit is generation 2.
public struct InvoiceTransfer: Sendable, Hashable {
    /// The Severa invoice's guid.
    public var severaID: String
    /// 1 for the first transfer, one more for each resend (R4.4).
    public var generation: Int
    /// The Severa invoice number when it was transferred, if it had one.
    public var severaNumber: String?
    /// What the transfer made.
    public var kind: InvoiceTransferKind
    /// The Fortnox invoice it made (a credit invoice for ``InvoiceTransferKind/credit``); `nil` for a cancel.
    public var fortnoxNumber: String?
    /// For a credit note: the Fortnox invoice it credited or cancelled.
    public var creditedNumber: String?
    /// How far it went.
    public var stage: InvoiceTransferStage
    /// When the Fortnox side was done.
    public var createdAt: Date
    /// When the Severa status move was confirmed.
    public var movedAt: Date?
    /// How the paid state was settled (R6).
    public var paidOutcome: PaidOutcome?
    /// When the paid state was settled.
    public var paidAt: Date?
    /// When a later generation replaced it.
    public var supersededAt: Date?

    /// Creates a transfer.
    public init(
        severaID: String, generation: Int, severaNumber: String?, kind: InvoiceTransferKind, fortnoxNumber: String?,
        creditedNumber: String? = nil, stage: InvoiceTransferStage, createdAt: Date, movedAt: Date? = nil,
        paidOutcome: PaidOutcome? = nil, paidAt: Date? = nil, supersededAt: Date? = nil
    ) {
        self.severaID = severaID
        self.generation = generation
        self.severaNumber = severaNumber
        self.kind = kind
        self.fortnoxNumber = fortnoxNumber
        self.creditedNumber = creditedNumber
        self.stage = stage
        self.createdAt = createdAt
        self.movedAt = movedAt
        self.paidOutcome = paidOutcome
        self.paidAt = paidAt
        self.supersededAt = supersededAt
    }
}

/// The transfer state of one Severa invoice attachment (R4.3): uploaded, attached, or skipped for good.
public struct AttachmentTransfer: Sendable, Hashable {
    /// The Severa invoice's guid.
    public var severaID: String
    /// The transfer generation it belongs to.
    public var generation: Int
    /// The Severa invoice file's guid.
    public var fileID: String
    /// The uploaded file's id in Fortnox, once uploaded.
    public var fortnoxFileID: String?
    /// The attachment's id in Fortnox, once attached.
    public var attachmentID: String?
    /// Why it is not transferred (`not a PDF`, `over 5 MB` …); `nil` unless skipped for good.
    public var skipReason: String?

    /// Creates a state.
    public init(
        severaID: String, generation: Int, fileID: String, fortnoxFileID: String? = nil, attachmentID: String? = nil,
        skipReason: String? = nil
    ) {
        self.severaID = severaID
        self.generation = generation
        self.fileID = fileID
        self.fortnoxFileID = fortnoxFileID
        self.attachmentID = attachmentID
        self.skipReason = skipReason
    }

    /// Whether nothing more is to be done for the file.
    public var isSettled: Bool { attachmentID != nil || skipReason != nil }
}

/// A decision logged once and not again while it holds (a fee for a project only in Fortnox, R5.1; a
/// fee row changed after its transfer, R5.4).
public struct LoggedNote: Sendable, Hashable {
    /// The kind of record.
    public var entity: EntityKind
    /// The record's id on its source side.
    public var sourceID: String
    /// What was logged, a stable key such as `fortnox-only-project`.
    public var note: String

    /// Creates a note.
    public init(entity: EntityKind, sourceID: String, note: String) {
        self.entity = entity
        self.sourceID = sourceID
        self.note = note
    }
}

/// Counts of invoice transfers for `brygga status`.
public struct InvoiceTransferCounts: Sendable, Hashable {
    /// Transfers made (current generations).
    public var transferred = 0
    /// Of those, the ones whose Severa status move is not confirmed yet.
    public var awaitingStatusMove = 0
    /// Moved to the paid status (R6.1) or found there.
    public var paid = 0
    /// Left alone because someone set another status by hand (R6.2).
    public var skippedManualStep = 0

    /// Creates counts.
    public init(transferred: Int = 0, awaitingStatusMove: Int = 0, paid: Int = 0, skippedManualStep: Int = 0) {
        self.transferred = transferred
        self.awaitingStatusMove = awaitingStatusMove
        self.paid = paid
        self.skippedManualStep = skippedManualStep
    }
}
