public import JSONSupport

/// A fully paid invoice on the accounting side, as the paid-state flow (R6) reads it.
public struct PaidInvoice: SyncRecord {
    public static let entity = EntityKind.paidState

    /// Our external reference on the invoice (the Severa invoice's sync key).
    public var externalReference: String
    /// The date of the final payment.
    public var finalPayDate: LocalDate

    /// Creates an entry.
    public init(externalReference: String, finalPayDate: LocalDate) {
        self.externalReference = externalReference
        self.finalPayDate = finalPayDate
    }

    public var naturalKey: String { externalReference }

    public var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("externalReference", externalReference)
        writer.set("finalPayDate", finalPayDate)
        return writer.json
    }

    public init(canonicalJSON: JSONValue) throws(CanonicalFormError) {
        let reader = try CanonicalReader(canonicalJSON, entity: Self.entity)
        guard let date = try reader.optionalDate("finalPayDate") else {
            throw reader.error("finalPayDate", reason: "missing")
        }
        self.init(externalReference: try reader.string("externalReference"), finalPayDate: date)
    }
}
