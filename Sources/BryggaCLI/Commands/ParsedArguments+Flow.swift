import SyncCore

extension ParsedArguments {
    /// The master-data flows an operator can name: `product`, `customer`, `project` (plurals accepted).
    static let flowNames = ["product", "customer", "project"]

    /// The flow named by `--flow`, or `nil` when the option was not given.
    ///
    /// - Throws: ``UsageError`` naming the option and the accepted values.
    func flow() throws(UsageError) -> EntityKind? {
        try value("flow", expected: "one of product, customer, project") { text in
            let singular = text.hasSuffix("s") ? String(text.dropLast()) : text
            return Self.flowNames.contains(singular) ? EntityKind(rawValue: singular) : nil
        }
    }
}
