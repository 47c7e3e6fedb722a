import Foundation
import JSONSupport

/// The values of one entity by field position; `nil` means "not set" (the field's default shows).
///
/// Used for input (only the fields a client sent are set), for the working copy of a record while a
/// write is validated, and for rendering.
struct FieldValues: Sendable {
    /// The schema the positions refer to.
    let schema: EntitySchema
    /// One slot per field of ``schema``.
    var slots: [JSONValue?]

    /// Creates values with nothing set.
    init(schema: EntitySchema) {
        self.schema = schema
        self.slots = Array(repeating: nil, count: schema.fields.count)
    }

    /// The value set for the field named `name`, or `nil`.
    subscript(name: String) -> JSONValue? {
        get { slots[schema.index(of: name)] }
        set { slots[schema.index(of: name)] = newValue }
    }

    /// Whether the field named `name` is set.
    func isSet(_ name: String) -> Bool {
        slots[schema.index(of: name)] != nil
    }

    /// The value the field shows: the one set, else its default.
    func resolved(_ name: String) -> JSONValue {
        let position = schema.index(of: name)
        return slots[position] ?? schema.fields[position].absent
    }

    /// The text the field shows; `""` for `null` and non-text values.
    func text(_ name: String) -> String {
        switch resolved(name) {
        case .string(let text): text
        case .number(let number): number.literal
        default: ""
        }
    }

    /// The decimal the field shows; zero for `null` and non-numeric values.
    func decimal(_ name: String) -> Decimal {
        FortnoxDecimal.value(of: resolved(name))
    }

    /// The boolean the field shows (`"true"` counts); `false` otherwise.
    func flag(_ name: String) -> Bool {
        switch resolved(name) {
        case .bool(let flag): flag
        case .string(let text): text == "true"
        default: false
        }
    }

    /// Copies every value set in `patch` over this one (a partial update).
    mutating func apply(_ patch: FieldValues) {
        for position in slots.indices {
            if let value = patch.slots[position] { slots[position] = value }
        }
    }

    /// The values set, as a sparse object (for exported state).
    var sparseJSON: JSONValue {
        var members: [String: JSONValue] = [:]
        for (position, value) in slots.enumerated() {
            if let value { members[schema.fields[position].name] = value }
        }
        return .object(members)
    }
}
