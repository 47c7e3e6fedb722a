import JSONSupport

/// A JSON Patch document as Severa takes it: `replace` operations only (D1), one per changed field.
struct JSONPatch: Sendable, Equatable {
    /// The operations so far.
    private(set) var operations: [JSONValue] = []

    /// Adds `{"op":"replace","path":path,"value":value}`.
    mutating func replace(_ path: String, _ value: JSONValue) {
        operations.append(["op": "replace", "path": .string(path), "value": value])
    }

    /// Whether nothing is to be changed.
    var isEmpty: Bool { operations.isEmpty }

    /// The request body.
    var json: JSONValue { .array(operations) }
}
