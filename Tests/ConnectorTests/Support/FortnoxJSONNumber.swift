import JSONSupport

extension JSONValue {
    /// A JSON number written as `text` (JSONValue has no float literals, by design).
    static func fortnoxNumber(_ text: String) -> JSONValue {
        JSONNumber(literal: text).map(JSONValue.number) ?? .null
    }
}
