/// A Severa record that does not have the shape or values the canonical model needs, naming the field.
struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field at fault as a path into the Severa model, e.g. `unitPrice.amount` or `rows[2].vatRate`.
    let field: String
    /// What was wrong, e.g. "expected a string, found a number".
    let reason: String

    var description: String { "\(field): \(reason)" }
}
