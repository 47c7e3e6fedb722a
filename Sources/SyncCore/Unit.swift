/// A unit of measure on the accounting side (Fortnox `/3/units`); Severa writes units as free text.
public struct MeasurementUnit: Sendable, Hashable {
    /// The code, e.g. `st`, `h`, `förp` (the key in Fortnox, cannot change).
    public var code: String
    /// The description, e.g. `Styck`.
    public var description: String

    /// Creates a unit.
    public init(code: String, description: String) {
        self.code = code
        self.description = description
    }
}
