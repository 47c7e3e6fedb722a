/// A seed the emulator refused, with the same reason the API would give.
public struct SeveraSeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The resource being seeded, e.g. `customers`.
    public let resource: String
    /// The field at fault, when one is named (`name`, `customer.guid`).
    public let field: String?
    /// Why, e.g. "Name is required."
    public let reason: String

    /// Creates an error.
    public init(resource: String, field: String?, reason: String) {
        self.resource = resource
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "cannot seed Severa \(resource)" + (field.map { " (field \($0))" } ?? "") + ": \(reason)"
    }
}
