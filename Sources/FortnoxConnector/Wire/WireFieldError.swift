/// A Fortnox field whose value cannot be read into the canonical model, e.g. `VAT: expected a number,
/// found an object`.
struct WireFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Fortnox field, e.g. `SalesPrice` or `InvoiceRows[2].Price`.
    let field: String
    /// What was wrong with it.
    let reason: String

    var description: String { "\(field): \(reason)" }
}
