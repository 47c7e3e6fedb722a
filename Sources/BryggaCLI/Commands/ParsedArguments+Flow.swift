import SyncCore

extension ParsedArguments {
    /// The flows an operator can name (plurals accepted): the master-data flows and the money flows,
    /// `invoice`, `projectFee` (also `fee`, `project_fee`) and `paidState` (also `paid`, `paid_state`).
    static let flowNames: [String: EntityKind] = [
        "product": .product, "customer": .customer, "project": .project, "invoice": .invoice,
        "projectfee": .projectFee, "project_fee": .projectFee, "fee": .projectFee, "paidstate": .paidState,
        "paid_state": .paidState, "paid": .paidState,
    ]

    /// The accepted values, for messages and help.
    static let flowChoices = "product, customer, project, invoice, projectFee or paidState"

    /// The flow named by `--flow`, or `nil` when the option was not given.
    ///
    /// - Throws: ``UsageError`` naming the option and the accepted values.
    func flow() throws(UsageError) -> EntityKind? {
        try value("flow", expected: "one of \(Self.flowChoices)") { text in
            let lowered = text.lowercased()
            let singular = lowered.hasSuffix("s") ? String(lowered.dropLast()) : lowered
            return Self.flowNames[lowered] ?? Self.flowNames[singular]
        }
    }
}
