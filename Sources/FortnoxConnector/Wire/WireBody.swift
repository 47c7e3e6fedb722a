import JSONSupport

/// The members of an entity to send, built field by field with the spec's length limits enforced.
struct WireBody: Sendable {
    /// The members set so far.
    private(set) var members: [String: JSONValue] = [:]
    /// The length limits of the entity's fields (see ``FieldLimits``).
    let limits: [String: Int]

    /// Creates an empty body checked against `limits`.
    init(limits: [String: Int]) {
        self.limits = limits
    }

    /// Whether nothing was set.
    var isEmpty: Bool { members.isEmpty }

    /// Sets a text field.
    ///
    /// - Parameters:
    ///   - field: The Fortnox field.
    ///   - value: The value; `nil` or empty clears the field when `clear` is set (an update writing an
    ///     emptied value) and leaves it out otherwise (a create lets Fortnox apply its default).
    ///   - clear: Whether a missing value is written as `""`.
    ///   - note: Words added to a length error, e.g. how the value was composed.
    /// - Throws: ``WireFieldError`` when the value is longer than the field holds.
    mutating func text(_ field: String, _ value: String?, clear: Bool, note: String? = nil) throws(WireFieldError) {
        guard let value, !value.isEmpty else {
            if clear { members[field] = .string("") }
            return
        }
        if let limit = limits[field], FieldLimits.length(of: value) > limit {
            let detail = note.map { " (\($0))" } ?? ""
            throw WireFieldError(
                field: field,
                reason: "Fortnox holds at most \(limit) characters here, the value has "
                    + "\(FieldLimits.length(of: value))\(detail); shorten it at the source")
        }
        members[field] = .string(value)
    }

    /// Sets any JSON value as it is.
    mutating func set(_ field: String, _ value: JSONValue) {
        members[field] = value
    }

    /// The body as an object (an invoice row).
    var json: JSONValue { .object(members) }

    /// The body in its entity wrapper, e.g. `{"Customer":{…}}`, as Fortnox takes it.
    func wrapped(in wrapper: String) -> JSONValue { .object([wrapper: json]) }
}
