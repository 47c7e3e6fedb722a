public import JSONSupport

/// A fully paid invoice on the accounting side, as the paid-state flow (R6) reads it.
///
/// The flow finds the Severa invoice through its own transfer state by ``documentNumber``, never by
/// ``externalReference`` alone: another integration may fill that field (MONEY-FLOWS §2.3).
public struct PaidInvoice: SyncRecord {
    public static let entity = EntityKind.paidState

    /// The accounting side's number of the invoice (Fortnox `DocumentNumber`).
    public var documentNumber: String
    /// The external reference on the invoice (our Severa invoice key), when it has one.
    public var externalReference: String?
    /// The date of the final payment (`FinalPayDate`, else the latest payment's date).
    public var finalPayDate: LocalDate
    /// Whether more was paid than was owed (the balance is negative); it counts as paid.
    public var isOverpaid: Bool

    /// Creates an entry.
    public init(documentNumber: String, externalReference: String?, finalPayDate: LocalDate, isOverpaid: Bool = false) {
        self.documentNumber = documentNumber
        self.externalReference = externalReference
        self.finalPayDate = finalPayDate
        self.isOverpaid = isOverpaid
    }

    public var naturalKey: String { documentNumber }

    public var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("documentNumber", documentNumber)
        writer.set("externalReference", externalReference)
        writer.set("finalPayDate", finalPayDate)
        if isOverpaid { writer.set("isOverpaid", true) }
        return writer.json
    }

    public init(canonicalJSON: JSONValue) throws(CanonicalFormError) {
        let reader = try CanonicalReader(canonicalJSON, entity: Self.entity)
        guard let date = try reader.optionalDate("finalPayDate") else {
            throw reader.error("finalPayDate", reason: "missing")
        }
        self.init(
            documentNumber: try reader.string("documentNumber"),
            externalReference: try reader.optionalString("externalReference"), finalPayDate: date,
            isOverpaid: try reader.bool("isOverpaid", default: false))
    }
}
