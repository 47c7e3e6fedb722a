/// The kinds of records Brygga synchronises; the raw value is what the state store and transfer log hold.
public enum EntityKind: String, Sendable, Hashable, CaseIterable, Codable {
    case unit
    case product
    case customer
    case project
    case invoice
    case projectFee = "project_fee"
    case paidState = "paid_state"
    /// Not a record: the transfer log itself, the subject of `brygga log prune`'s own entry (O4).
    case transferLog = "transfer_log"

    /// The order flows run in: a record's dependencies go first (R3.3, R4.2).
    public static let flowOrder: [EntityKind] = [
        .unit, .product, .customer, .project, .invoice, .projectFee, .paidState,
    ]
}
