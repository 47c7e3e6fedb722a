import Foundation
import JSONSupport
import SandboxKit

/// The values of one entity by field position; an unset field shows its default.
///
/// Used for input (only the fields a client sent are set), for the working copy of a record while a
/// write is validated, and for rendering. The positions map into a small array of the values set,
/// so a 65-field entity with ten values set costs ten values, not 65 optionals, to build and free.
struct FieldValues: Sendable {
    /// The schema the positions refer to.
    let schema: EntitySchema
    /// Per position: the index of its value in `stored`, or -1 when unset.
    private var map: [Int16]
    /// The values set, in the order they were first set (cleared positions leave their old value).
    private var stored: [JSONValue] = []

    /// Creates values with nothing set.
    init(schema: EntitySchema) {
        self.schema = schema
        self.map = [Int16](repeating: -1, count: schema.fields.count)
    }

    /// The value set at `position`, or `nil`.
    subscript(position position: Int) -> JSONValue? {
        get {
            let index = Int(map[position])
            // Not `index < 0 ? nil : …`: JSONValue is ExpressibleByNilLiteral, so that `nil` would be `.null`.
            guard index >= 0 else { return Optional.none }
            return stored[index]
        }
        set {
            let index = Int(map[position])
            guard let newValue else {
                map[position] = -1
                return
            }
            if index >= 0 {
                stored[index] = newValue
            } else {
                map[position] = Int16(stored.count)
                stored.append(newValue)
            }
        }
    }

    /// The value set for the field named `name`, or `nil`.
    subscript(name: String) -> JSONValue? {
        get { self[position: schema.index(of: name)] }
        set { self[position: schema.index(of: name)] = newValue }
    }

    /// Whether the field named `name` is set.
    func isSet(_ name: String) -> Bool {
        map[schema.index(of: name)] >= 0
    }

    /// The value the field shows: the one set, else its default.
    func resolved(_ name: String) -> JSONValue {
        let position = schema.index(of: name)
        return self[position: position] ?? schema.fields[position].absent
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
        for position in map.indices {
            if let value = patch[position: position] { self[position: position] = value }
        }
    }

    /// The values set, as a sparse object (for exported state).
    var sparseJSON: JSONValue {
        var members: [String: JSONValue] = [:]
        for position in map.indices {
            if let value = self[position: position] { members[schema.fields[position].name] = value }
        }
        return .object(members)
    }
}
