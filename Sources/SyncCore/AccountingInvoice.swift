public import Foundation

/// The state of a customer invoice on the accounting side: whether it still counts (R4.4, R6.1) and how
/// it was credited or cancelled.
public struct AccountingInvoice: Sendable, Hashable {
    /// The invoice as canonical record; its id is the document number.
    public var remote: RemoteRecord<Invoice>
    /// Whether the invoice is booked (it can only be credited, not cancelled).
    public var isBooked: Bool
    /// Whether the invoice is cancelled.
    public var isCancelled: Bool
    /// Whether the invoice is itself a credit note.
    public var isCreditNote: Bool
    /// The number of the credit note that credited it, when one did.
    public var creditedBy: String?
    /// The open balance, in the invoice's currency.
    public var balance: Decimal
    /// The date it became fully paid, when it is.
    public var finalPayDate: LocalDate?

    /// Creates a state.
    public init(
        remote: RemoteRecord<Invoice>, isBooked: Bool, isCancelled: Bool, isCreditNote: Bool, creditedBy: String?,
        balance: Decimal, finalPayDate: LocalDate? = nil
    ) {
        self.remote = remote
        self.isBooked = isBooked
        self.isCancelled = isCancelled
        self.isCreditNote = isCreditNote
        self.creditedBy = creditedBy
        self.balance = balance
        self.finalPayDate = finalPayDate
    }

    /// The document number.
    public var documentNumber: String { remote.id }

    /// Whether the invoice still counts: not cancelled, not a credit note and not credited (R4.4).
    public var isLive: Bool { !isCancelled && !isCreditNote && creditedBy == nil }
}

/// A file attached to an accounting-side invoice (Fortnox `/api/fileattachments`, R4.3).
public struct InvoiceAttachment: Sendable, Hashable {
    /// The attachment's id.
    public var id: String
    /// The attached file's id in the accounting side's file store.
    public var fileID: String

    /// Creates an attachment.
    public init(id: String, fileID: String) {
        self.id = id
        self.fileID = fileID
    }
}

/// The longest texts the accounting side holds in the invoice fields Brygga writes (the invoice flow
/// splits longer row texts and shortens longer references, MONEY-FLOWS decision 7).
public struct InvoiceTextLimits: Sendable, Hashable {
    /// A row's description.
    public var rowDescription: Int
    /// Each routable reference field by its canonical target.
    public var references: [InvoiceReferenceField: Int]

    /// Creates limits.
    public init(rowDescription: Int, references: [InvoiceReferenceField: Int]) {
        self.rowDescription = rowDescription
        self.references = references
    }
}

/// The accounting-side invoice fields a Severa value can be routed to (R4.6, `invoices.fieldRoutes`),
/// named as Fortnox names them.
public enum InvoiceReferenceField: String, Sendable, Hashable, CaseIterable, Comparable {
    case yourOrderNumber = "YourOrderNumber"
    case yourReference = "YourReference"
    case ourReference = "OurReference"
    case remarks = "Remarks"
    case comments = "Comments"
    case externalInvoiceReference2 = "ExternalInvoiceReference2"

    public static func < (lhs: InvoiceReferenceField, rhs: InvoiceReferenceField) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// The Severa invoice values that can be routed to a reference field (R4.6).
public enum InvoiceSourceField: String, Sendable, Hashable, CaseIterable, Comparable {
    case orderNumber
    case notes
    case referenceNumber
    case receiverContactName
    case number

    public static func < (lhs: InvoiceSourceField, rhs: InvoiceSourceField) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The value of this field on `invoice`.
    public func value(of invoice: Invoice) -> String? {
        switch self {
        case .orderNumber: invoice.orderNumber
        case .notes: invoice.notes
        case .referenceNumber: invoice.referenceNumber
        case .receiverContactName: invoice.receiverContactName
        case .number: invoice.number
        }
    }
}
